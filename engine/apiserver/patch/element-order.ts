/**
 * The order of a merged list (k8s.io/apimachinery/pkg/util/strategicpatch/patch.go
 * `normalizeElementOrder`, `mergeSortedSlice`; design: community design-proposals-archive
 * cli/preserve-order-in-strategic-merge-patch.md).
 *
 * After a merge, every element is either a *patch item* (named by the patch, or by its
 * `$setElementOrder` list) or a *server-only item* (only in the live object). The result keeps
 * both relative orders — patch items in the order the patch (or `$setElementOrder`) gives, server
 * items in their live order — and interleaves the two by their live positions where both are
 * known. An element the live list does not have yet cannot be placed against server items, so it
 * goes first:
 *
 *   live  [a, b, c]   patch [{name: b, image: x}]   → [a, b', c]   (b keeps its place)
 *   live  [a, b, c]   patch [{name: d}]             → [d, a, b, c] (new: first)
 *   live  [a, b, c]   patch [d] + $setElementOrder [a, b, c, d] → [a, b, c, d]
 *
 * This is why `kubectl patch` with a new container lists it first (the "Update API Objects in
 * Place Using kubectl patch" task page shows redis before nginx), while `kubectl apply`, which
 * sends `$setElementOrder`, gets the order of the manifest.
 */
import { smpErrors, patchServerError } from './errors.ts';
import { directiveOf, hasDirectiveMarker } from './directives.ts';
import { goFormat, goTypeName, hasOwn, isJsonObject, type JsonObject } from './json-value.ts';

/** How list elements are compared: by the merge key of maps, or by value for scalars. */
export interface ElementIdentity {
  /** The merge key, or '' for a list of scalars. */
  mergeKey: string;
  /** True when the elements are maps. */
  maps: boolean;
}

function identity(item: unknown, id: ElementIdentity): unknown {
  if (!id.maps) return item;
  return isJsonObject(item) && hasOwn(item, id.mergeKey) ? item[id.mergeKey] : undefined;
}

/** Upstream `index`: the position of `item` in `list`, comparing identities, or -1. */
export function indexOf(list: readonly unknown[], item: unknown, id: ElementIdentity): number {
  const want = identity(item, id);
  return list.findIndex((v) => identity(v, id) === want);
}

/**
 * A stable insertion sort, the algorithm Go's `sort.SliceStable` runs on up to 20 elements (and
 * equivalent beyond for a consistent `less`). Kept explicit because upstream's `less` answers
 * "true" when an element is missing from the order list, and the result then depends on the
 * algorithm.
 */
function stableSort<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  const out = items.slice();
  for (let i = 1; i < out.length; i++) {
    for (let j = i; j > 0 && less(out[j] as T, out[j - 1] as T); j--) {
      const t = out[j] as T;
      out[j] = out[j - 1] as T;
      out[j - 1] = t;
    }
  }
  return out;
}

/** Upstream `validateMergeKeyInLists`: every element of a merged list of maps carries the merge key. */
function validateMergeKey(mergeKey: string, ...lists: unknown[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isJsonObject(item)) throw smpErrors.badArgType('map[string]interface {}', goTypeName(item));
      if (!hasOwn(item, mergeKey)) throw smpErrors.noMergeKey(goFormat(item), mergeKey);
    }
  }
}

/** Upstream `normalizeSliceOrder`: sorts `toSort` by positions in `order`; `$patch: delete` items go last. */
function normalizeSliceOrder(toSort: unknown[], order: unknown[], id: ElementIdentity): unknown[] {
  let toDelete: unknown[] = [];
  if (id.maps) {
    validateMergeKey(id.mergeKey, toSort, order);
    const isDelete = (item: unknown) => hasDirectiveMarker(item) && directiveOf(item as JsonObject) === 'delete';
    toDelete = toSort.filter(isDelete);
    toSort = toSort.filter((item) => !isDelete(item));
  }
  const sorted = stableSort(toSort, (a, b) => {
    const ia = indexOf(order, a, id);
    const ib = indexOf(order, b, id);
    return ia >= 0 && ib >= 0 ? ia < ib : true;
  });
  return [...sorted, ...toDelete];
}

/**
 * Upstream `mergeSortedSlice`: inserts the server-only items (`left`) among the patch items
 * (`right`), each before the first patch item that comes after it in the live list.
 */
function mergeSorted(left: unknown[], right: unknown[], serverOrder: unknown[], id: ElementIdentity): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexOf(serverOrder, left[i], id);
      const ri = indexOf(serverOrder, right[j], id);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/**
 * Upstream `normalizeElementOrder`: sorts the patch items by `patchOrder` and the server-only
 * items by `serverOrder`, then interleaves them (see the file comment).
 */
export function normalizeElementOrder(
  patchItems: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  id: ElementIdentity,
): unknown[] {
  const p = normalizeSliceOrder(patchItems, patchOrder, id);
  const s = normalizeSliceOrder(serverOnly, serverOrder, id);
  return mergeSorted(s, p, serverOrder, id);
}

/**
 * Upstream `partitionPrimitivesByPresentInList` / `partitionMapsByPresentInList`: splits `merged`
 * into the items `partitionBy` names and the others, keeping their order.
 */
export function partitionByPresence(merged: unknown[], partitionBy: unknown[], mergeKey: string): { patchItems: unknown[]; serverOnly: unknown[] } {
  const patchItems: unknown[] = [];
  const serverOnly: unknown[] = [];
  if (mergeKey === '') {
    const present = new Set(partitionBy);
    for (const v of merged) (present.has(v) ? patchItems : serverOnly).push(v);
    return { patchItems, serverOnly };
  }
  for (const v of merged) {
    if (!isJsonObject(v)) throw smpErrors.badArgType('map[string]interface {}', goTypeName(v));
    if (!hasOwn(v, mergeKey)) throw smpErrors.noMergeKey(goFormat(v), mergeKey);
    const found = findByMergeKey(partitionBy, mergeKey, v[mergeKey]);
    (found >= 0 ? patchItems : serverOnly).push(v);
  }
  return { patchItems, serverOnly };
}

/** Upstream `findMapInSliceBasedOnKeyValue`: the index of the map whose `key` equals `value`, or -1. */
export function findByMergeKey(list: unknown[], key: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isJsonObject(item)) throw patchServerError(`value for key ${i} is not a map.`);
    if (hasOwn(item, key) && item[key] === value) return i;
  }
  return -1;
}
