/**
 * Reference `configmap.projection`: the payload of a configMap, secret, downwardAPI or projected
 * volume. Contract and worked example: engine/kubelet/projection.ts.
 */
import type { corev1 } from '../../engine/api/types.ts';
import { containerResourceValue, podFieldValue } from '../../engine/kubelet/downward-api.ts';
import type { KeySource } from '../../engine/kubelet/environment.ts';
import { DEFAULT_PROJECTION_MODE, type FileProjection, type ProjectionInput, type ProjectionResult } from '../../engine/kubelet/projection.ts';

type Payload = Map<string, { content: string; mode: number }>;
type Outcome = { payload: Payload } | { error: string };

/**
 * MakePayload (configmap.go / secret.go): all keys with defaultMode, or only the items, each with
 * its own mode if set — the item's mode is more specific, so it wins over the volume's default.
 */
function keysPayload(kind: 'ConfigMap' | 'Secret', src: KeySource | undefined, items: readonly corev1.KeyToPath[] | undefined, defaultMode: number, optional: boolean): Outcome {
  const payload: Payload = new Map();
  const data = src?.data ?? {};
  const binary = src?.binaryData ?? {};
  if (!items || items.length === 0) {
    for (const [key, content] of [...Object.entries(data), ...Object.entries(binary)]) payload.set(key, { content, mode: defaultMode });
    return { payload };
  }
  for (const item of items) {
    const content = data[item.key] ?? binary[item.key];
    if (content === undefined) {
      if (optional) continue;
      return { error: kind === 'ConfigMap' ? `configmap references non-existent config key: ${item.key}` : `references non-existent secret key: ${item.key}` };
    }
    payload.set(item.path, { content, mode: item.mode ?? defaultMode });
  }
  return { payload };
}

/** A ConfigMap or Secret volume source: the object first (NotFound is fine only when optional). */
function sourcePayload(input: ProjectionInput, kind: 'ConfigMap' | 'Secret', name: string, items: readonly corev1.KeyToPath[] | undefined, defaultMode: number, optional: boolean): Outcome {
  const src = kind === 'ConfigMap' ? input.sources.configMap(name) : input.sources.secret(name);
  // The watch-based managers' NotFound names the singular resource: `configmap "x" not found`.
  if (!src && !optional) return { error: `${kind.toLowerCase()} "${name}" not found` };
  return keysPayload(kind, src, items, defaultMode, optional);
}

/** downwardapi.CollectData: one file per item; a field that cannot be read is an error. */
function downwardPayload(input: ProjectionInput, items: readonly corev1.DownwardAPIVolumeFile[] | undefined, defaultMode: number): Outcome {
  const payload: Payload = new Map();
  const errors: string[] = [];
  const containers = [...(input.pod.spec?.initContainers ?? []), ...(input.pod.spec?.containers ?? [])];
  for (const item of items ?? []) {
    let got: { value: string } | { error: string } = { value: '' };
    if (item.fieldRef) got = podFieldValue(input.pod, item.fieldRef.fieldPath, input);
    else if (item.resourceFieldRef) got = containerResourceValue(item.resourceFieldRef, containers.find((c) => c.name === item.resourceFieldRef!.containerName), input);
    if ('error' in got) errors.push(got.error);
    else payload.set(item.path, { content: got.value, mode: item.mode ?? defaultMode });
  }
  return errors.length > 0 ? { error: aggregate(errors) } : { payload };
}

/** utilerrors.NewAggregate(...).Error(): one error as it is, several in brackets. */
function aggregate(errors: string[]): string {
  return errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
}

/** atomic_writer.go validatePath: relative, no `..` element, not starting with `..`. */
function invalidPath(path: string): string | undefined {
  if (path === '') return `invalid path: must not be empty: ""`;
  if (path.startsWith('/')) return `invalid path: must be relative path: ${path}`;
  const items = path.split('/');
  if (items.includes('..')) return `invalid path: must not contain '..': ${path}`;
  if (items[0]!.startsWith('..') && items[0]!.length > 2) return `invalid path: must not start with '..': ${path}`;
  return undefined;
}

/** path.Clean for a relative path that passed invalidPath. */
function cleanPath(path: string): string {
  return path
    .split('/')
    .filter((p) => p !== '' && p !== '.')
    .join('/');
}

export function projectVolume(input: ProjectionInput): ProjectionResult {
  const v = input.volume;
  let outcome: Outcome;
  if (v.configMap) {
    const s = v.configMap;
    outcome = sourcePayload(input, 'ConfigMap', s.name ?? '', s.items, s.defaultMode ?? DEFAULT_PROJECTION_MODE, s.optional === true);
  } else if (v.secret) {
    const s = v.secret;
    outcome = sourcePayload(input, 'Secret', s.secretName ?? '', s.items, s.defaultMode ?? DEFAULT_PROJECTION_MODE, s.optional === true);
  } else if (v.downwardAPI) {
    outcome = downwardPayload(input, v.downwardAPI.items, v.downwardAPI.defaultMode ?? DEFAULT_PROJECTION_MODE);
  } else if (v.projected) {
    // projected.go collectData: every source's payload into one map, in order, so a later
    // source overwrites an earlier one's file at the same path; errors are collected and
    // reported together (the volume is then not written at all).
    const defaultMode = v.projected.defaultMode ?? DEFAULT_PROJECTION_MODE;
    const payload: Payload = new Map();
    const errors: string[] = [];
    for (const source of v.projected.sources ?? []) {
      let part: Outcome | undefined;
      if (source.secret) part = sourcePayload(input, 'Secret', source.secret.name ?? '', source.secret.items, defaultMode, source.secret.optional === true);
      else if (source.configMap) part = sourcePayload(input, 'ConfigMap', source.configMap.name ?? '', source.configMap.items, defaultMode, source.configMap.optional === true);
      else if (source.downwardAPI) part = downwardPayload(input, source.downwardAPI.items, defaultMode);
      else if (source.serviceAccountToken) {
        const tp = source.serviceAccountToken;
        part = { payload: new Map([[tp.path, { content: input.serviceAccountToken(tp), mode: defaultMode }]]) };
      }
      if (!part) continue;
      if ('error' in part) errors.push(part.error);
      else for (const [path, file] of part.payload) payload.set(path, file);
    }
    outcome = errors.length > 0 ? { error: aggregate(errors) } : { payload };
  } else {
    return { files: [] };
  }
  if ('error' in outcome) return outcome;

  // validatePayload: check each path as given, then key the file by its clean path.
  const files = new Map<string, FileProjection>();
  for (const [path, file] of outcome.payload) {
    const problem = invalidPath(path);
    if (problem) return { error: problem };
    const clean = cleanPath(path);
    files.set(clean, { path: clean, content: file.content, mode: file.mode });
  }
  return { files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}
