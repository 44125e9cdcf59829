/**
 * The apiserver's storage layer over the KV interface (upstream: k8s.io/apiserver
 * pkg/storage/etcd3/store.go). Every write is ONE txn guarded by a compare, so a write either
 * happens completely at the revision the caller saw, or not at all:
 *
 *   create   txn(CREATE(key) == 0)            → put           else "exists"
 *   update   txn(MOD(key) == seen modRevision) → put          else "conflict"
 *   delete   txn(MOD(key) == seen modRevision) → deleteRange  else "conflict"
 *
 * Objects come back with `metadata.resourceVersion` = the revision of the write.
 */
import type { KubeObject } from '../../api/object.ts';
import type { KeyValue, KV, RangeResponse } from '../../store/kv.ts';
import { decodeKv, decodeObject, encodeObject } from './codec.ts';

export interface StoredObject {
  key: string;
  obj: KubeObject;
  /** The stored JSON (without resourceVersion), to detect no-op updates. */
  raw: string;
  modRevision: number;
  createRevision: number;
  lease: number;
}

export type WriteResult = { ok: true; obj: KubeObject; revision: number } | { ok: false };

function stored(kv: KeyValue): StoredObject {
  return { key: kv.key, obj: decodeKv(kv), raw: kv.value, modRevision: kv.modRevision, createRevision: kv.createRevision, lease: kv.lease };
}

export class ObjectStore {
  constructor(readonly kv: KV) {}

  async get(key: string): Promise<StoredObject | undefined> {
    const r = await this.kv.range(key);
    const kv = r.kvs[0];
    return kv ? stored(kv) : undefined;
  }

  async range(key: string, rangeEnd: string, options: { revision?: number; limit?: number }): Promise<RangeResponse> {
    return this.kv.range(key, { rangeEnd, revision: options.revision, limit: options.limit });
  }

  async create(key: string, obj: KubeObject, lease = 0): Promise<WriteResult> {
    const value = encodeObject(obj);
    const r = await this.kv.txn({
      compare: [{ key, target: 'CREATE', result: 'EQUAL', value: 0 }],
      success: [{ put: { key, value, lease } }],
      failure: [],
    });
    if (!r.succeeded) return { ok: false };
    return { ok: true, obj: decodeObject(value, r.header.revision), revision: r.header.revision };
  }

  async update(key: string, obj: KubeObject, expectedModRevision: number, lease = 0): Promise<WriteResult> {
    const value = encodeObject(obj);
    const r = await this.kv.txn({
      compare: [{ key, target: 'MOD', result: 'EQUAL', value: expectedModRevision }],
      success: [{ put: { key, value, lease } }],
      failure: [],
    });
    if (!r.succeeded) return { ok: false };
    return { ok: true, obj: decodeObject(value, r.header.revision), revision: r.header.revision };
  }

  /** Deletes the key if unchanged; returns its last state stamped with the deletion revision. */
  async delete(existing: StoredObject): Promise<WriteResult> {
    const r = await this.kv.txn({
      compare: [{ key: existing.key, target: 'MOD', result: 'EQUAL', value: existing.modRevision }],
      success: [{ deleteRange: { key: existing.key } }],
      failure: [],
    });
    if (!r.succeeded) return { ok: false };
    return { ok: true, obj: decodeObject(existing.raw, r.header.revision), revision: r.header.revision };
  }
}

export { stored as storedFromKv };
