/**
 * How objects are written to and read from the store (upstream: the etcd3 store's encode/decode
 * and APIObjectVersioner).
 *
 * The stored JSON never contains `metadata.resourceVersion`: the version IS the key's modRevision
 * in the store, so it is filled in on every read. Writing it would only create a second, stale
 * copy of the truth.
 */
import type { KubeObject } from '../../api/object.ts';
import type { KeyValue } from '../../store/kv.ts';
import { metaOf } from './meta.ts';
import { deepFreeze } from '../../util/deep-freeze.ts';

export function encodeObject(obj: KubeObject): string {
  const meta = obj.metadata;
  if (meta && (meta.resourceVersion !== undefined || meta.selfLink !== undefined)) {
    const { resourceVersion: _rv, selfLink: _sl, ...rest } = meta;
    return JSON.stringify({ ...obj, metadata: rest });
  }
  return JSON.stringify(obj);
}

/** Parses a stored value and stamps `metadata.resourceVersion` with `revision`. */
export function decodeObject(value: string, revision: number): KubeObject {
  const obj = JSON.parse(value) as KubeObject;
  setResourceVersion(obj, revision);
  return obj;
}

export function decodeKv(kv: KeyValue): KubeObject {
  return decodeObject(kv.value, kv.modRevision);
}

/**
 * Decoded store events shared by every watcher of the same event — what the upstream watch cache
 * achieves by decoding each event once for all watchers. The object is deep-frozen: watchers (and
 * the informers that cache it without copying) can read it, never change it. Keyed by the store's
 * own (frozen, shared) KeyValue and the revision stamped on the object.
 */
const sharedDecodes = new WeakMap<KeyValue, { revision: number; obj: KubeObject }>();

export function decodeShared(kv: KeyValue, revision: number = kv.modRevision): KubeObject {
  const hit = sharedDecodes.get(kv);
  if (hit && hit.revision === revision) return hit.obj;
  const obj = deepFreeze(decodeObject(kv.value, revision));
  sharedDecodes.set(kv, { revision, obj });
  return obj;
}

export function setResourceVersion(obj: KubeObject, revision: number): void {
  metaOf(obj).resourceVersion = String(revision);
}

/** A deep copy of a JSON value. */
export function deepClone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Structural equality of two JSON values (key order does not matter; undefined = absent). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (ak.length !== bk.length) return false;
  for (const k of ak) if (!deepEqual(ao[k], bo[k])) return false;
  return true;
}
