/**
 * THE PART `store.mvcc`: a key's index of revisions, etcd's keyIndex
 * (etcd server/storage/mvcc/key_index.go). The store keeps one KeyIndex per key it has ever seen
 * (in tree-index.ts) and one stored version per revision (in kv-store.ts). To read a key "as of
 * revision R" it asks the key's index which revision was current at R, then fetches that version.
 *
 * A key lives in *generations*. A generation starts when the key is created, collects one
 * revision per put, and ends with the revision of the delete (a *tombstone*); a new, empty
 * generation then waits for the key to be created again. Each generation remembers where it
 * started (`created`) and how many revisions it has had (`version`), so the version of any
 * revision inside it can be worked out even after older revisions have been compacted away.
 *
 * Worked example: the key /registry/pods/default/web is
 *   created at 2, updated at 3, deleted at 5, created again at 7, updated at 8, deleted at 9.
 * Its index holds three generations (sub-revisions are all 0 here, written `main.sub`):
 *
 *   g0  created 2.0  version 3   revisions 2.0 3.0 5.0(tombstone)
 *   g1  created 7.0  version 3   revisions 7.0 8.0 9.0(tombstone)
 *   g2  (empty: the key does not exist now)
 *
 *   get(1) → undefined (not created yet)    get(4) → modified 3.0, created 2.0, version 2
 *   get(5) → undefined (deleted at 5)       get(6) → undefined (between two lives)
 *   get(8) → modified 8.0, created 7.0, version 2
 *   since(3) → 3.0 5.0 7.0 8.0 9.0
 *
 * Compaction at R forgets every revision <= R except the newest one, which is exactly what a
 * read at R still needs. A generation whose tombstone is *below* R is dropped entirely: the key
 * was already gone at R. One whose tombstone is *at* R keeps just that tombstone (as etcd does;
 * it marks where the key's life ended). Applied one after another to the index above:
 *
 *   compact(4)  → g0 keeps 3.0 5.0(t)                 returns [3.0]  (the version read at 4)
 *   compact(5)  → g0 keeps 5.0(t)                     returns [5.0]
 *   compact(6)  → g0 dropped; g1 untouched             returns []     (nothing live at 6)
 *   compact(9)  → g1 keeps 9.0(t)                     returns [9.0]
 *   compact(10) → only the empty generation is left: isEmpty() is true and the store forgets
 *                 the key altogether.
 *
 * The store promises to call put/tombstone with strictly increasing revisions, to tombstone only
 * a live key, and to call get/since/compact only on a non-empty index. Breaking these promises
 * is a bug in the caller: implementations may throw.
 */
import type { Revision } from './revision.ts';

export interface KeyIndexGetResult {
  /** The revision of the version visible at the requested revision (becomes modRevision). */
  modified: Revision;
  /** The revision that created this generation (becomes createRevision). */
  created: Revision;
  /** 1 for the creating put, +1 for every later put in the same generation. */
  version: number;
}

export interface KeyIndex {
  readonly key: string;
  /** Records a put at `rev` (> every revision recorded so far); starts a generation if needed. */
  put(rev: Revision): void;
  /** Records a delete at `rev`: ends the current generation and opens an empty one. */
  tombstone(rev: Revision): void;
  /**
   * Starts an empty index from a snapshot in which the oldest retained version of the key is
   * `modified`, created at `created` and at `version` (etcd keyIndex.restore).
   */
  restore(created: Revision, modified: Revision, version: number): void;
  /** The version visible at main revision `atRev`, or undefined if the key did not exist then. */
  get(atRev: number): KeyIndexGetResult | undefined;
  /**
   * Every revision with main >= `rev`, oldest first, across generations; when several share one
   * main revision only the last (highest sub) is returned, since that is what a reader sees.
   */
  since(rev: number): Revision[];
  /**
   * Forgets the revisions <= `atRev` except the newest one (see the worked example) and returns
   * the revisions <= `atRev` that are still needed: zero or one. The store deletes every other
   * stored version <= `atRev` of this key.
   */
  compact(atRev: number): Revision[];
  /** True when no revision is left (only an empty generation): the store drops the key. */
  isEmpty(): boolean;
}

/** Makes the index for a key the store has not seen before (or has forgotten). */
export type KeyIndexFactory = (key: string) => KeyIndex;
