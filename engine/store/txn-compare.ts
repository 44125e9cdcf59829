/**
 * Txn guards and request checks: the `store.txn` part's interface (etcd server/etcdserver/txn/
 * txn.go applyCompare/compareKV) and the checks that are not the lesson (api/v3rpc/key.go
 * checkTxnRequest/checkIntervals, etcd's range conventions).
 */
import type { Compare, RequestOp } from './kv.ts';
import { StoreError } from './errors.ts';
import type { RangeResult } from './kv-store.ts';

/** Reads a key or range at the txn's revision (the store's latest). */
export type CompareReader = (key: string, rangeEnd: string | undefined) => RangeResult;

/**
 * THE PART `store.txn`: etcd's txn guard (server/etcdserver/txn/txn.go applyCompare/compareKV).
 * `applyCompare` says whether one compare of a txn holds, reading the key (or the range
 * [key, rangeEnd)) through `read` at the txn's revision. The store runs the txn's `success` ops
 * when every compare holds, its `failure` ops otherwise — which is all the apiserver needs for
 * optimistic concurrency (create: CREATE = 0; update and delete: MOD = the revision it read).
 *
 * The reference lives in solutions/store/txn-compare.ts, the learner's stub in
 * exercises/store/txn-compare.ts; the store receives it through createMvccStore's options.
 */
export interface TxnComparePart {
  /** True when `compare` holds for the key, or for every key of its range. Never writes. */
  applyCompare(compare: Compare, read: CompareReader): boolean;
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
