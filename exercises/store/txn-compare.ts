/**
 * Exercise `store.txn`: write etcd's txn guard. Read the interface in engine/store/txn-compare.ts
 * and the Compare type in engine/store/kv.ts first. The store calls `applyCompare` for each
 * compare of a txn and runs the txn's `success` ops only when all of them hold; the apiserver's
 * create, update and delete are such txns, so until this works no object can be written.
 *
 * The cases your guard must pass are in engine/store/txn-compare-suite.ts and
 * grader/tests/store-txn.ts.
 */
import type { Compare, KeyValue } from '../../engine/store/kv.ts';
import type { CompareReader, TxnComparePart } from '../../engine/store/txn-compare.ts';

/** Whether one key satisfies the compare. */
export function compareKeyValue(compare: Compare, kv: KeyValue): boolean {
  // TODO: pick the field of `kv` that `compare.target` names (VERSION, CREATE, MOD, VALUE or
  // LEASE) and order it against `compare.value` (numbers as numbers, VALUE as a string).
  // TODO: turn that order into a yes or no for `compare.result` (EQUAL, NOT_EQUAL, GREATER,
  // LESS), reading it as "the key's field is <result> the compare's value".
  void compare;
  void kv;
  throw new Error('TODO: compareKeyValue');
}

export const txnCompare: TxnComparePart = {
  applyCompare(compare: Compare, read: CompareReader): boolean {
    // TODO: read the compare's key (or its range [key, rangeEnd)) with `read`.
    // TODO: decide what a key that does not exist (or an empty range) compares as, for each
    // target; etcd has a rule for it, and one target is an exception.
    // TODO: a range compare must hold for the keys of the range as etcd defines it.
    void compare;
    void read;
    throw new Error('TODO: applyCompare');
  },
};
