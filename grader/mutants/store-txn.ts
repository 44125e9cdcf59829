/** Typical mistakes in `store.txn` (etcd's applyCompare); the self-check proves each one fails a case. */
import type { Compare, CompareResult } from '../../engine/store/kv.ts';
import { defineMutants } from '../exercise-tests.ts';

const SWAPPED: Record<CompareResult, CompareResult> = { EQUAL: 'EQUAL', NOT_EQUAL: 'NOT_EQUAL', GREATER: 'LESS', LESS: 'GREATER' };

export default defineMutants({
  part: 'store.txn',
  mutants: [
    {
      name: 'missing-key-never-holds',
      mistake: 'a compare on a key that does not exist is always false, so CREATE = 0 never holds and nothing can be created',
      make: (ref) => ({
        applyCompare: (c, read) => read(c.key, c.rangeEnd || undefined).kvs.length > 0 && ref.applyCompare(c, read),
      }),
    },
    {
      name: 'greater-less-swapped',
      mistake: 'GREATER and LESS read as "the value is greater than the key\'s field" (the order reversed)',
      make: (ref) => ({ applyCompare: (c, read) => ref.applyCompare({ ...c, result: SWAPPED[c.result] }, read) }),
    },
    {
      name: 'range-first-key-only',
      mistake: 'a range compare checks only the first key of the range',
      make: (ref) => ({
        applyCompare: (c, read) =>
          ref.applyCompare(c, (key, end) => {
            const r = read(key, end);
            return { ...r, kvs: r.kvs.slice(0, 1), count: Math.min(r.count, 1) };
          }),
      }),
    },
    {
      name: 'missing-value-is-empty-string',
      mistake: 'a VALUE compare on a missing key compares the empty string instead of failing',
      make: (ref) => ({
        applyCompare: (c: Compare, read) =>
          c.target === 'VALUE' && read(c.key, c.rangeEnd || undefined).kvs.length === 0
            ? ref.applyCompare(c, () => ({ kvs: [{ key: c.key, value: '', createRevision: 0, modRevision: 0, version: 0, lease: 0 }], count: 1, more: false }))
            : ref.applyCompare(c, read),
      }),
    },
    {
      name: 'mod-compare-ignored',
      mistake: 'compares on MOD always hold, so two writers from the same read both win',
      make: (ref) => ({ applyCompare: (c, read) => c.target === 'MOD' || ref.applyCompare(c, read) }),
    },
  ],
});
