/**
 * Txn guards and request checks (etcd server/etcdserver/txn/txn.go applyCompare/compareKV and
 * api/v3rpc/key.go checkTxnRequest/checkIntervals).
 */
import type { Compare, KeyValue, RequestOp } from './kv.ts';
import { StoreError } from './errors.ts';
import type { RangeResult } from './kv-store.ts';

/** Reads a key or range at the txn's revision (the store's latest). */
export type CompareReader = (key: string, rangeEnd: string | undefined) => RangeResult;

/**
 * True when the compare holds. With `rangeEnd`, it must hold for every key in the range. A
 * missing key (or an empty range) compares as a key with version, create and mod revision and
 * lease 0 — so `CREATE = 0` means "does not exist" — except for VALUE, where etcd says false
 * whatever the result asked (applyCompare: "if len(rr.KVs) == 0 { if c.Target == VALUE ...").
 */
export function applyCompare(compare: Compare, read: CompareReader): boolean {
  const { kvs } = read(compare.key, compare.rangeEnd || undefined);
  if (kvs.length === 0) {
    if (compare.target === 'VALUE') return false;
    return compareKeyValue(compare, { key: compare.key, value: '', createRevision: 0, modRevision: 0, version: 0, lease: 0 });
  }
  return kvs.every((kv) => compareKeyValue(compare, kv));
}

export function compareKeyValue(compare: Compare, kv: KeyValue): boolean {
  let order: number;
  switch (compare.target) {
    case 'VALUE': {
      // etcd compares bytes; JS string order equals byte order for ASCII (see tree-index.ts).
      const want = String(compare.value);
      order = kv.value < want ? -1 : kv.value > want ? 1 : 0;
      break;
    }
    case 'VERSION':
      order = kv.version - Number(compare.value);
      break;
    case 'CREATE':
      order = kv.createRevision - Number(compare.value);
      break;
    case 'MOD':
      order = kv.modRevision - Number(compare.value);
      break;
    case 'LEASE':
      order = kv.lease - Number(compare.value);
      break;
    default:
      throw new StoreError('InvalidArgument', `unknown compare target ${String((compare as Compare).target)}`);
  }
  switch (compare.result) {
    case 'EQUAL':
      return order === 0;
    case 'NOT_EQUAL':
      return order !== 0;
    case 'GREATER':
      return order > 0;
    case 'LESS':
      return order < 0;
    default:
      throw new StoreError('InvalidArgument', `unknown compare result ${String((compare as Compare).result)}`);
  }
}

/**
 * Rejects a branch that writes one key twice: two puts of the same key, or a put inside a
 * deleted range (etcd checkIntervals: "duplicate key given in txn request"). Overlapping deletes
 * are allowed. Each branch is checked on its own; only one of them ever runs.
 */
export function checkTxnBranch(ops: readonly RequestOp[]): void {
  const puts = new Set<string>();
  const deletes: Array<{ key: string; end: string | undefined }> = [];
  for (const op of ops) {
    if ('put' in op) {
      if (puts.has(op.put.key)) throw new StoreError('InvalidArgument', 'duplicate key given in txn request');
      puts.add(op.put.key);
    } else if ('deleteRange' in op) {
      deletes.push({ key: op.deleteRange.key, end: op.deleteRange.rangeEnd || undefined });
    } else if (!('range' in op)) {
      throw new StoreError('InvalidArgument', 'unknown txn operation');
    }
  }
  for (const key of puts) {
    for (const d of deletes) {
      if (inRange(key, d.key, d.end)) throw new StoreError('InvalidArgument', 'duplicate key given in txn request');
    }
  }
}

/** Whether `key` lies in [start, end) with etcd's conventions (no end: just start; "\0": to the end). */
export function inRange(key: string, start: string, end: string | undefined): boolean {
  if (end === undefined || end === '') return key === start;
  if (end === '\0') return key >= start;
  return key >= start && key < end;
}
