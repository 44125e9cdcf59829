/**
 * Strategic merge patch, served for `Content-Type: application/strategic-merge-patch+json` — what
 * `kubectl patch` sends by default and what `kubectl apply` (client-side) computes.
 *
 * It is a JSON merge patch (merge-patch.ts) that knows the schema: for a list tagged
 * `patchStrategy: merge` (patch-meta.ts) it merges element by element instead of replacing the
 * list, so a patch can change one container of a Deployment without restating the others:
 *
 *   live   spec.template.spec.containers: [{name: web, image: nginx:1.25}, {name: log, image: busybox}]
 *   patch  {"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}
 *   result containers: [{name: web, image: nginx:1.27}, {name: log, image: busybox}]
 *
 * The steps for one map, as in upstream `mergeMap` (k8s.io/apimachinery/pkg/util/strategicpatch/
 * patch.go, applied server-side through `StrategicMergeMapPatch`):
 *   1. `$patch: replace` → the patch map is the result; `$patch: delete` → an empty map;
 *      any other value → "unknown patch type" (500).
 *   2. `$retainKeys: [..]` → clear the live fields it does not list (a patch field missing from
 *      it is a malformed patch, 400).
 *   3. each `$setElementOrder/<list>` → merge that list now and give it the stated order.
 *   4. every other field: `null` deletes; a field the live map lacks (or holds with another JSON
 *      type) is taken from the patch; maps recurse; lists merge (merge-list.ts) or are replaced;
 *      scalars are replaced. `$deleteFromPrimitiveList/<list>` removes values from that list.
 *      Upstream visits the fields in Go map order; we apply the deletion lists first, then the
 *      rest, so a patch that both adds and deletes one value has one defined outcome.
 *
 * Errors carry upstream's codes (errors.ts): 400 for a patch that is not an object or a
 * malformed directive, 422 for lists of lists, 500 for the other mergepatch errors, 415 for a
 * kind the engine has no patch metadata for (upstream offers strategic merge patch only for
 * built-in kinds).
 */
import { newUnsupportedMediaType } from '../../api/errors.ts';
import {
  cleanPatchValue,
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  directiveOf,
  discardNulls,
  extractKey,
  hasDirectiveMarker,
  RETAIN_KEYS_DIRECTIVE,
  SET_ELEMENT_ORDER_PREFIX,
  stripDirectiveKeys,
} from './directives.ts';
import { normalizeElementOrder, partitionByPresence } from './element-order.ts';
import { patchBadRequest, smpErrors } from './errors.ts';
import { deepClone, goFormat, goTypeName, hasOwn, isJsonObject, jsonKind, setOwn, type JsonObject } from './json-value.ts';
import { mergeSlice, sliceElementKind } from './merge-list.ts';
import { fieldType, lookupField, patchMetaForKind, splitPatchStrategy, type GroupVersionKind, type StructPatchMeta } from './patch-meta.ts';

export function strategicMergePatch(original: unknown, patch: unknown, gvk: GroupVersionKind): unknown {
  const schema = patchMetaForKind(gvk);
  if (!schema) throw newUnsupportedMediaType('application/strategic-merge-patch+json');
  // patch.go `strategicPatchObject` decodes the body into a map[string]interface{}: `null`
  // decodes to an empty patch, anything but an object fails with the json error.
  if (patch !== null && !isJsonObject(patch)) {
    const what = Array.isArray(patch) ? 'array' : typeof patch === 'boolean' ? 'bool' : typeof patch;
    throw patchBadRequest(`json: cannot unmarshal ${what} into Go value of type map[string]interface {}`);
  }
  const target: JsonObject = isJsonObject(original) ? deepClone(original) : {};
  const result = patch === null ? target : mergeMap(target, deepClone(patch), schema);
  stripDirectiveKeys(result);
  return result;
}

/** Upstream `mergeMap`. `original` and `patch` are our own copies; both may be changed. */
function mergeMap(original: JsonObject, patch: JsonObject, schema: StructPatchMeta): JsonObject {
  if (hasDirectiveMarker(patch)) {
    const directive = directiveOf(patch);
    if (directive === 'replace') {
      delete patch['$patch'];
      discardNulls(patch);
      return patch;
    }
    if (directive === 'delete') return {};
    throw smpErrors.badPatchType(typeof directive === 'string' ? directive : goFormat(directive), goFormat(patch));
  }

  applyRetainKeys(original, patch);
  applySetElementOrder(original, patch, schema);

  const keys = Object.keys(patch);
  const ordered = [...keys.filter((k) => k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)), ...keys.filter((k) => !k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX))];
  for (const patchKey of ordered) {
    const patchV = patch[patchKey];
    const isDeleteList = patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX);
    const k = isDeleteList ? extractKey(patchKey, DELETE_FROM_PRIMITIVE_LIST_PREFIX) : patchKey;

    if (patchV === null) {
      delete original[k];
      continue;
    }
    if (!hasOwn(original, k) || jsonKind(original[k]) !== jsonKind(patchV)) {
      // Nothing to merge with: take the patch value (a deletion list has nothing to delete).
      if (!isDeleteList) takeFromPatch(original, k, patchV);
      continue;
    }
    const meta = lookupField(schema, k);
    const { strategy } = splitPatchStrategy(meta.patchStrategy);
    const current = original[k];
    if (isJsonObject(current)) {
      if (strategy === 'replace') takeFromPatch(original, k, patchV);
      else setOwn(original, k, mergeMap(current, patchV as JsonObject, fieldType(meta)));
    } else if (Array.isArray(current)) {
      if (strategy === 'merge') {
        setOwn(original, k, mergeSlice(current, patchV as unknown[], fieldType(meta), meta.patchMergeKey ?? '', isDeleteList, mergeMap));
      } else {
        // No merge strategy: the patch's list replaces the live one (for a deletion list too,
        // as upstream's mergeSliceHandler does).
        discardNulls(patchV);
        setOwn(original, k, patchV);
      }
    } else {
      setOwn(original, k, patchV);
    }
  }
  return original;
}

/** Sets `original[k]` to a value taken whole from the patch, cleaned as upstream does. */
function takeFromPatch(original: JsonObject, k: string, patchV: unknown): void {
  const { value, keep } = cleanPatchValue(patchV);
  if (keep) setOwn(original, k, value);
  else delete original[k];
}

/** Upstream `applyRetainKeysDirective` (server side: MergeParallelList is true). */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!hasOwn(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const list = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!Array.isArray(list)) throw smpErrors.badPatchFormatForRetainKeys();
  const retained = new Set<unknown>(list);
  for (const k of Object.keys(patch)) {
    if (patch[k] === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) || k.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    if (!retained.has(k)) throw smpErrors.badPatchFormatForRetainKeys();
  }
  for (const k of Object.keys(original)) {
    if (!retained.has(k)) delete original[k];
  }
}

/**
 * Upstream `mergePatchIntoOriginal`: for each `$setElementOrder/<list>`, merges `<list>` now and
 * orders the result — `$setElementOrder` first, then the patch's order, then the live order.
 * The list is then removed from `patch` so step 4 does not merge it again.
 */
function applySetElementOrder(original: JsonObject, patch: JsonObject, schema: StructPatchMeta): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw smpErrors.badArgType('[]interface {}', goTypeName(order));
    const field = extractKey(key, SET_ELEMENT_ORDER_PREFIX);

    const foundOriginal = hasOwn(original, field);
    const foundPatch = hasOwn(patch, field);
    const originalList = foundOriginal ? original[field] : [];
    const patchList = foundPatch ? patch[field] : [];
    if (!Array.isArray(originalList)) throw smpErrors.badArgType('[]interface {}', goTypeName(originalList));
    if (!Array.isArray(patchList)) throw smpErrors.badArgType('[]interface {}', goTypeName(patchList));

    const meta = lookupField(schema, field);
    const { strategy } = splitPatchStrategy(meta.patchStrategy);
    const mergeKey = meta.patchMergeKey ?? '';
    validatePatchWithSetOrderList(patchList, order, mergeKey);

    let merged: unknown[];
    if (foundOriginal && !foundPatch) {
      merged = originalList;
    } else if (!foundOriginal && foundPatch) {
      merged = cleanPatchValue(patchList).value as unknown[];
    } else if (foundOriginal && foundPatch) {
      if (strategy === 'merge') {
        merged = mergeSlice(originalList.slice(), patchList, fieldType(meta), mergeKey, false, mergeMap);
      } else {
        discardNulls(patchList);
        merged = patchList;
      }
    } else {
      continue;
    }

    const { patchItems, serverOnly } = partitionByPresence(merged, order, mergeKey);
    const kind = sliceElementKind(originalList, patchList);
    setOwn(original, field, normalizeElementOrder(patchItems, serverOnly, order, originalList, { mergeKey, maps: kind === 'object' }));
    delete patch[field];
  }
}

/**
 * Upstream `validatePatchWithSetOrderList`: the patch's elements (deletions aside) must appear in
 * the `$setElementOrder` list, in the same relative order; otherwise the patch contradicts itself.
 */
function validatePatchWithSetOrderList(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  let items = patchList;
  if (mergeKey !== '') {
    items = [];
    for (const item of patchList) {
      if (!isJsonObject(item)) throw smpErrors.badArgType('map[string]interface {}', goTypeName(item));
      if (!(hasDirectiveMarker(item) && directiveOf(item) === 'delete')) items.push(item);
    }
  }
  const sameKey = (a: unknown, b: unknown): boolean => {
    if (mergeKey === '') return a === b;
    if (!isJsonObject(a)) throw smpErrors.badArgType('map[string]interface {}', goTypeName(a));
    if (!isJsonObject(b)) throw smpErrors.badArgType('map[string]interface {}', goTypeName(b));
    if (!hasOwn(a, mergeKey)) throw smpErrors.noMergeKey(goFormat(a), mergeKey);
    if (!hasOwn(b, mergeKey)) throw smpErrors.noMergeKey(goFormat(b), mergeKey);
    return a[mergeKey] === b[mergeKey];
  };
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    if (hasDirectiveMarker(items[p])) {
      p++;
      continue;
    }
    if (sameKey(items[p], order[o])) p++;
    o++;
  }
  if (p < items.length && o >= order.length) {
    throw smpErrors.listOrderMismatch(goFormat(patchList), goFormat(order));
  }
}
