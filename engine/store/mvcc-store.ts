/**
 * The embedded etcd: the KV interface over the MVCC state (kv-store.ts), compaction, watches
 * (watchable-store.ts), leases (lease.ts) and the durability contract of backend.ts.
 *
 * Every mutation — put, delete range, txn, compact, lease grant and revoke — goes through one
 * queue, so they are applied one at a time in revision order (etcd applies the raft log the same
 * way). For each one the store
 *   1. works out the change at the next revision (invisible to readers, see kv-store.ts),
 *   2. builds the WalRecord and awaits backend.append (when there is a backend),
 *   3. only then publishes it: readers see it, watchers are notified, the caller's promise
 *      resolves.
 * So an acknowledged write is always in the log. A backend that fails to append leaves the store
 * unable to know what is durable: like etcd, which stops on a WAL write error, the store then
 * fails every later call with that error.
 *
 * Reads (range, leaseTimeToLive) do not queue: they read the last published revision.
 */
import type { Clock } from '../util/clock.ts';
import type {
  CompactResponse,
  DeleteRangeOptions,
  DeleteRangeResponse,
  KV,
  LeaseGrantResponse,
  LeaseTimeToLiveResponse,
  PutOptions,
  PutResponse,
  RangeOptions,
  RangeResponse,
  ResponseHeader,
  ResponseOp,
  TxnRequest,
  TxnResponse,
  Watch,
  WatchOptions,
  WatchResponse,
} from './kv.ts';
import type { Backend, WalOp, WalRecord } from './backend.ts';
import type { KeyIndexFactory } from './key-index.ts';
import { StoreError } from './errors.ts';
import { KvStore, toKeyValue, type StoredVersion, type WriteTxn } from './kv-store.ts';
import { checkCompaction, compactStore } from './compaction.ts';
import { checkTxnBranch, type TxnComparePart } from './txn-compare.ts';
import { Lessor } from './lease.ts';
import { WatchableStore } from './watchable-store.ts';
import { buildSnapshot, restoreSnapshot } from './snapshot.ts';

export interface MvccStoreOptions {
  clock: Clock;
  /** The `store.mvcc` part: makes each key's index. */
  keyIndex: KeyIndexFactory;
  /** The `store.txn` part: decides whether each compare of a txn holds. */
  txnCompare: TxnComparePart;
  /** Where records and snapshots go; none: memory only. */
  backend?: Backend;
  /** Save a snapshot every this many records (default 10,000). */
  snapshotEvery?: number;
  /** Period of watch progress notifications (default 10 minutes, as etcd). */
  progressNotifyIntervalMs?: number;
}

export interface MvccStore extends KV {
  /** The last published revision. */
  currentRevision(): number;
  /** Reads below this revision fail; 0 when never compacted. */
  compactRevision(): number;
  /** Warnings from the backend's load() (e.g. a torn log tail that was cut). */
  readonly warnings: readonly string[];
}

export const DEFAULT_SNAPSHOT_EVERY = 10_000;

/** Opens a store: empty, or rebuilt from the backend's snapshot and records. */
export async function createMvccStore(options: MvccStoreOptions): Promise<MvccStore> {
  const store = new EmbeddedMvccStore(options);
  await store.open();
  return store;
}

class EmbeddedMvccStore implements MvccStore {
  private readonly kv: KvStore;
  private readonly lessor: Lessor;
  private readonly watchable: WatchableStore;
  private readonly backend: Backend | undefined;
  private readonly txnCompare: TxnComparePart;
  private readonly snapshotEvery: number;
  private queue: Promise<unknown> = Promise.resolve();
  private recordsSinceSnapshot = 0;
  private closing = false;
  /** Set when the backend failed: nothing can be trusted to be durable any more. */
  private failure: unknown;
  warnings: readonly string[] = [];

  constructor(options: MvccStoreOptions) {
    this.kv = new KvStore(options.keyIndex);
    this.lessor = new Lessor(options.clock, (id) => this.expire(id));
    this.watchable = new WatchableStore(this.kv, options.clock, options.progressNotifyIntervalMs);
    this.backend = options.backend;
    this.txnCompare = options.txnCompare;
    this.snapshotEvery = Math.max(1, options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY);
  }

  currentRevision(): number {
    return this.kv.currentRevision;
  }

  compactRevision(): number {
    return this.kv.compactRevision;
  }

  /** Replays the backend's snapshot and records (backend.ts "on open"). */
  async open(): Promise<void> {
    if (!this.backend) return;
    const loaded = await this.backend.load();
    this.warnings = loaded.warnings;
    if (loaded.snapshot) restoreSnapshot(this.kv, this.lessor, loaded.snapshot);
    for (const record of loaded.records) this.replay(record);
    this.recordsSinceSnapshot = loaded.records.length;
    if (this.recordsSinceSnapshot >= this.snapshotEvery) await this.saveSnapshot();
  }

  async range(key: string, options: RangeOptions = {}): Promise<RangeResponse> {
    this.checkOpen();
    const rev = this.kv.readRevision(options.revision);
    return { header: this.header(), ...this.kv.rangeAt(key, options, rev) };
  }

  put(key: string, value: string, options: PutOptions = {}): Promise<PutResponse> {
    return this.mutate(async () => {
      const lease = options.lease ?? 0;
      this.checkLease(lease);
      const txn = this.kv.beginWrite();
      const stored = txn.put(key, value, lease);
      await this.commit(txn);
      const response: PutResponse = { header: this.header() };
      if (options.prevKv && stored.prev) response.prevKv = { ...stored.prev };
      return response;
    });
  }

  deleteRange(key: string, options: DeleteRangeOptions = {}): Promise<DeleteRangeResponse> {
    return this.mutate(async () => {
      const txn = this.kv.beginWrite();
      const deleted = txn.deleteRange(key, options.rangeEnd || undefined);
      await this.commit(txn);
      return {
        header: this.header(),
        deleted: deleted.length,
        prevKvs: options.prevKv ? deleted.map((v) => toKeyValue(v)) : [],
      };
    });
  }

  txn(request: TxnRequest): Promise<TxnResponse> {
    return this.mutate(async () => {
      // etcd checks both branches before evaluating anything (v3rpc checkTxnRequest).
      checkTxnBranch(request.success);
      checkTxnBranch(request.failure);
      const current = this.kv.currentRevision;
      const succeeded = request.compare.every((c) => this.txnCompare.applyCompare(c, (key, end) => this.kv.rangeAt(key, { rangeEnd: end }, current)));
      const ops = succeeded ? request.success : request.failure;
      // Everything that can fail is checked before the first write, so a txn either applies
      // whole or not at all.
      for (const op of ops) {
        if ('put' in op) this.checkLease(op.put.lease ?? 0);
        else if ('range' in op && op.range.revision && op.range.revision > 0) this.kv.readRevision(op.range.revision);
      }
      const txn = this.kv.beginWrite();
      const responses: ResponseOp[] = [];
      const headers: ResponseHeader[] = [];
      for (const op of ops) {
        const header: ResponseHeader = { revision: 0 };
        headers.push(header);
        if ('range' in op) {
          const { key, ...rangeOptions } = op.range;
          responses.push({ range: { header, ...txn.range(key, rangeOptions) } });
        } else if ('put' in op) {
          const stored = txn.put(op.put.key, op.put.value, op.put.lease ?? 0);
          const put: PutResponse = { header };
          if (op.put.prevKv && stored.prev) put.prevKv = { ...stored.prev };
          responses.push({ put });
        } else {
          const d = op.deleteRange;
          const deleted = txn.deleteRange(d.key, d.rangeEnd || undefined);
          responses.push({
            deleteRange: { header, deleted: deleted.length, prevKvs: d.prevKv ? deleted.map((v) => toKeyValue(v)) : [] },
          });
        }
      }
      await this.commit(txn);
      // All responses of one txn carry its revision (one txn = one revision).
      for (const h of headers) h.revision = this.kv.currentRevision;
      return { header: this.header(), succeeded, responses };
    });
  }

  compact(revision: number): Promise<CompactResponse> {
    return this.mutate(async () => {
      checkCompaction(this.kv, revision);
      await this.append({ type: 'compact', revision });
      compactStore(this.kv, revision);
      return { header: this.header() };
    });
  }

  watch(key: string, options: WatchOptions, onResponse: (response: WatchResponse) => void): Watch {
    return this.watchable.watch(key, options, onResponse);
  }

  leaseGrant(ttlSeconds: number, id?: number): Promise<LeaseGrantResponse> {
    return this.mutate(async () => {
      if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
        throw new StoreError('InvalidArgument', `lease TTL must be a positive whole number of seconds, got ${ttlSeconds}`);
      }
      if (id !== undefined && (!Number.isInteger(id) || id < 0)) throw new StoreError('InvalidArgument', `bad lease id ${id}`);
      const leaseId = id ? id : this.lessor.nextId();
      if (this.lessor.get(leaseId)) throw new StoreError('LeaseExists');
      await this.append({ type: 'leaseGrant', id: leaseId, ttl: ttlSeconds });
      this.lessor.grant(leaseId, ttlSeconds);
      return { header: this.header(), id: leaseId, ttl: ttlSeconds };
    });
  }

  leaseRevoke(id: number): Promise<{ header: ResponseHeader }> {
    return this.mutate(async () => {
      if (!this.lessor.get(id)) throw new StoreError('LeaseNotFound');
      await this.revoke(id);
      return { header: this.header() };
    });
  }

  async leaseKeepAlive(id: number): Promise<{ header: ResponseHeader; id: number; ttl: number }> {
    this.checkOpen();
    const lease = this.lessor.keepAlive(id);
    if (!lease) throw new StoreError('LeaseNotFound');
    return { header: this.header(), id, ttl: lease.ttl };
  }

  async leaseTimeToLive(id: number, options: { keys?: boolean } = {}): Promise<LeaseTimeToLiveResponse> {
    this.checkOpen();
    const lease = this.lessor.get(id);
    const ttl = this.lessor.remaining(id);
    // etcd answers an unknown or expired lease with TTL -1 rather than an error (v3rpc/lease.go).
    if (!lease || ttl < 0) return { header: this.header(), id, ttl: -1, grantedTtl: 0, keys: [] };
    return { header: this.header(), id, ttl, grantedTtl: lease.ttl, keys: options.keys ? [...lease.keys].sort() : [] };
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.watchable.close();
    this.lessor.stop();
    // Let queued mutations finish (their callers are waiting), then release the backend.
    await this.queue.catch(() => undefined);
    await this.backend?.close();
  }

  // ---- internals ----

  private header(): ResponseHeader {
    return { revision: this.kv.currentRevision };
  }

  private checkOpen(): void {
    if (this.failure !== undefined) throw this.failure;
    if (this.closing) throw new StoreError('Closed');
  }

  private checkLease(lease: number): void {
    if (lease !== 0 && !this.lessor.get(lease)) throw new StoreError('LeaseNotFound');
  }

  /** Runs `fn` after every earlier mutation has finished. */
  private mutate<T>(fn: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.failure !== undefined) throw this.failure;
      try {
        return await fn();
      } catch (err) {
        // Expected failures (StoreError) are thrown before a write starts. Anything thrown with
        // a write half-applied to the key index is a bug — typically in the `store.mvcc` part —
        // and leaves the index inconsistent: stop, reporting that first error from now on.
        if (this.kv.writeOpen && this.failure === undefined) this.failure = err;
        throw err;
      }
    };
    let result: Promise<T>;
    try {
      this.checkOpen();
      result = this.queue.then(run, run);
    } catch (err) {
      result = Promise.reject(err);
    }
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Logs the record (if any backend) and counts it towards the next snapshot. */
  private async append(record: WalRecord): Promise<void> {
    if (!this.backend) return;
    try {
      await this.backend.append(record);
    } catch (err) {
      this.failure = err;
      throw err;
    }
    if (++this.recordsSinceSnapshot >= this.snapshotEvery) {
      // Queued behind this mutation so its caller is not kept waiting for the snapshot.
      void this.mutate(() => this.saveSnapshot()).catch(() => undefined);
    }
  }

  private async saveSnapshot(): Promise<void> {
    if (!this.backend || this.recordsSinceSnapshot === 0) return;
    this.recordsSinceSnapshot = 0;
    try {
      await this.backend.saveSnapshot(buildSnapshot(this.kv, this.lessor));
    } catch (err) {
      this.failure = err;
      throw err;
    }
  }

  /** Logs and publishes a write txn (nothing to log or publish if it changed nothing). */
  private async commit(txn: WriteTxn): Promise<void> {
    if (txn.changes.length > 0) await this.append({ type: 'txn', revision: txn.revision, ops: walOps(txn.changes) });
    const changes = txn.commit();
    if (changes.length === 0) return;
    this.applyLeases(changes);
    this.watchable.notify(txn.revision, changes);
  }

  /** Moves keys between leases: a put re-attaches (or detaches, lease 0), a delete detaches. */
  private applyLeases(changes: readonly StoredVersion[]): void {
    for (const v of changes) {
      if (v.prev && v.prev.lease !== 0) this.lessor.detach(v.prev.lease, v.key);
      if (!v.deleted && v.lease !== 0) this.lessor.attach(v.lease, v.key);
    }
  }

  /**
   * Deletes every key of the lease in ONE revision (a DELETE event each), then forgets the lease
   * (etcd lessor.Revoke: one txn deleting the keys, then the lease).
   */
  private async revoke(id: number): Promise<void> {
    const keys = [...(this.lessor.get(id)?.keys ?? [])].sort();
    const txn = this.kv.beginWrite();
    for (const key of keys) txn.deleteRange(key, undefined);
    await this.commit(txn);
    await this.append({ type: 'leaseRevoke', id });
    this.lessor.revoke(id);
  }

  /** Called by the lessor's timer: revoke through the queue like any other mutation. */
  private expire(id: number): void {
    if (this.closing) return;
    void this.mutate(async () => {
      if (this.lessor.get(id)) await this.revoke(id);
    }).catch(() => undefined);
  }

  /** Re-applies one logged record on open (no watchers exist yet, so nothing is notified). */
  private replay(record: WalRecord): void {
    switch (record.type) {
      case 'txn': {
        const txn = this.kv.beginWrite();
        if (txn.revision !== record.revision) {
          throw new Error(`mvcc: log record for revision ${record.revision} does not follow revision ${this.kv.currentRevision}`);
        }
        for (const op of record.ops) {
          if (op.op === 'put') txn.put(op.key, op.value, op.lease);
          else txn.deleteRange(op.key, undefined);
        }
        this.applyLeases(txn.commit());
        break;
      }
      case 'compact':
        checkCompaction(this.kv, record.revision);
        compactStore(this.kv, record.revision);
        break;
      case 'leaseGrant':
        this.lessor.grant(record.id, record.ttl);
        break;
      case 'leaseRevoke':
        this.lessor.revoke(record.id);
        break;
    }
  }
}

function walOps(changes: readonly StoredVersion[]): WalOp[] {
  return changes.map((v) => (v.deleted ? { op: 'delete', key: v.key } : { op: 'put', key: v.key, value: v.value, lease: v.lease }));
}
