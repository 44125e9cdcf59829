/**
 * Reference implementation of the part `store.txn` (the interface is in
 * engine/store/txn-compare.ts). It follows etcd's txn guard, server/etcdserver/txn/txn.go
 * (applyCompare, compareKV): read what the compare names, take one field of each key, order it
 * against the compare's value, and check the order against the wanted result.
 */
import type { Compare, KeyValue } from '../../engine/store/kv.ts';
import { StoreError } from '../../engine/store/errors.ts';
import type { CompareReader, TxnComparePart } from '../../engine/store/txn-compare.ts';

/**
 * A key that does not exist. etcd compares a missing key as the zero KeyValue: version, create
 * and mod revision and lease all 0. That is what makes `CREATE = 0` mean "does not exist yet"
 * (the apiserver's create) and `VERSION > 0` mean "exists".
 */
const MISSING: Omit<KeyValue, 'key'> = { value: '', createRevision: 0, modRevision: 0, version: 0, lease: 0 };

/** Negative, zero or positive as the key's field is below, equal to or above the compare's value. */
function order(compare: Compare, kv: KeyValue): number {
  switch (compare.target) {
    case 'VALUE': {
      // etcd compares bytes (bytes.Compare); JS string order is byte order for ASCII keys and
      // values, which is all the engine stores (see tree-index.ts).
      const want = String(compare.value);
      return kv.value < want ? -1 : kv.value > want ? 1 : 0;
    }
    case 'VERSION':
      return kv.version - Number(compare.value);
    case 'CREATE':
      return kv.createRevision - Number(compare.value);
    case 'MOD':
      return kv.modRevision - Number(compare.value);
    case 'LEASE':
      return kv.lease - Number(compare.value);
    default:
      throw new StoreError('InvalidArgument', `unknown compare target ${String((compare as Compare).target)}`);
  }
}

/** etcd compareKV: one key against one compare. */
export function compareKeyValue(compare: Compare, kv: KeyValue): boolean {
  const o = order(compare, kv);
  switch (compare.result) {
    case 'EQUAL':
      return o === 0;
    case 'NOT_EQUAL':
      return o !== 0;
    case 'GREATER':
      // "the key's field is greater than the value": e.g. MOD > 5 holds for a key written at 7.
      return o > 0;
    case 'LESS':
      return o < 0;
    default:
      throw new StoreError('InvalidArgument', `unknown compare result ${String((compare as Compare).result)}`);
  }
}

export const txnCompare: TxnComparePart = {
  applyCompare(compare, read: CompareReader) {
    const { kvs } = read(compare.key, compare.rangeEnd || undefined);
    if (kvs.length === 0) {
      // No key (or an empty range). etcd cannot tell a missing value from an empty one, so a
      // VALUE compare on nothing is always false, whatever result it asks for; every other
      // target compares the zero KeyValue.
      if (compare.target === 'VALUE') return false;
      return compareKeyValue(compare, { key: compare.key, ...MISSING });
    }
    // A range compare holds only if it holds for EVERY key in the range (etcd returns false at
    // the first key that fails).
    return kvs.every((kv) => compareKeyValue(compare, kv));
  },
};
