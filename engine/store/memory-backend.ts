/**
 * A Backend that keeps its log and snapshot in memory (backend.ts contract, no disk). Useful for
 * tests — it shows exactly what the store logged — and for the browser playground, where a
 * store can be "restarted" from it. The on-disk one is engine/node/persistence.
 */
import type { Backend, LoadResult, StoreSnapshot, WalRecord } from './backend.ts';

export class MemoryBackend implements Backend {
  /** Records appended since the last snapshot, in order (deep copies). */
  records: WalRecord[] = [];
  /** Every record ever appended, in order (deep copies). */
  readonly allRecords: WalRecord[] = [];
  snapshot: StoreSnapshot | undefined;
  snapshotsSaved = 0;
  closed = false;
  /** When set, the next append rejects with it (to test failure handling). */
  failNextAppend: Error | undefined;

  async load(): Promise<LoadResult> {
    this.closed = false;
    return { snapshot: this.snapshot && structuredClone(this.snapshot), records: structuredClone(this.records), warnings: [] };
  }

  async append(record: WalRecord): Promise<void> {
    if (this.closed) throw new Error('memory backend: closed');
    if (this.failNextAppend) {
      const err = this.failNextAppend;
      this.failNextAppend = undefined;
      throw err;
    }
    this.records.push(structuredClone(record));
    this.allRecords.push(structuredClone(record));
  }

  async saveSnapshot(snapshot: StoreSnapshot): Promise<void> {
    // Like a file backend, a snapshot replaces the records it covers.
    this.snapshot = structuredClone(snapshot);
    this.records = [];
    this.snapshotsSaved++;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
