import { describe, expect, it } from 'vitest';
import { checkTxnBranch, inRange } from './txn-compare.ts';
import { isStoreError } from './errors.ts';

describe('checkTxnBranch', () => {
  const dup = (f: () => void) => {
    try {
      f();
      return false;
    } catch (e) {
      return isStoreError(e, 'InvalidArgument') && e.message.includes('duplicate key given in txn request');
    }
  };
  it('accepts distinct puts, reads of anything and overlapping deletes', () => {
    expect(() =>
      checkTxnBranch([{ put: { key: 'a', value: '' } }, { put: { key: 'b', value: '' } }, { range: { key: 'a' } }, { deleteRange: { key: 'c', rangeEnd: 'e' } }, { deleteRange: { key: 'd' } }]),
    ).not.toThrow();
  });
  it('rejects two puts of one key, and a put inside a deleted range', () => {
    expect(dup(() => checkTxnBranch([{ put: { key: 'a', value: '1' } }, { put: { key: 'a', value: '2' } }]))).toBe(true);
    expect(dup(() => checkTxnBranch([{ deleteRange: { key: 'a', rangeEnd: 'c' } }, { put: { key: 'b', value: '' } }]))).toBe(true);
    expect(dup(() => checkTxnBranch([{ deleteRange: { key: 'b' } }, { put: { key: 'b', value: '' } }]))).toBe(true);
  });
});

describe('inRange', () => {
  it('uses etcd conventions for the end of a range', () => {
    expect(inRange('a', 'a', undefined)).toBe(true);
    expect(inRange('ab', 'a', undefined)).toBe(false);
    expect(inRange('zz', 'b', '\0')).toBe(true);
    expect(inRange('a', 'b', '\0')).toBe(false);
    expect(inRange('b', 'a', 'b')).toBe(false);
  });
});
