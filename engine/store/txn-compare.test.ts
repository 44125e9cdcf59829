import { describe, expect, it } from 'vitest';
import { applyCompare, checkTxnBranch, inRange } from './txn-compare.ts';
import type { KeyValue } from './kv.ts';
import { isStoreError } from './errors.ts';

const kv = (key: string, over: Partial<KeyValue> = {}): KeyValue => ({ key, value: 'v', createRevision: 2, modRevision: 5, version: 3, lease: 0, ...over });

describe('applyCompare', () => {
  it('compares the chosen field of the key with the given result', () => {
    const read = () => ({ kvs: [kv('k')], count: 1, more: false });
    expect(applyCompare({ key: 'k', target: 'VERSION', result: 'EQUAL', value: 3 }, read)).toBe(true);
    expect(applyCompare({ key: 'k', target: 'MOD', result: 'LESS', value: 5 }, read)).toBe(false);
    expect(applyCompare({ key: 'k', target: 'CREATE', result: 'GREATER', value: 1 }, read)).toBe(true);
    expect(applyCompare({ key: 'k', target: 'LEASE', result: 'EQUAL', value: 0 }, read)).toBe(true);
    expect(applyCompare({ key: 'k', target: 'VALUE', result: 'NOT_EQUAL', value: 'w' }, read)).toBe(true);
  });

  it('a range compare holds only if it holds for every key; an empty range compares as a missing key', () => {
    const two = () => ({ kvs: [kv('a', { version: 1 }), kv('b', { version: 2 })], count: 2, more: false });
    expect(applyCompare({ key: 'a', rangeEnd: 'c', target: 'VERSION', result: 'GREATER', value: 0 }, two)).toBe(true);
    expect(applyCompare({ key: 'a', rangeEnd: 'c', target: 'VERSION', result: 'EQUAL', value: 1 }, two)).toBe(false);
    const none = () => ({ kvs: [], count: 0, more: false });
    expect(applyCompare({ key: 'a', rangeEnd: 'c', target: 'CREATE', result: 'EQUAL', value: 0 }, none)).toBe(true);
    expect(applyCompare({ key: 'a', target: 'VALUE', result: 'EQUAL', value: '' }, none)).toBe(false);
  });
});

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
