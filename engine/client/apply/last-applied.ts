/**
 * The `kubectl.kubernetes.io/last-applied-configuration` annotation: how client-side apply
 * remembers what the user applied, so that the next apply can delete what the user dropped
 * (kubernetes/kubectl pkg/util/apply.go `GetOriginalConfiguration`,
 * `GetModifiedConfiguration`, `CreateApplyAnnotation`).
 *
 * Its value is the manifest itself as JSON, without the annotation (an object cannot contain
 * itself), keys sorted and followed by a newline, as Go's JSON encoder writes an unstructured
 * object: `{"apiVersion":"v1","data":{"a":"1"},"kind":"ConfigMap","metadata":{...}}\n`.
 */
import { deepClone, isJsonObject, sortedJson, type JsonObject } from '../../apiserver/patch/json-value.ts';

export const LAST_APPLIED_CONFIG_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Upstream `GetOriginalConfiguration`: the last applied manifest of a live object, or `{}` when
 * it has none (created by `kubectl create` or `replace`) — then apply deletes nothing. A value
 * that is not a JSON object also counts as none (upstream would fail to decode it).
 */
export function originalConfiguration(live: JsonObject): JsonObject {
  const text = annotationsOf(live)?.[LAST_APPLIED_CONFIG_ANNOTATION];
  if (typeof text !== 'string' || text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** True when the live object carries the annotation at all (else kubectl warns before patching). */
export function hasLastApplied(live: JsonObject): boolean {
  return typeof annotationsOf(live)?.[LAST_APPLIED_CONFIG_ANNOTATION] === 'string';
}

/**
 * Upstream `GetModifiedConfiguration(obj, annotate=true)`: the manifest carrying its own text in
 * the annotation. An annotations map left empty once the annotation is taken out is dropped
 * (unstructured `SetAnnotations` removes an empty map). The input is not mutated.
 */
export function modifiedConfiguration(manifest: JsonObject): JsonObject {
  const bare = deepClone(manifest);
  const metadata = isJsonObject(bare['metadata']) ? bare['metadata'] : (bare['metadata'] = {});
  const annotations = isJsonObject(metadata['annotations']) ? metadata['annotations'] : {};
  delete annotations[LAST_APPLIED_CONFIG_ANNOTATION];
  if (Object.keys(annotations).length === 0) delete metadata['annotations'];
  else metadata['annotations'] = annotations;
  const text = sortedJson(bare) + '\n';
  const modified = deepClone(bare);
  const modifiedMeta = modified['metadata'] as JsonObject;
  modifiedMeta['annotations'] = { ...(annotations as Record<string, unknown>), [LAST_APPLIED_CONFIG_ANNOTATION]: text };
  return modified;
}

function annotationsOf(obj: JsonObject): Record<string, unknown> | undefined {
  const metadata = obj['metadata'];
  const annotations = isJsonObject(metadata) ? metadata['annotations'] : undefined;
  return isJsonObject(annotations) ? annotations : undefined;
}
