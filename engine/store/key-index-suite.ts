/**
 * The behaviour cases of the `store.mvcc` part (KeyIndex), written once and run against any
 * implementation: the reference in solutions/, the learner's stub in exercises/ (where every
 * case must fail), deliberately broken mutants, and later the grader.
 *
 * Each case is a plain function that throws on failure (vitest's `expect` throws), so the cases
 * can also be run outside a test runner's `it` to count how many an implementation fails.
 */
import { describe, expect, it } from 'vitest';
import type { KeyIndex, KeyIndexFactory } from './key-index.ts';
import { formatRevision, revision, type Revision } from './revision.ts';

export interface KeyIndexCase {
  name: string;
  run(factory: KeyIndexFactory): void;
}

const r = revision;
const fmt = (revs: Revision[]) => revs.map(formatRevision);

/** The history of the worked example in key-index.ts. */
function workedExample(factory: KeyIndexFactory): KeyIndex {
  const ki = factory('/registry/pods/default/web');
  ki.put(r(2));
  ki.put(r(3));
  ki.tombstone(r(5));
  ki.put(r(7));
  ki.put(r(8));
  ki.tombstone(r(9));
  return ki;
}

function view(ki: KeyIndex, atRev: number): string | undefined {
  const got = ki.get(atRev);
  return got && `${formatRevision(got.modified)} created ${formatRevision(got.created)} v${got.version}`;
}

export const keyIndexCases: readonly KeyIndexCase[] = [
  {
    name: 'a new index knows its key and holds no revision',
    run(factory) {
      const ki = factory('/registry/pods/default/web');
      expect(ki.key).toBe('/registry/pods/default/web');
      expect(ki.isEmpty()).toBe(true);
    },
  },
  {
    name: 'the first put creates the key at version 1, each later put adds one',
    run(factory) {
      const ki = factory('k');
      ki.put(r(2));
      expect(view(ki, 2)).toBe('2.0 created 2.0 v1');
      ki.put(r(4));
      ki.put(r(6));
      expect(view(ki, 6)).toBe('6.0 created 2.0 v3');
      expect(ki.isEmpty()).toBe(false);
    },
  },
  {
    name: 'a read at a past revision sees the version current at that revision',
    run(factory) {
      const ki = factory('k');
      ki.put(r(2));
      ki.put(r(4));
      ki.put(r(6));
      expect(view(ki, 1)).toBeUndefined();
      expect(view(ki, 3)).toBe('2.0 created 2.0 v1');
      expect(view(ki, 5)).toBe('4.0 created 2.0 v2');
      expect(view(ki, 100)).toBe('6.0 created 2.0 v3');
    },
  },
  {
    name: 'a deleted key reads as missing from its tombstone until it is created again',
    run(factory) {
      const ki = workedExample(factory);
      expect(view(ki, 4)).toBe('3.0 created 2.0 v2');
      expect(view(ki, 5)).toBeUndefined();
      expect(view(ki, 6)).toBeUndefined();
      expect(view(ki, 9)).toBeUndefined();
      expect(view(ki, 50)).toBeUndefined();
      expect(ki.isEmpty()).toBe(false);
    },
  },
  {
    name: 'a re-created key starts a new generation at version 1 with a new created revision',
    run(factory) {
      const ki = workedExample(factory);
      expect(view(ki, 7)).toBe('7.0 created 7.0 v1');
      expect(view(ki, 8)).toBe('8.0 created 7.0 v2');
      ki.put(r(12));
      expect(view(ki, 12)).toBe('12.0 created 12.0 v1');
    },
  },
  {
    name: 'several puts inside one txn: a read of that revision sees the last, with its version',
    run(factory) {
      const ki = factory('k');
      ki.put(r(3, 0));
      ki.put(r(3, 2));
      expect(view(ki, 3)).toBe('3.2 created 3.0 v2');
      ki.tombstone(r(4, 1));
      expect(view(ki, 4)).toBeUndefined();
      expect(view(ki, 3)).toBe('3.2 created 3.0 v2');
    },
  },
  {
    name: 'since lists revisions from the given one on, across generations, one per main revision',
    run(factory) {
      const ki = workedExample(factory);
      expect(fmt(ki.since(3))).toEqual(['3.0', '5.0', '7.0', '8.0', '9.0']);
      expect(fmt(ki.since(0))).toEqual(['2.0', '3.0', '5.0', '7.0', '8.0', '9.0']);
      expect(fmt(ki.since(10))).toEqual([]);
      const txn = factory('t');
      txn.put(r(4, 0));
      txn.put(r(4, 3));
      txn.put(r(6, 1));
      expect(fmt(txn.since(4))).toEqual(['4.3', '6.1']);
    },
  },
  {
    name: 'compaction keeps the newest revision at or below the compaction point and what follows',
    run(factory) {
      const ki = workedExample(factory);
      expect(fmt(ki.compact(4))).toEqual(['3.0']);
      expect(view(ki, 4)).toBe('3.0 created 2.0 v2');
      expect(fmt(ki.since(0))).toEqual(['3.0', '5.0', '7.0', '8.0', '9.0']);
    },
  },
  {
    name: 'compaction does not change the version or created revision of what it keeps',
    run(factory) {
      const ki = factory('k');
      for (let main = 2; main <= 10; main++) ki.put(r(main));
      expect(fmt(ki.compact(8))).toEqual(['8.0']);
      expect(view(ki, 8)).toBe('8.0 created 2.0 v7');
      expect(view(ki, 10)).toBe('10.0 created 2.0 v9');
      ki.put(r(11));
      expect(view(ki, 11)).toBe('11.0 created 2.0 v10');
    },
  },
  {
    name: 'compaction at a deletion keeps just the tombstone; the key still reads as deleted',
    run(factory) {
      const ki = workedExample(factory);
      ki.compact(4);
      expect(fmt(ki.compact(5))).toEqual(['5.0']);
      expect(view(ki, 5)).toBeUndefined();
      expect(view(ki, 8)).toBe('8.0 created 7.0 v2');
      expect(fmt(ki.since(0))).toEqual(['5.0', '7.0', '8.0', '9.0']);
    },
  },
  {
    name: 'compaction past a deletion drops that whole life of the key and returns nothing for it',
    run(factory) {
      const ki = workedExample(factory);
      expect(fmt(ki.compact(6))).toEqual([]);
      expect(fmt(ki.since(0))).toEqual(['7.0', '8.0', '9.0']);
      expect(view(ki, 8)).toBe('8.0 created 7.0 v2');
      expect(ki.isEmpty()).toBe(false);
    },
  },
  {
    name: 'a key deleted before the compaction point leaves an empty index; a live key never does',
    run(factory) {
      const dead = workedExample(factory);
      expect(fmt(dead.compact(9))).toEqual(['9.0']);
      expect(dead.isEmpty()).toBe(false);
      expect(fmt(dead.compact(10))).toEqual([]);
      expect(dead.isEmpty()).toBe(true);

      const live = factory('live');
      live.put(r(2));
      live.put(r(3));
      expect(fmt(live.compact(100))).toEqual(['3.0']);
      expect(live.isEmpty()).toBe(false);
      expect(view(live, 100)).toBe('3.0 created 2.0 v2');
    },
  },
  {
    name: 'a key compacted away can be created again from scratch',
    run(factory) {
      const ki = workedExample(factory);
      ki.compact(10);
      ki.put(r(11));
      expect(view(ki, 11)).toBe('11.0 created 11.0 v1');
      expect(view(ki, 10)).toBeUndefined();
    },
  },
  {
    name: 'compaction before the key existed changes nothing',
    run(factory) {
      const ki = factory('k');
      ki.put(r(5));
      ki.put(r(6));
      expect(fmt(ki.compact(3))).toEqual([]);
      expect(fmt(ki.since(0))).toEqual(['5.0', '6.0']);
      expect(view(ki, 6)).toBe('6.0 created 5.0 v2');
    },
  },
  {
    name: 'a restored index continues the version count and keeps the created revision',
    run(factory) {
      const ki = factory('k');
      ki.restore(r(2), r(9, 1), 4);
      expect(view(ki, 9)).toBe('9.1 created 2.0 v4');
      expect(view(ki, 8)).toBeUndefined();
      ki.put(r(12));
      expect(view(ki, 12)).toBe('12.0 created 2.0 v5');
      ki.tombstone(r(13));
      ki.put(r(14));
      expect(view(ki, 14)).toBe('14.0 created 14.0 v1');
    },
  },
  {
    name: 'history cannot be rewritten: a put at or below the last revision, or a delete of a deleted key, throws',
    run(factory) {
      const ki = factory('k');
      ki.put(r(5, 1));
      expect(() => ki.put(r(5, 1))).toThrow();
      expect(() => ki.put(r(4))).toThrow();
      ki.tombstone(r(6));
      expect(() => ki.tombstone(r(7))).toThrow();
    },
  },
];

/** Registers every case as a vitest test against `factory`. */
export function describeKeyIndex(name: string, factory: KeyIndexFactory): void {
  describe(`KeyIndex (${name})`, () => {
    for (const c of keyIndexCases) it(c.name, () => c.run(factory));
  });
}

/** Names of the cases an implementation fails (for stub and mutant checks). */
export function failingKeyIndexCases(factory: KeyIndexFactory): string[] {
  const failed: string[] = [];
  for (const c of keyIndexCases) {
    try {
      c.run(factory);
    } catch {
      failed.push(c.name);
    }
  }
  return failed;
}
