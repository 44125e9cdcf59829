/**
 * The behaviour cases of the `store.txn` part (TxnComparePart.applyCompare), written once and run
 * against any implementation: the reference in solutions/, the learner's stub, the mutants of
 * grader/mutants/store-txn.ts, and the grader (grader/tests/store-txn.ts).
 *
 * Each case is a plain function that throws on failure (vitest's `expect` throws). The keys are
 * served by a small fake reader with etcd's range conventions (inRange), so a case says exactly
 * what the store holds when the compare is evaluated. Upstream: etcd server/etcdserver/txn/txn.go
 * applyCompare and compareKV.
 */
import { expect } from 'vitest';
import type { Compare, KeyValue } from './kv.ts';
import { inRange, type CompareReader, type TxnComparePart } from './txn-compare.ts';

export interface TxnCompareCase {
  name: string;
  run(part: TxnComparePart): void;
}

/** A key as the store would return it; defaults: created at 2, written at 5, version 3, value "v". */
export function kv(key: string, over: Partial<KeyValue> = {}): KeyValue {
  return { key, value: 'v', createRevision: 2, modRevision: 5, version: 3, lease: 0, ...over };
}

/** A reader over fixed keys, in key order, with etcd's range ends (none: one key; "\0": to the end). */
export function readerOf(...kvs: KeyValue[]): CompareReader {
  const sorted = [...kvs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return (key, rangeEnd) => {
    const found = sorted.filter((k) => inRange(k.key, key, rangeEnd)).map((k) => ({ ...k }));
    return { kvs: found, count: found.length, more: false };
  };
}

export const txnCompareCases: readonly TxnCompareCase[] = [
  {
    name: 'EQUAL compares the named field of the key: version, create revision, mod revision, lease, value',
    run(part) {
      const read = readerOf(kv('k', { version: 3, createRevision: 2, modRevision: 5, lease: 7, value: 'blue' }));
      expect(part.applyCompare({ key: 'k', target: 'VERSION', result: 'EQUAL', value: 3 }, read)).toBe(true);
      expect(part.applyCompare({ key: 'k', target: 'CREATE', result: 'EQUAL', value: 2 }, read)).toBe(true);
      expect(part.applyCompare({ key: 'k', target: 'MOD', result: 'EQUAL', value: 5 }, read)).toBe(true);
      expect(part.applyCompare({ key: 'k', target: 'LEASE', result: 'EQUAL', value: 7 }, read)).toBe(true);
      expect(part.applyCompare({ key: 'k', target: 'VALUE', result: 'EQUAL', value: 'blue' }, read)).toBe(true);
      expect(part.applyCompare({ key: 'k', target: 'VERSION', result: 'EQUAL', value: 5 }, read)).toBe(false);
      expect(part.applyCompare({ key: 'k', target: 'MOD', result: 'EQUAL', value: 2 }, read)).toBe(false);
      expect(part.applyCompare({ key: 'k', target: 'VALUE', result: 'EQUAL', value: 'green' }, read)).toBe(false);
    },
  },
  {
    name: 'the optimistic update guard: MOD = the revision read holds until someone writes the key again',
    run(part) {
      const key = '/registry/configmaps/default/x';
      const guard: Compare = { key, target: 'MOD', result: 'EQUAL', value: 8 };
      const unchanged = readerOf(kv(key, { modRevision: 8 }));
      const writtenSince = readerOf(kv(key, { modRevision: 9 }));
      expect(part.applyCompare(guard, unchanged)).toBe(true);
      expect(part.applyCompare(guard, writtenSince)).toBe(false);
    },
  },
  {
    name: "GREATER and LESS read as \"the key's field is greater / less than the value\"",
    run(part) {
      const read = readerOf(kv('k', { modRevision: 5, version: 3 }));
      expect(part.applyCompare({ key: 'k', target: 'MOD', result: 'GREATER', value: 4 }, read)).toBe(true);
      expect(part.applyCompare({ key: 'k', target: 'MOD', result: 'GREATER', value: 5 }, read)).toBe(false);
      expect(part.applyCompare({ key: 'k', target: 'MOD', result: 'GREATER', value: 6 }, read)).toBe(false);
      expect(part.applyCompare({ key: 'k', target: 'MOD', result: 'LESS', value: 6 }, read)).toBe(true);
      expect(part.applyCompare({ key: 'k', target: 'MOD', result: 'LESS', value: 5 }, read)).toBe(false);
      expect(part.applyCompare({ key: 'k', target: 'VERSION', result: 'LESS', value: 2 }, read)).toBe(false);
    },
  },
  {
    name: 'NOT_EQUAL holds exactly when EQUAL does not',
    run(part) {
      const read = readerOf(kv('k', { version: 3, value: 'v' }));
      expect(part.applyCompare({ key: 'k', target: 'VERSION', result: 'NOT_EQUAL', value: 3 }, read)).toBe(false);
      expect(part.applyCompare({ key: 'k', target: 'VERSION', result: 'NOT_EQUAL', value: 4 }, read)).toBe(true);
      expect(part.applyCompare({ key: 'k', target: 'VALUE', result: 'NOT_EQUAL', value: 'w' }, read)).toBe(true);
    },
  },
  {
    name: 'values compare as strings in byte order, not as numbers',
    run(part) {
      const read = readerOf(kv('k', { value: '10' }));
      expect(part.applyCompare({ key: 'k', target: 'VALUE', result: 'LESS', value: '9' }, read)).toBe(true);
      expect(part.applyCompare({ key: 'k', target: 'VALUE', result: 'GREATER', value: '1' }, read)).toBe(true);
      expect(part.applyCompare({ key: 'k', target: 'VALUE', result: 'GREATER', value: 'a' }, read)).toBe(false);
    },
  },
  {
    name: 'a missing key compares as version, create revision, mod revision and lease 0: CREATE = 0 means "does not exist"',
    run(part) {
      const read = readerOf(kv('other'));
      expect(part.applyCompare({ key: 'k', target: 'CREATE', result: 'EQUAL', value: 0 }, read)).toBe(true);
      expect(part.applyCompare({ key: 'k', target: 'VERSION', result: 'EQUAL', value: 0 }, read)).toBe(true);
      expect(part.applyCompare({ key: 'k', target: 'MOD', result: 'LESS', value: 1 }, read)).toBe(true);
      expect(part.applyCompare({ key: 'k', target: 'LEASE', result: 'EQUAL', value: 0 }, read)).toBe(true);
      expect(part.applyCompare({ key: 'k', target: 'VERSION', result: 'GREATER', value: 0 }, read)).toBe(false);
      expect(part.applyCompare({ key: 'k', target: 'MOD', result: 'NOT_EQUAL', value: 0 }, read)).toBe(false);
      expect(part.applyCompare({ key: 'other', target: 'CREATE', result: 'EQUAL', value: 0 }, read)).toBe(false);
    },
  },
  {
    name: 'a VALUE compare on a missing key is false whatever the result asks, even "equal to the empty string"',
    run(part) {
      const read = readerOf();
      expect(part.applyCompare({ key: 'k', target: 'VALUE', result: 'EQUAL', value: '' }, read)).toBe(false);
      expect(part.applyCompare({ key: 'k', target: 'VALUE', result: 'NOT_EQUAL', value: 'x' }, read)).toBe(false);
      expect(part.applyCompare({ key: 'k', target: 'VALUE', result: 'LESS', value: 'z' }, read)).toBe(false);
      const emptyValue = readerOf(kv('k', { value: '' }));
      expect(part.applyCompare({ key: 'k', target: 'VALUE', result: 'EQUAL', value: '' }, emptyValue)).toBe(true);
    },
  },
  {
    name: 'a range compare holds only when it holds for every key in [key, rangeEnd)',
    run(part) {
      const read = readerOf(kv('a', { version: 1 }), kv('b', { version: 2 }), kv('c', { version: 9 }));
      expect(part.applyCompare({ key: 'a', rangeEnd: 'c', target: 'VERSION', result: 'GREATER', value: 0 }, read)).toBe(true);
      expect(part.applyCompare({ key: 'a', rangeEnd: 'c', target: 'VERSION', result: 'EQUAL', value: 1 }, read)).toBe(false);
      expect(part.applyCompare({ key: 'a', rangeEnd: 'c', target: 'VERSION', result: 'LESS', value: 3 }, read)).toBe(true);
      expect(part.applyCompare({ key: 'a', rangeEnd: 'd', target: 'VERSION', result: 'LESS', value: 3 }, read)).toBe(false);
      expect(part.applyCompare({ key: 'b', rangeEnd: '\0', target: 'VERSION', result: 'GREATER', value: 1 }, read)).toBe(true);
    },
  },
  {
    name: 'a range that holds no key compares as one missing key (VALUE: false)',
    run(part) {
      const read = readerOf(kv('x'));
      expect(part.applyCompare({ key: 'a', rangeEnd: 'c', target: 'CREATE', result: 'EQUAL', value: 0 }, read)).toBe(true);
      expect(part.applyCompare({ key: 'a', rangeEnd: 'c', target: 'VERSION', result: 'GREATER', value: 0 }, read)).toBe(false);
      expect(part.applyCompare({ key: 'a', rangeEnd: 'c', target: 'VALUE', result: 'NOT_EQUAL', value: 'v' }, read)).toBe(false);
    },
  },
  {
    name: 'a compare without rangeEnd (or with an empty one) looks at that exact key, not at keys it prefixes',
    run(part) {
      const read = readerOf(kv('/registry/pods/default/web-1', { version: 4 }));
      expect(part.applyCompare({ key: '/registry/pods/default/web', target: 'CREATE', result: 'EQUAL', value: 0 }, read)).toBe(true);
      expect(part.applyCompare({ key: '/registry/pods/default/web', rangeEnd: '', target: 'VERSION', result: 'EQUAL', value: 0 }, read)).toBe(true);
    },
  },
];

/** Names of the cases an implementation fails (for stub and mutant checks). */
export function failingTxnCompareCases(part: TxnComparePart): string[] {
  const failed: string[] = [];
  for (const c of txnCompareCases) {
    try {
      c.run(part);
    } catch {
      failed.push(c.name);
    }
  }
  return failed;
}
