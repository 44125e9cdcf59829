/**
 * Durability contract between the MVCC store (isomorphic, in memory) and a persistence adapter
 * (engine/node/persistence: write-ahead log + snapshots on disk). The store never imports node:*;
 * it only calls a Backend.
 *
 * Rules the store follows:
 *  - Mutations are applied one at a time in revision order. For each one the store builds a
 *    WalRecord, awaits `append(record)`, and only then makes the change visible (reads, watch
 *    events) and resolves the caller's promise. So every acknowledged write is in the log.
 *  - Every `snapshotEvery` records (default 10,000) the store calls `saveSnapshot` with its whole
 *    state; the backend may then drop the records the snapshot covers.
 *  - On open, the store asks `load()` for the last snapshot and the records after it and replays
 *    them. Leases come back with their full granted TTL (etcd likewise refreshes leases when a
 *    new leader takes over rather than trusting elapsed time across a restart).
 *
 * Rules the backend follows:
 *  - `append` resolves only when the record would survive the process being killed.
 *  - A torn or corrupt tail (partial last record, bad checksum) is cut off at the last good
 *    record and reported in `warnings`; load never throws for it and never drops a good record.
 */

export type WalOp =
  | { op: 'put'; key: string; value: string; lease: number }
  | { op: 'delete'; key: string };

export type WalRecord =
  /** One revision: a put, a delete range or a whole txn (possibly a lease revocation's deletes). */
  | { type: 'txn'; revision: number; ops: WalOp[] }
  | { type: 'compact'; revision: number }
  | { type: 'leaseGrant'; id: number; ttl: number }
  /** The lease is gone; the deletions of its keys, if any, are a separate 'txn' record. */
  | { type: 'leaseRevoke'; id: number };

/** One stored version of a key: a put, or a tombstone (deleted: true, empty value). */
export interface SnapshotEntry {
  key: string;
  value: string;
  createRevision: number;
  modRevision: number;
  version: number;
  lease: number;
  deleted?: boolean;
}

export interface StoreSnapshot {
  /** Format version of this object, for future migrations. */
  format: 1;
  revision: number;
  compactRevision: number;
  /** Every retained version of every key (history since compactRevision), in modRevision order. */
  entries: SnapshotEntry[];
  leases: Array<{ id: number; ttl: number }>;
}

export interface LoadResult {
  snapshot?: StoreSnapshot;
  /** Records written after the snapshot, in order. */
  records: WalRecord[];
  /** Human-readable notes, e.g. "wal: cut torn tail at byte 81234 (37 bytes dropped)". */
  warnings: string[];
}

export interface Backend {
  load(): Promise<LoadResult>;
  append(record: WalRecord): Promise<void>;
  saveSnapshot(snapshot: StoreSnapshot): Promise<void>;
  close(): Promise<void>;
}
