/**
 * Appending to the log: group commit, fsync, segment rotation.
 *
 * Contract of `append(record)`: it resolves only after the record's frame was handed to the
 * operating system with write() — so it survives the process being killed — and, with
 * `fsync: true`, after fdatasync() — so it survives the machine losing power. Appends are
 * written in call order and resolve in call order.
 *
 * The write() itself is synchronous (fs-util.ts writeFullySync: microseconds into the page
 * cache); fsync is awaited. So without fsync an append that needs no new segment completes in
 * the same tick.
 *
 * Group commit: while one write (and its fsync) is in flight, further appends queue up and go
 * out together in the next single write + fsync. A store that awaits each append gets one write
 * per record; concurrent callers share the cost of an fsync. etcd batches the same way: raft
 * hands the WAL a batch of entries and wal.Save fsyncs once per batch (server/storage/wal/wal.go).
 *
 * Rotation: when the current segment has reached `segmentBytes`, the next batch starts a new
 * segment (so a segment may exceed the limit by one batch). The full segment is fsynced and the
 * new file's name made durable first, so that only the last segment can ever end in a torn
 * frame — the invariant wal-reader.ts relies on. etcd cuts at 64 MB (wal.SegmentSizeBytes).
 *
 * A failed write (disk full, I/O error) leaves the file in an unknown state, so the writer stops:
 * that append and every later one reject. etcd likewise treats a WAL write failure as fatal.
 */
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { WalRecord } from '../../store/backend.ts';
import { encodeFrame } from './frame.ts';
import { encodeWalEntry } from './wal-entry.ts';
import { segmentFileName, type SegmentName } from './file-names.ts';
import { fsyncDir, writeFullySync } from './fs-util.ts';
import { PersistenceError } from './errors.ts';
import type { SegmentState } from './wal-reader.ts';

export const DEFAULT_SEGMENT_BYTES = 16 * 1024 * 1024;

export interface WalWriterOptions {
  fsync: boolean;
  segmentBytes: number;
}

interface Pending {
  index: number;
  frame: Buffer;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class WalWriter {
  private pending: Pending[] = [];
  private writing = false;
  private idleWaiters: Array<() => void> = [];
  private failure: unknown;
  private closed = false;
  private cutRequested = false;
  /** Set when the recovered tail cannot take the next index (see the constructor). */
  private mustStartSegment = false;
  private file: FileHandle | undefined;
  private current: SegmentState | undefined;
  /** Older segments, oldest first, candidates for deletion once a snapshot covers them. */
  private older: SegmentName[];
  private nextIndex: number;
  private _durableIndex: number;

  /**
   * @param segments every segment in the directory, in log order (the last one is reopened for
   *   appending when it can be continued)
   * @param tail the last segment's state after recovery
   * @param lastIndex the last log index in use (the snapshot's, when the log is behind it)
   */
  constructor(
    private readonly dir: string,
    segments: readonly SegmentName[],
    tail: SegmentState | undefined,
    lastIndex: number,
    private readonly options: WalWriterOptions,
  ) {
    this.older = segments.filter((s) => s !== segments[segments.length - 1]);
    this.nextIndex = lastIndex + 1;
    this._durableIndex = lastIndex;
    this.current = tail;
    // When the log ends before the snapshot's index (possible after a power loss without fsync),
    // the tail cannot take the next index: the next write starts a segment named after it.
    this.mustStartSegment = tail !== undefined && tail.lastIndex + 1 !== this.nextIndex;
  }

  /** Log index of the last record whose append resolved (or was recovered). */
  get durableIndex(): number {
    return this._durableIndex;
  }

  append(record: WalRecord): Promise<void> {
    if (this.closed) return Promise.reject(new PersistenceError('Closed', 'wal: append after close'));
    if (this.failure) return Promise.reject(this.stoppedError());
    const index = this.nextIndex++;
    const frame = encodeFrame(encodeWalEntry({ index, record }));
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ index, frame, resolve, reject });
      if (!this.writing) {
        this.writing = true;
        void this.drain();
      }
    });
  }

  /** The next write starts a new segment (used when a snapshot is taken, so old ones can go). */
  cut(): void {
    this.cutRequested = true;
  }

  /**
   * Deletes older segments whose records all have index <= `index`. The segment being written is
   * never deleted.
   */
  async releaseUpTo(index: number): Promise<void> {
    while (this.older.length > 0) {
      const seg = this.older[0]!;
      const nextFirst = (this.older[1] ?? this.current)?.firstIndex;
      if (nextFirst === undefined || nextFirst - 1 > index) break;
      this.older.shift();
      await unlink(join(this.dir, seg.name)).catch(() => undefined);
    }
  }

  /** Resolves when every queued append has been written. */
  idle(): Promise<void> {
    if (!this.writing) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
    if (this.file) {
      if (this.options.fsync && !this.failure) await this.file.datasync();
      await this.file.close();
      this.file = undefined;
    }
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        if (this.failure) throw this.stoppedError();
        await this.writeBatch(batch);
        this._durableIndex = batch[batch.length - 1]!.index;
        for (const p of batch) p.resolve();
      } catch (err) {
        this.failure ??= err;
        for (const p of batch) p.reject(err);
      }
    }
    this.writing = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    const firstIndex = batch[0]!.index;
    const cur = this.current;
    if (!cur || this.mustStartSegment || cur.size >= this.options.segmentBytes || (this.cutRequested && cur.size > 0)) {
      await this.startSegment(firstIndex);
    }
    this.cutRequested = false;
    this.mustStartSegment = false;
    const file = this.file ?? (this.file = await open(this.current!.path, 'r+'));
    const data = batch.length === 1 ? batch[0]!.frame : Buffer.concat(batch.map((p) => p.frame));
    writeFullySync(file.fd, data, this.current!.size);
    this.current!.size += data.length;
    this.current!.lastIndex = batch[batch.length - 1]!.index;
    if (this.options.fsync) await file.datasync();
  }

  private async startSegment(firstIndex: number): Promise<void> {
    const prev = this.current;
    if (this.file) {
      // Only the last segment may end torn: make the full one durable before starting the next.
      await this.file.datasync();
      await this.file.close();
      this.file = undefined;
    }
    if (prev) this.older.push(prev);
    const seq = (prev?.seq ?? 0) + 1;
    const name = segmentFileName(seq, firstIndex);
    const path = join(this.dir, name);
    this.file = await open(path, 'wx');
    this.current = { name, seq, firstIndex, path, size: 0, lastIndex: firstIndex - 1 };
    await fsyncDir(this.dir);
  }

  private stoppedError(): PersistenceError {
    const cause = this.failure instanceof Error ? this.failure.message : String(this.failure);
    return new PersistenceError('Closed', `wal: stopped after a failed write (${cause})`);
  }
}
