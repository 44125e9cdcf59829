/**
 * Merging two lists under `patchStrategy: merge` (k8s.io/apimachinery/pkg/util/strategicpatch/
 * patch.go `mergeSlice`, `mergeSliceWithSpecialElements`, `mergeSliceWithoutSpecialElements`).
 *
 * Lists of scalars (`finalizers`) become the union of both, without duplicates; a parallel
 * `$deleteFromPrimitiveList/<field>` list removes values instead:
 *
 *   live [a, b]   patch [c]                                → [c, a, b]
 *   live [a, b]   $deleteFromPrimitiveList/finalizers [a]  → [b]
 *
 * Lists of maps (`containers`) are matched on the merge key (`name`): a patch element whose key
 * is live merges into that element (recursively, with the element type's own rules: a
 * container's `env` merges by `name` too), any other is added; special elements act on the list:
 *
 *   {name: web, $patch: delete}   removes every live element named web
 *   {$patch: replace}             the result is the patch's other elements, nothing live kept
 *   {$patch: merge}               "merging lists cannot yet be specified in the patch" (500)
 */
import { patchServerError, smpErrors } from './errors.ts';
import { directiveOf, discardNulls, hasDirectiveMarker } from './directives.ts';
import { normalizeElementOrder, findByMergeKey, partitionByPresence } from './element-order.ts';
import { goFormat, hasOwn, jsonKind, type JsonKind, type JsonObject } from './json-value.ts';
import type { StructPatchMeta } from './patch-meta.ts';

/** Merges two maps with the rules of `schema` (strategic-merge-patch.ts `mergeMap`). */
export type MergeMap = (original: JsonObject, patch: JsonObject, schema: StructPatchMeta) => JsonObject;

/**
 * Upstream `sliceElementType`: the one kind every element of the given lists shares. Lists of
 * lists are refused (422), mixed kinds and empty lists are errors (500).
 */
export function sliceElementKind(...lists: unknown[][]): JsonKind {
  let kind: JsonKind | undefined;
  for (const list of lists) {
    for (const v of list) {
      const k = jsonKind(v);
      if (kind === undefined) {
        kind = k;
        if (k === 'array') throw smpErrors.noListOfLists();
      } else if (k !== kind) {
        throw patchServerError(`list element types are not identical: [${lists.map(goFormat).join(' ')}]`);
      }
    }
  }
  if (kind === undefined) throw patchServerError('no elements in any of the given slices');
  return kind;
}

/**
 * Merges `patch` into `original` (both our own copies, updated in place) for a list whose field
 * has `patchStrategy: merge`. `elementSchema` describes each element; `isDeleteList` is set when
 * `patch` came from `$deleteFromPrimitiveList/<field>`.
 */
export function mergeSlice(
  original: unknown[],
  patch: unknown[],
  elementSchema: StructPatchMeta,
  mergeKey: string,
  isDeleteList: boolean,
  mergeMap: MergeMap,
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);

  let merged: unknown[];
  if (kind !== 'object') {
    if (isDeleteList) {
      const toDelete = new Set(patch);
      return original.filter((v) => !toDelete.has(v));
    }
    merged = [...new Set([...original, ...patch])];
  } else {
    if (mergeKey === '') throw patchServerError(`cannot merge lists without merge key for ${elementSchema.name || 'type map'}`);
    ({ original, patch } = applySpecialElements(original as JsonObject[], patch as JsonObject[], mergeKey));
    merged = mergeByKey(original as JsonObject[], patch as JsonObject[], mergeKey, elementSchema, mergeMap);
  }

  // Enforce the order: patch items in patch order, live items in live order (element-order.ts).
  const { patchItems, serverOnly } = partitionByPresence(merged, patch, kind === 'object' ? mergeKey : '');
  return normalizeElementOrder(patchItems, serverOnly, patch, original, { mergeKey, maps: kind === 'object' });
}

/**
 * Upstream `mergeSliceWithSpecialElements`: applies `$patch: delete` elements to `original` and
 * `$patch: replace` to the whole list; returns the live list and the patch without them.
 */
function applySpecialElements(original: JsonObject[], patch: JsonObject[], mergeKey: string): { original: unknown[]; patch: unknown[] } {
  const plain: JsonObject[] = [];
  let replace = false;
  for (const item of patch) {
    if (!hasDirectiveMarker(item)) {
      plain.push(item);
      continue;
    }
    const directive = directiveOf(item);
    switch (directive) {
      case 'delete': {
        if (!hasOwn(item, mergeKey)) throw smpErrors.noMergeKey(goFormat(item), mergeKey);
        const value = item[mergeKey];
        let i: number;
        while ((i = findByMergeKey(original, mergeKey, value)) >= 0) original = [...original.slice(0, i), ...original.slice(i + 1)];
        break;
      }
      case 'replace':
        replace = true; // keep scanning: every other directive element is pruned too
        break;
      case 'merge':
        throw patchServerError('merging lists cannot yet be specified in the patch');
      default:
        throw smpErrors.badPatchType(typeof directive === 'string' ? directive : goFormat(directive), goFormat(item));
    }
  }
  if (replace) {
    for (const item of plain) discardNulls(item);
    return { original: plain, patch: [] };
  }
  return { original, patch: plain };
}

/**
 * Upstream `mergeSliceWithoutSpecialElements`: each patch element merges into the live element
 * with the same merge key value, or is appended. Every patch element must carry the merge key.
 */
function mergeByKey(original: JsonObject[], patch: JsonObject[], mergeKey: string, schema: StructPatchMeta, mergeMap: MergeMap): unknown[] {
  const out: unknown[] = original.slice();
  for (const item of patch) {
    if (!hasOwn(item, mergeKey)) throw smpErrors.noMergeKey(goFormat(item), mergeKey);
    const i = findByMergeKey(out, mergeKey, item[mergeKey]);
    if (i >= 0) {
      out[i] = mergeMap(out[i] as JsonObject, item, schema);
    } else {
      // Taken whole. Upstream keeps nulls and directives here and lets the typed decode drop
      // them; we drop the nulls now and the directive keys at the end (directives.ts).
      discardNulls(item);
      out.push(item);
    }
  }
  return out;
}
