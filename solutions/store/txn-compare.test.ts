/**
 * The reference txn guard against every case of engine/store/txn-compare-suite.ts. The grader's
 * file (grader/tests/store-txn.ts) adds cluster cases; the stub and the mutants
 * (grader/mutants/store-txn.ts) are checked by test/self-check.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { isStoreError } from '../../engine/store/errors.ts';
import type { Compare } from '../../engine/store/kv.ts';
import { kv, readerOf, txnCompareCases } from '../../engine/store/txn-compare-suite.ts';
import { txnCompare } from './txn-compare.ts';

describe('txnCompare (reference solution)', () => {
  for (const c of txnCompareCases) it(c.name, () => c.run(txnCompare));

  it('an unknown target or result is an InvalidArgument error, not a silent false', () => {
    const read = readerOf(kv('k'));
    const bad = (c: Partial<Compare>) => () => txnCompare.applyCompare({ key: 'k', target: 'MOD', result: 'EQUAL', value: 1, ...c } as Compare, read);
    for (const f of [bad({ target: 'SIZE' as Compare['target'] }), bad({ result: 'AT_LEAST' as Compare['result'] })]) {
      try {
        f();
        expect.unreachable('should have thrown');
      } catch (e) {
        expect(isStoreError(e, 'InvalidArgument')).toBe(true);
      }
    }
  });
});
