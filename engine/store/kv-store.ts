/**
 * The in-memory MVCC state: the key index (tree-index.ts), every stored version by revision,
 * the current and compacted revisions, and reads at any retained revision. Like etcd's store
 * (server/storage/mvcc/kvstore.go + kvstore_txn.go) minus the disk: the versions that etcd keeps
 * in its bolt "key" bucket under the revision live here in `versions`.
 *
 * Everything here is synchronous. Durability, the mutation queue, watches and leases are layered
 * on top by mvcc-store.ts.
 *
 * Readers and the writer never disturb each other, which is the point of MVCC: a write txn
 * records its changes in the key index at `currentRevision + 1` straight away, but readers read
 * at `currentRevision`, where those changes are not visible yet. `commit()` then publishes
 * them by moving `currentRevision` forward — after the write-ahead log has the record.
 */
import type { KeyValue, RangeOptions, WatchEvent } from './kv.ts';
import type { KeyIndexFactory } from './key-index.ts';
import { StoreError } from './errors.ts';
import { TreeIndex } from './tree-index.ts';
import type { Revision } from './revision.ts';

/** One stored version of a key: a put or a tombstone. Never mutated once committed (but `prev`). */
export interface StoredVersion {
  readonly key: string;
  readonly value: string;
  readonly createRevision: number;
  readonly modRevision: number;
  readonly version: number;
  readonly lease: number;
  readonly deleted: boolean;
  /**
   * The version this one replaced (for watch prevKv), frozen. Cleared once both are at or below
   * the compact revision, so that compaction really frees memory.
   */
  prev: KeyValue | undefined;
  /** The watch events this version produces, built once and shared by every watcher (frozen). */
  event?: WatchEvent;
  eventWithPrev?: WatchEvent;
}

export interface RangeResult {
  kvs: KeyValue[];
  count: number;
  more: boolean;
}

/** A copy of a stored version in the KV interface's shape (never the stored object itself). */
export function toKeyValue(v: StoredVersion, keysOnly = false): KeyValue {
  return {
    key: v.key,
    value: keysOnly ? '' : v.value,
    createRevision: v.createRevision,
    modRevision: v.modRevision,
    version: v.version,
    lease: v.lease,
  };
}

export class KvStore {
  readonly tree: TreeIndex;
  /** main revision → its changes in sub order. Compaction leaves holes (undefined). */
  readonly versions = new Map<number, Array<StoredVersion | undefined>>();
  /** Last committed revision; a new store is at 1 (etcd starts there too). */
  currentRevision = 1;
  /** Reads below this fail with "required revision has been compacted". 0: never compacted. */
  compactRevision = 0;
  private writing: WriteTxn | undefined;

  constructor(keyIndex: KeyIndexFactory) {
    this.tree = new TreeIndex(keyIndex);
  }

  /**
   * The revision a read at `revision` uses: <= 0 or absent means the latest. Below the compact
   * revision or above the current one is an error, with etcd's messages (kvstore_txn.go
   * rangeKeys: reading exactly at the compact revision is still allowed).
   */
  readRevision(revision: number | undefined): number {
    if (revision === undefined || revision <= 0) return this.currentRevision;
    if (revision > this.currentRevision) throw new StoreError('FutureRevision');
    if (revision < this.compactRevision) throw new StoreError('Compacted', undefined, this.compactRevision);
    return revision;
  }

  /** The stored version at exactly `rev`, if retained. */
  version(rev: Revision): StoredVersion | undefined {
    // The open write txn's changes are not in `versions` until commit, but the txn itself
    // must be able to read them.
    if (this.writing && rev.main === this.writing.revision) return this.writing.changes[rev.sub];
    return this.versions.get(rev.main)?.[rev.sub];
  }

  /** The key's version visible at `atRev`, or undefined when it did not exist then. */
  getAt(key: string, atRev: number): StoredVersion | undefined {
    const ki = this.tree.get(key);
    if (!ki || ki.isEmpty()) return undefined;
    const found = ki.get(atRev);
    if (!found) return undefined;
    const v = this.version(found.modified);
    if (!v) throw new Error(`mvcc: key index of ${key} points at ${found.modified.main}.${found.modified.sub}, which is not stored`);
    return v.deleted ? undefined : v;
  }

  /**
   * Reads [key, rangeEnd) at revision `atRev` (already checked by readRevision). `count` is the
   * number of keys in the range whatever the limit; `more` tells that limit cut the list short.
   */
  rangeAt(key: string, options: RangeOptions, atRev: number): RangeResult {
    const kvs: KeyValue[] = [];
    const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
    let count = 0;
    this.tree.range(key, options.rangeEnd, (ki) => {
      if (ki.isEmpty()) return;
      const found = ki.get(atRev);
      if (!found) return;
      const v = this.version(found.modified);
      if (!v || v.deleted) return;
      count++;
      if (!options.countOnly && kvs.length < limit) kvs.push(toKeyValue(v, options.keysOnly));
    });
    return { kvs, count, more: !options.countOnly && count > kvs.length };
  }

  /** True while a write txn is open (between beginWrite and commit). */
  get writeOpen(): boolean {
    return this.writing !== undefined;
  }

  /** Starts the (single) write txn of the next revision. */
  beginWrite(): WriteTxn {
    if (this.writing) throw new Error('mvcc: a write txn is already open; mutations must be serialised');
    this.writing = new WriteTxn(this);
    return this.writing;
  }

  /** @internal called by WriteTxn.commit */
  finishWrite(txn: WriteTxn): void {
    if (this.writing !== txn) throw new Error('mvcc: commit of a txn that is not open');
    this.writing = undefined;
    if (txn.changes.length > 0) {
      this.versions.set(txn.revision, txn.changes);
      this.currentRevision = txn.revision;
    }
  }
}

/**
 * The changes of one revision (etcd storeTxnWrite). Puts and deletes get consecutive sub
 * revisions; reads inside the txn see its own earlier writes. A txn that changed nothing does
 * not use up a revision (etcd storeTxnWrite.End bumps the revision only when there are changes).
 */
export class WriteTxn {
  readonly revision: number;
  readonly changes: StoredVersion[] = [];

  constructor(private readonly store: KvStore) {
    this.revision = store.currentRevision + 1;
  }

  /** The revision reads inside this txn use: its own revision once it has written something. */
  get readRevision(): number {
    return this.changes.length > 0 ? this.revision : this.store.currentRevision;
  }

  put(key: string, value: string, lease: number): StoredVersion {
    const ki = this.store.tree.getOrCreate(key);
    const prev = ki.isEmpty() ? undefined : ki.get(this.readRevision);
    const prevVersion = prev ? this.store.version(prev.modified) : undefined;
    const live = prevVersion && !prevVersion.deleted ? prevVersion : undefined;
    const rev: Revision = { main: this.revision, sub: this.changes.length };
    ki.put(rev);
    // Version and createRevision come from the key index (its generation), as in etcd's
    // storeTxnWrite.put: a key re-created after a delete starts again at version 1.
    const now = ki.get(this.revision)!;
    const stored: StoredVersion = {
      key,
      value,
      createRevision: now.created.main,
      modRevision: this.revision,
      version: now.version,
      lease,
      deleted: false,
      prev: live ? Object.freeze(toKeyValue(live)) : undefined,
    };
    this.changes.push(stored);
    return stored;
  }

  /** Deletes the live keys of [key, rangeEnd); returns the deleted versions in key order. */
  deleteRange(key: string, rangeEnd: string | undefined): StoredVersion[] {
    const readRev = this.readRevision;
    const victims: StoredVersion[] = [];
    this.store.tree.range(key, rangeEnd, (ki) => {
      if (ki.isEmpty()) return;
      const found = ki.get(readRev);
      if (!found) return;
      const v = this.store.version(found.modified);
      if (v && !v.deleted) victims.push(v);
    });
    for (const v of victims) {
      const rev: Revision = { main: this.revision, sub: this.changes.length };
      this.store.tree.get(v.key)!.tombstone(rev);
      this.changes.push({
        key: v.key,
        value: '',
        createRevision: 0,
        modRevision: this.revision,
        version: 0,
        lease: 0,
        deleted: true,
        prev: Object.freeze(toKeyValue(v)),
      });
    }
    return victims;
  }

  range(key: string, options: RangeOptions): RangeResult {
    const rev = options.revision && options.revision > 0 ? this.store.readRevision(options.revision) : this.readRevision;
    return this.store.rangeAt(key, options, rev);
  }

  /** Publishes the changes (if any) as revision `this.revision`. */
  commit(): StoredVersion[] {
    this.store.finishWrite(this);
    return this.changes;
  }
}
