/**
 * The kubelet's reads of the ConfigMaps and Secrets a pod consumes (upstream
 * pkg/kubelet/configmap and secret managers, watch-based by default: the kubelet always sees the
 * current object, and an `immutable` one is fetched once and never watched again —
 * pkg/kubelet/util/manager/watch_based_manager.go stops the reflector of an immutable object).
 *
 * readConfigSources fetches every name the caller lists and returns the synchronous lookup the
 * `configmap.env` and `configmap.projection` parts take. A missing object is `undefined` (the
 * parts decide whether that is an error); any other API failure is thrown (the sync is retried).
 * Secret values are base64-decoded here and never logged.
 */
import { isStatusError } from '../api/errors.ts';
import type { corev1 } from '../api/types.ts';
import type { Client } from '../client/client.ts';
import type { ConfigSources, KeySource } from './environment.ts';

/** The names of the ConfigMaps and Secrets to read. */
export interface SourceNames {
  configMaps: Set<string>;
  secrets: Set<string>;
}

/**
 * Immutable objects already read, by `ConfigMap/<name>` / `Secret/<name>`: reused as they are,
 * even if the object was deleted and re-created since (as upstream's cache keeps them).
 */
export type ImmutableCache = Map<string, KeySource>;

export function decodeBase64(s: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0)));
}

function decodeAll(data: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data ?? {})) out[k] = decodeBase64(v);
  return out;
}

/** The sources one container's env refers to (envFrom, configMapKeyRef, secretKeyRef). */
export function containerSourceNames(container: corev1.Container, into: SourceNames = { configMaps: new Set(), secrets: new Set() }): SourceNames {
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef?.name) into.configMaps.add(from.configMapRef.name);
    if (from.secretRef?.name) into.secrets.add(from.secretRef.name);
  }
  for (const e of container.env ?? []) {
    if (e.valueFrom?.configMapKeyRef?.name) into.configMaps.add(e.valueFrom.configMapKeyRef.name);
    if (e.valueFrom?.secretKeyRef?.name) into.secrets.add(e.valueFrom.secretKeyRef.name);
  }
  return into;
}

/** The sources one volume projects (configMap, secret, projected configMap/secret sources). */
export function volumeSourceNames(v: corev1.Volume, into: SourceNames = { configMaps: new Set(), secrets: new Set() }): SourceNames {
  if (v.configMap?.name) into.configMaps.add(v.configMap.name);
  if (v.secret?.secretName) into.secrets.add(v.secret.secretName);
  for (const s of v.projected?.sources ?? []) {
    if (s.configMap?.name) into.configMaps.add(s.configMap.name);
    if (s.secret?.name) into.secrets.add(s.secret.name);
  }
  return into;
}

async function readOne(client: Client, ns: string, kind: 'ConfigMap' | 'Secret', name: string): Promise<KeySource | undefined> {
  try {
    if (kind === 'ConfigMap') {
      const cm = await client.configmaps(ns).get(name);
      return { data: { ...cm.data }, binaryData: decodeAll(cm.binaryData), immutable: cm.immutable === true };
    }
    const s = await client.secrets(ns).get(name);
    return { data: decodeAll(s.data), immutable: s.immutable === true };
  } catch (err) {
    if (isStatusError(err, 'NotFound')) return undefined;
    throw err;
  }
}

/** Reads the named sources of namespace `ns`; immutable ones come from (and go into) `cache`. */
export async function readConfigSources(client: Client, ns: string, names: SourceNames, cache?: ImmutableCache): Promise<ConfigSources> {
  const found = new Map<string, KeySource | undefined>();
  const load = async (kind: 'ConfigMap' | 'Secret', name: string) => {
    const key = `${kind}/${name}`;
    const cached = cache?.get(key);
    if (cached) {
      found.set(key, cached);
      return;
    }
    const src = await readOne(client, ns, kind, name);
    if (src?.immutable) cache?.set(key, src);
    found.set(key, src);
  };
  await Promise.all([...[...names.configMaps].map((n) => load('ConfigMap', n)), ...[...names.secrets].map((n) => load('Secret', n))]);
  return {
    configMap: (name) => found.get(`ConfigMap/${name}`),
    secret: (name) => found.get(`Secret/${name}`),
  };
}
