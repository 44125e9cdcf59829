/**
 * The patch `kubectl apply` (client-side) sends: a strategic merge patch computed three-way, as
 * k8s.io/apimachinery/pkg/util/strategicpatch/patch.go `CreateThreeWayMergePatch` computes it.
 *
 *   original  what the user applied last time (the last-applied-configuration annotation)
 *   modified  what the user applies now (the new manifest, with its new annotation)
 *   current   the live object
 *
 * The patch is the union of two diffs:
 *   delta      current → modified, deletions ignored: every field the manifest states and the live
 *              object lacks or holds differently. Fields only the live object has (status,
 *              defaults, `replicas` after `kubectl scale` when the manifest omits it, a label
 *              someone else added) are not touched.
 *   deletions  original → modified, changes and additions ignored: every field the user stated
 *              last time and no longer states: `null` in a map, `{<mergeKey>: v, $patch: delete}`
 *              in a list merged by key, `$deleteFromPrimitiveList/<list>` in a merged list of
 *              scalars.
 *
 *   original  {labels: {app: web, tier: be}, containers: [{name: web, image: nginx:1.25}, {name: log}]}
 *   modified  {labels: {app: web},           containers: [{name: web, image: nginx:1.27}]}
 *   current   {labels: {app: web, tier: be, team: x}, containers: [{name: web, image: nginx:1.25,
 *              imagePullPolicy: IfNotPresent}, {name: log, ...}]}
 *   patch     {labels: {tier: null},
 *              containers: [{name: web, image: nginx:1.27}, {name: log, $patch: delete}],
 *              $setElementOrder/containers: [{name: web}]}
 *   → `team` (someone else's) and `imagePullPolicy` (a default) stay; `tier` and `log` go.
 *
 * Lists without a merge strategy (`args`, `command`, `tolerations`) are atomic: replaced whole
 * when the manifest's differs from the live one. Like upstream, a merged list that changes also
 * carries `$setElementOrder/<list>` (the manifest's order), a map whose field is tagged
 * `retainKeys` (a Deployment's `strategy`, each `volumes` element) carries `$retainKeys` when it
 * changes or when the other side has fields the manifest dropped, and an empty result means
 * "nothing to do" (`kubectl apply` prints `unchanged`).
 *
 * Not reproduced: the `overwrite=false` conflict check (kubectl apply always passes true), and
 * upstream's preconditions (apiVersion/kind/name unchanged), which apply.ts checks by mapping.
 */
import { deepClone, deepEqual, hasOwn, isJsonObject, jsonKind, setOwn, type JsonObject } from '../../apiserver/patch/json-value.ts';
import { fieldType, lookupField, splitPatchStrategy, type StructPatchMeta } from '../../apiserver/patch/patch-meta.ts';
import { DELETE_FROM_PRIMITIVE_LIST_PREFIX, DIRECTIVE_MARKER, RETAIN_KEYS_DIRECTIVE, SET_ELEMENT_ORDER_PREFIX } from '../../apiserver/patch/directives.ts';

/** Upstream `DiffOptions` (SetElementOrder is always on for apply). */
interface DiffOptions {
  /** Leave out fields the second document lacks (the delta pass). */
  readonly ignoreDeletions: boolean;
  /** Leave out fields the second document adds or changes (the deletions pass). */
  readonly ignoreChangesAndAdditions: boolean;
  /** The map being diffed sits under a `retainKeys` field: list the keys it keeps. */
  readonly buildRetainKeys: boolean;
}

/** A list element lacks the merge key its list is merged on (upstream `ErrNoMergeKey`). */
export class MissingMergeKeyError extends Error {
  constructor(element: unknown, readonly mergeKey: string) {
    super(`map: ${JSON.stringify(element)} does not contain declared merge key: ${mergeKey}`);
    this.name = 'MissingMergeKeyError';
  }
}

/**
 * The three-way strategic merge patch turning `current` into `modified`, deleting what
 * `original` had and `modified` dropped. `schema` is the kind's patch metadata (patch-meta.ts);
 * with a struct that lists no fields it is a plain three-way JSON merge patch (every list atomic),
 * which is what kubectl sends for kinds without Go types. Inputs are not mutated. Throws
 * MissingMergeKeyError for a merged list whose element lacks its key.
 */
export function createThreeWayMergePatch(original: JsonObject, modified: JsonObject, current: JsonObject, schema: StructPatchMeta): JsonObject {
  const delta = diffMaps(current, modified, schema, { ignoreDeletions: true, ignoreChangesAndAdditions: false, buildRetainKeys: false });
  const deletions = diffMaps(original, modified, schema, { ignoreDeletions: false, ignoreChangesAndAdditions: true, buildRetainKeys: false });
  return mergePatches(deletions, delta, schema);
}

/** Upstream `diffMaps`: the patch from `from` to `to`, within the limits of `opts`. */
function diffMaps(from: JsonObject, to: JsonObject, schema: StructPatchMeta, opts: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeys: string[] = [];
  for (const key of Object.keys(to)) {
    const toValue = to[key];
    if (opts.buildRetainKeys && toValue !== null) retainKeys.push(key);
    if (!hasOwn(from, key)) {
      if (!opts.ignoreChangesAndAdditions) setOwn(patch, key, deepClone(toValue));
      continue;
    }
    const fromValue = from[key];
    if (jsonKind(fromValue) !== jsonKind(toValue)) {
      if (!opts.ignoreChangesAndAdditions) setOwn(patch, key, deepClone(toValue));
    } else if (isJsonObject(fromValue)) {
      diffMapField(key, fromValue, toValue as JsonObject, patch, schema, opts);
    } else if (Array.isArray(fromValue)) {
      diffListField(key, fromValue, toValue as unknown[], patch, schema, opts);
    } else if (!opts.ignoreChangesAndAdditions && fromValue !== toValue) {
      setOwn(patch, key, toValue);
    }
  }
  if (!opts.ignoreDeletions) {
    for (const key of Object.keys(from)) if (!hasOwn(to, key)) setOwn(patch, key, null);
  }
  // `$retainKeys` goes in when something changes, or when `from` holds a field `to` dropped.
  const dropsAField = Object.keys(from).some((k) => from[k] !== null && !hasOwn(to, k));
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || dropsAField)) patch[RETAIN_KEYS_DIRECTIVE] = retainKeys.sort();
  return patch;
}

/** Upstream `handleMapDiff`: a nested map is diffed recursively, or replaced whole under `replace`. */
function diffMapField(key: string, from: JsonObject, to: JsonObject, patch: JsonObject, schema: StructPatchMeta, opts: DiffOptions): void {
  const meta = lookupField(schema, key);
  const { retainKeys, strategy } = splitPatchStrategy(meta.patchStrategy);
  if (strategy === 'replace') {
    if (!opts.ignoreChangesAndAdditions && !deepEqual(from, to)) setOwn(patch, key, deepClone(to));
    return;
  }
  const nested = diffMaps(from, to, fieldType(meta), { ...opts, buildRetainKeys: retainKeys });
  if (Object.keys(nested).length > 0) setOwn(patch, key, nested);
}

/** Upstream `handleSliceDiff`: lists tagged `merge` are diffed element by element, others replaced whole. */
function diffListField(key: string, from: unknown[], to: unknown[], patch: JsonObject, schema: StructPatchMeta, opts: DiffOptions): void {
  const meta = lookupField(schema, key);
  const { retainKeys, strategy } = splitPatchStrategy(meta.patchStrategy);
  if (strategy !== 'merge') {
    if (!opts.ignoreChangesAndAdditions && !deepEqual(from, to)) setOwn(patch, key, deepClone(to));
    return;
  }
  const diff = diffLists(from, to, fieldType(meta), meta.patchMergeKey ?? '', { ...opts, buildRetainKeys: retainKeys });
  if (diff.patch.length > 0) setOwn(patch, key, diff.patch);
  if (diff.deleteFromPrimitiveList.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST_PREFIX}/${key}`] = diff.deleteFromPrimitiveList;
  if (diff.setElementOrder.length > 0) patch[`${SET_ELEMENT_ORDER_PREFIX}/${key}`] = diff.setElementOrder;
}

interface ListDiff {
  patch: unknown[];
  deleteFromPrimitiveList: unknown[];
  setElementOrder: unknown[];
}

/** Upstream `diffLists` for a list tagged `patchStrategy: merge`. */
function diffLists(from: unknown[], to: unknown[], elementSchema: StructPatchMeta, mergeKey: string, opts: DiffOptions): ListDiff {
  const none: ListDiff = { patch: [], deleteFromPrimitiveList: [], setElementOrder: [] };
  if (from.length === 0) return to.length === 0 || opts.ignoreChangesAndAdditions ? none : { ...none, patch: deepClone(to) };
  return isJsonObject(from[0]) ? diffListsOfMaps(from, to, elementSchema, mergeKey, opts) : diffListsOfScalars(from, to, opts);
}

/**
 * Upstream `diffListsOfMaps`: elements are matched on the merge key; a matched pair is diffed
 * (the merge key is kept in a non-empty element patch so the server can match it), an element
 * only in `to` is added whole, an element only in `from` gets a delete directive.
 */
function diffListsOfMaps(from: unknown[], to: unknown[], elementSchema: StructPatchMeta, mergeKey: string, opts: DiffOptions): ListDiff {
  const keyOf = (element: unknown): string => {
    if (!isJsonObject(element) || !hasOwn(element, mergeKey)) throw new MissingMergeKeyError(element, mergeKey);
    return String(element[mergeKey]);
  };
  const fromByKey = new Map(from.map((e) => [keyOf(e), e as JsonObject] as const));
  const toKeys = new Set(to.map(keyOf));
  const patch: unknown[] = [];
  for (const element of to as JsonObject[]) {
    const previous = fromByKey.get(keyOf(element));
    if (previous === undefined) {
      if (!opts.ignoreChangesAndAdditions) patch.push(deepClone(element));
      continue;
    }
    const nested = diffMaps(previous, element, elementSchema, opts);
    if (Object.keys(nested).length > 0) patch.push({ ...nested, [mergeKey]: element[mergeKey] });
  }
  const deletions = opts.ignoreDeletions
    ? []
    : (from as JsonObject[]).filter((e) => !toKeys.has(keyOf(e))).map((e) => ({ [mergeKey]: e[mergeKey], [DIRECTIVE_MARKER]: 'delete' }));
  const all = [...patch, ...deletions];
  const sameOrder = from.length === to.length && from.every((e, i) => keyOf(e) === keyOf(to[i]));
  const wantsOrder = (!opts.ignoreChangesAndAdditions && (all.length > 0 || !sameOrder)) || (!opts.ignoreDeletions && all.length > 0);
  const setElementOrder = wantsOrder ? (to as JsonObject[]).map((e) => ({ [mergeKey]: e[mergeKey] })) : [];
  return { patch: all, deleteFromPrimitiveList: [], setElementOrder };
}

/**
 * Upstream `diffListsOfScalars` (finalizers, podCIDRs): values are compared by their text;
 * additions go in the list itself, removals in the parallel `$deleteFromPrimitiveList` list.
 */
function diffListsOfScalars(from: unknown[], to: unknown[], opts: DiffOptions): ListDiff {
  const remaining = new Map<string, number>();
  for (const v of from) remaining.set(String(v), (remaining.get(String(v)) ?? 0) + 1);
  const added: unknown[] = [];
  for (const v of to) {
    const left = remaining.get(String(v)) ?? 0;
    if (left > 0) remaining.set(String(v), left - 1);
    else if (!opts.ignoreChangesAndAdditions) added.push(v);
  }
  const toTexts = new Set(to.map(String));
  const removed = opts.ignoreDeletions ? [] : [...new Set(from.filter((v) => !toTexts.has(String(v))))];
  const wantsOrder = (!opts.ignoreDeletions && removed.length > 0) || (!opts.ignoreChangesAndAdditions && !deepEqual(from, to));
  return { patch: added, deleteFromPrimitiveList: removed, setElementOrder: wantsOrder ? [...to] : [] };
}

/**
 * Upstream applies the delta to the deletions with `mergeMap` (client-side options). The two
 * never set the same scalar (the delta only holds fields `modified` has, the deletions only
 * fields it lacks), so this is a union: maps recurse, merged lists are joined element by element
 * on their merge key, and the directive lists both compute from `modified` are taken once.
 */
function mergePatches(deletions: JsonObject, delta: JsonObject, schema: StructPatchMeta): JsonObject {
  const out = deepClone(deletions);
  for (const key of Object.keys(delta)) {
    const mine = out[key];
    const theirs = delta[key];
    if (!hasOwn(out, key)) {
      setOwn(out, key, deepClone(theirs));
    } else if (isJsonObject(mine) && isJsonObject(theirs)) {
      setOwn(out, key, mergePatches(mine, theirs, fieldType(lookupField(schema, key))));
    } else if (Array.isArray(mine) && Array.isArray(theirs) && !key.startsWith('$')) {
      setOwn(out, key, joinLists(mine, theirs, lookupField(schema, key).patchMergeKey, fieldType(lookupField(schema, key))));
    } else {
      setOwn(out, key, deepClone(theirs));
    }
  }
  return out;
}

function joinLists(mine: unknown[], theirs: unknown[], mergeKey: string | undefined, elementSchema: StructPatchMeta): unknown[] {
  if (!mergeKey) return [...new Set([...mine, ...theirs])];
  const out = [...mine];
  for (const element of theirs) {
    const at = out.findIndex((e) => isJsonObject(e) && isJsonObject(element) && e[mergeKey] === element[mergeKey] && !hasOwn(e, DIRECTIVE_MARKER));
    if (at < 0) out.push(deepClone(element));
    else out[at] = mergePatches(out[at] as JsonObject, element as JsonObject, elementSchema);
  }
  return out;
}
