/**
 * The directives a strategic merge patch may carry, and the clean-up of values taken from a patch.
 *
 * Directives are keys starting with `$` (k8s.io/apimachinery/pkg/util/strategicpatch/patch.go):
 *
 *   $patch: replace | delete | merge       in a map: replace it whole / delete it; in an element
 *                                          of a merged list: delete that element, or replace the
 *                                          whole list with the patch's other elements
 *   $retainKeys: [f1, f2]                  in a map: clear every field not listed
 *   $setElementOrder/<list>: [...]         next to a merged list: the order the result must have
 *   $deleteFromPrimitiveList/<list>: [...] next to a merged list of scalars: values to remove
 *
 * See the community doc contributors/devel/sig-api-machinery/strategic-merge-patch.md.
 */
import { smpErrors } from './errors.ts';
import { getOwn, isJsonObject, setOwn, type JsonObject } from './json-value.ts';

export const DIRECTIVE_MARKER = '$patch';
export const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder';
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList';

export function hasDirectiveMarker(v: unknown): boolean {
  return isJsonObject(v) && Object.prototype.hasOwnProperty.call(v, DIRECTIVE_MARKER);
}

export function directiveOf(v: JsonObject): unknown {
  return getOwn(v, DIRECTIVE_MARKER);
}

/**
 * The list field a parallel-list directive key refers to: `$setElementOrder/containers` →
 * `containers`. Anything else that merely starts with the prefix (`$setElementOrderX`) is a
 * malformed patch: 400, like upstream's `extractKey`.
 */
export function extractKey(key: string, prefix: typeof SET_ELEMENT_ORDER_PREFIX | typeof DELETE_FROM_PRIMITIVE_LIST_PREFIX): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw prefix === SET_ELEMENT_ORDER_PREFIX ? smpErrors.badPatchFormatForSetElementOrderList() : smpErrors.badPatchFormatForPrimitiveList();
  }
  return key.slice(slash + 1);
}

/**
 * Upstream `removeDirectives`: applied to a patch value that is taken as is (its field is absent
 * from the original, or has another type there). A map carrying `$patch` — whatever the directive
 * — is dropped entirely, from a map or from a list: there is nothing to delete or replace yet.
 * Returns `keep: false` when the value itself is such a map. Works in place on our own copy.
 */
export function removeDirectives(v: unknown): { value: unknown; keep: boolean } {
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const item of v) {
      const r = removeDirectives(item);
      if (r.keep) out.push(r.value);
    }
    return { value: out, keep: true };
  }
  if (isJsonObject(v)) {
    if (hasDirectiveMarker(v)) return { value: undefined, keep: false };
    for (const k of Object.keys(v)) {
      const r = removeDirectives(v[k]);
      if (r.keep) setOwn(v, k, r.value);
      else delete v[k];
    }
  }
  return { value: v, keep: true };
}

/**
 * Upstream `discardNullValuesFromPatch`: a `null` in a value that is added (not merged) has
 * nothing to delete, so it is dropped rather than stored. In place.
 */
export function discardNulls(v: unknown): void {
  if (Array.isArray(v)) {
    for (const item of v) discardNulls(item);
  } else if (isJsonObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNulls(v[k]);
    }
  }
}

/** A value taken from the patch as is: nulls discarded, then directives removed. */
export function cleanPatchValue(v: unknown): { value: unknown; keep: boolean } {
  discardNulls(v);
  return removeDirectives(v);
}

function isDirectiveKey(k: string): boolean {
  return (
    k === DIRECTIVE_MARKER ||
    k === RETAIN_KEYS_DIRECTIVE ||
    k.startsWith(SET_ELEMENT_ORDER_PREFIX + '/') ||
    k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX + '/')
  );
}

/**
 * Removes every directive key still left in a merged result (in place). Upstream never stores
 * them either: the merged map is decoded into the Go type, and a key like `$patch` matches no
 * field, so it is dropped. No Kubernetes field or valid label/annotation key starts with `$`.
 */
export function stripDirectiveKeys(v: unknown): void {
  if (Array.isArray(v)) {
    for (const item of v) stripDirectiveKeys(item);
  } else if (isJsonObject(v)) {
    for (const k of Object.keys(v)) {
      if (isDirectiveKey(k)) delete v[k];
      else stripDirectiveKeys(v[k]);
    }
  }
}
