import { describe, expect, it } from 'vitest';
import { describeKeyIndex, failingKeyIndexCases, keyIndexCases } from '../../engine/store/key-index-suite.ts';
import type { KeyIndex, KeyIndexFactory } from '../../engine/store/key-index.ts';
import type { Revision } from '../../engine/store/revision.ts';
import { newKeyIndex } from './key-index.ts';
import { newKeyIndex as stubKeyIndex } from '../../exercises/store/key-index.ts';

describeKeyIndex('reference solution', newKeyIndex);

/** Wraps the reference and breaks one behaviour, the way a learner's bug would. */
function mutant(override: (inner: KeyIndex) => Partial<KeyIndex>): KeyIndexFactory {
  return (key) => {
    const inner = newKeyIndex(key);
    const o = override(inner);
    return {
      key,
      put: (rev: Revision) => inner.put(rev),
      tombstone: (rev: Revision) => inner.tombstone(rev),
      restore: (c: Revision, m: Revision, v: number) => inner.restore(c, m, v),
      get: (at: number) => inner.get(at),
      since: (rev: number) => inner.since(rev),
      compact: (at: number) => inner.compact(at),
      isEmpty: () => inner.isEmpty(),
      ...o,
    };
  };
}

describe('KeyIndex cases catch broken implementations', () => {
  it('the untouched learner stub fails every case', () => {
    expect(failingKeyIndexCases(stubKeyIndex)).toEqual(keyIndexCases.map((c) => c.name));
  });

  it('a tombstone that does not end the generation (deleted keys stay visible) is caught', () => {
    const deletedStaysVisible = mutant((inner) => ({ tombstone: () => undefined, get: (at) => inner.get(at) }));
    expect(failingKeyIndexCases(deletedStaysVisible).length).toBeGreaterThan(0);
  });

  it('compaction that reports nothing as still needed is caught', () => {
    const forgetsAll = mutant((inner) => ({ compact: (at) => (inner.compact(at), []) }));
    expect(failingKeyIndexCases(forgetsAll)).toContain('compaction keeps the newest revision at or below the compaction point and what follows');
  });

  it('a read that ignores the requested revision (always the latest) is caught', () => {
    const alwaysLatest = mutant((inner) => ({ get: () => inner.get(Number.MAX_SAFE_INTEGER) }));
    expect(failingKeyIndexCases(alwaysLatest)).toContain('a read at a past revision sees the version current at that revision');
  });

  it('an index that never reports empty (keys never forgotten) is caught', () => {
    const neverEmpty = mutant(() => ({ isEmpty: () => false }));
    expect(failingKeyIndexCases(neverEmpty)).toContain('a key deleted before the compaction point leaves an empty index; a live key never does');
  });
});
