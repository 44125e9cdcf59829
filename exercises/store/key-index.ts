/**
 * Exercise `store.mvcc`: write etcd's keyIndex. Read the interface and its worked example in
 * engine/store/key-index.ts first: it shows, for one key's history, what every method returns.
 *
 * The cases your index must pass are in engine/store/key-index-suite.ts (the grader runs them
 * against this file; solutions/store/key-index.test.ts runs them against the reference).
 */
import type { KeyIndex, KeyIndexGetResult } from '../../engine/store/key-index.ts';
import type { Revision } from '../../engine/store/revision.ts';

export class LearnerKeyIndex implements KeyIndex {
  // TODO: decide how to hold the key's generations. Each generation needs the revision that
  // created it, its list of revisions, and a version count that survives compaction.

  constructor(readonly key: string) {}

  put(rev: Revision): void {
    // TODO: append `rev` to the current generation (it becomes the creation revision if the
    // generation is empty) and count one more version. Reject a revision that is not after the
    // last one recorded.
    void rev;
    throw new Error('TODO: KeyIndex.put');
  }

  tombstone(rev: Revision): void {
    // TODO: record the delete at `rev` at the end of the current generation, then start a new,
    // empty generation. Deleting a key that is not live is a caller bug.
    void rev;
    throw new Error('TODO: KeyIndex.tombstone');
  }

  restore(created: Revision, modified: Revision, version: number): void {
    // TODO: start the index with one generation holding just `modified`, created at `created`,
    // whose version is `version`.
    void created;
    void modified;
    void version;
    throw new Error('TODO: KeyIndex.restore');
  }

  get(atRev: number): KeyIndexGetResult | undefined {
    // TODO: find the generation the key was in at `atRev` (none if it did not exist then), then
    // the newest revision <= atRev in it, and the version that revision had.
    void atRev;
    throw new Error('TODO: KeyIndex.get');
  }

  since(rev: number): Revision[] {
    // TODO: every revision with main >= rev, oldest first; of several with the same main
    // revision keep only the last.
    void rev;
    throw new Error('TODO: KeyIndex.since');
  }

  compact(atRev: number): Revision[] {
    // TODO: forget what a read at or after `atRev` can never need (see the worked example) and
    // return the revisions <= atRev that must be kept.
    void atRev;
    throw new Error('TODO: KeyIndex.compact');
  }

  isEmpty(): boolean {
    // TODO: true when the index holds no revision at all.
    throw new Error('TODO: KeyIndex.isEmpty');
  }
}

export function newKeyIndex(key: string): KeyIndex {
  return new LearnerKeyIndex(key);
}
