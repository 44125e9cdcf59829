/**
 * The store's durability on disk: a Backend (engine/store/backend.ts) over a data directory with a
 * write-ahead log (wal-writer.ts, wal-reader.ts) and snapshots (snapshotter.ts).
 *
 * Life of a data directory:
 *   createFileBackend(dir)   creates dir if needed and takes its LOCK (lock.ts)
 *   load()                   newest usable snapshot + every log record after it; a torn log tail
 *                            is cut and reported in `warnings` (and to onWarning)
 *   append(record)           resolves once the record is written (and fsynced with fsync: true)
 *   saveSnapshot(snapshot)   writes `<revision>-<walIndex>.snap`; keeps the newest two snapshots
 *                            and deletes log segments older than the older of them
 *   close()                  waits for pending writes, releases LOCK
 *
 * Why two snapshots: a snapshot that later fails its checksum (disk damage) can only be replaced
 * by an older one plus the log since then. Keeping the previous snapshot and the log segments
 * after it makes that fallback always possible, at the cost of one snapshot interval of log.
 *
 * What a snapshot covers: the store calls saveSnapshot with its state after applying every record
 * whose append has resolved (backend.ts: it applies a record only after append resolves, one at a
 * time). So the snapshot's walIndex is the writer's durable index at the moment of the call, and
 * appends made after the call land in a fresh segment. A record appended but not yet resolved at
 * that moment has a higher index and is replayed after the snapshot, as it must be.
 */
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Backend, LoadResult, StoreSnapshot, WalRecord } from '../../store/backend.ts';
import { acquireDirLock, type DirLock } from './lock.ts';
import { listSegments, listSnapshots, type SnapshotName } from './file-names.ts';
import { markBroken, readSnapshot, removeSnapshot, writeSnapshot } from './snapshotter.ts';
import { readWal } from './wal-reader.ts';
import { DEFAULT_SEGMENT_BYTES, WalWriter } from './wal-writer.ts';
import { PersistenceError } from './errors.ts';

export interface FileBackendOptions {
  /** fdatasync after every write batch: survives power loss, not only a process kill. Default false. */
  fsync?: boolean;
  /** Receives every recovery warning (also returned by load()). */
  onWarning?: (message: string) => void;
  /** Start a new log segment once the current one reaches this size. Default 16 MiB. */
  segmentBytes?: number;
  /** Snapshots kept on disk (at least 1). Default 2: the newest and one to fall back to. */
  retainSnapshots?: number;
}

export interface FileBackend extends Backend {
  readonly dir: string;
}

/** Opens (creating if needed) and locks a data directory. Throws PersistenceError('Locked'). */
export async function createFileBackend(dir: string, options: FileBackendOptions = {}): Promise<FileBackend> {
  await mkdir(dir, { recursive: true });
  const lock = await acquireDirLock(dir);
  return new DataDir(dir, lock, options);
}

class DataDir implements FileBackend {
  private loaded: Promise<LoadResult> | undefined;
  private writer: WalWriter | undefined;
  private snapshots: Promise<void> = Promise.resolve();
  private closing: Promise<void> | undefined;
  private readonly fsync: boolean;
  private readonly segmentBytes: number;
  private readonly retainSnapshots: number;

  constructor(
    readonly dir: string,
    private readonly lock: DirLock,
    private readonly options: FileBackendOptions,
  ) {
    this.fsync = options.fsync ?? false;
    this.segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
    this.retainSnapshots = Math.max(1, options.retainSnapshots ?? 2);
  }

  /** Recovers once; later calls return the same result. */
  load(): Promise<LoadResult> {
    if (this.closing) return Promise.reject(new PersistenceError('Closed', `data directory ${this.dir} is closed`));
    this.loaded ??= this.recover();
    return this.loaded;
  }

  append(record: WalRecord): Promise<void> {
    if (this.writer) return this.writer.append(record);
    return this.load().then(() => this.writer!.append(record));
  }

  async saveSnapshot(snapshot: StoreSnapshot): Promise<void> {
    if (!this.writer) await this.load();
    if (this.closing) throw new PersistenceError('Closed', `data directory ${this.dir} is closed`);
    const writer = this.writer!;
    // Read synchronously at the call: see "What a snapshot covers" above.
    const walIndex = writer.durableIndex;
    writer.cut();
    const done = this.snapshots.then(async () => {
      await writeSnapshot(this.dir, snapshot, walIndex);
      const kept = listSnapshots(await readdir(this.dir));
      for (const old of kept.slice(this.retainSnapshots)) await removeSnapshot(this.dir, old);
      const oldestKept = kept[Math.min(this.retainSnapshots, kept.length) - 1];
      if (oldestKept) await writer.releaseUpTo(oldestKept.walIndex);
    });
    this.snapshots = done.catch(() => undefined);
    return done;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.loaded?.catch(() => undefined);
        await this.snapshots;
        await this.writer?.close();
      } finally {
        await this.lock.release();
      }
    })();
    return this.closing;
  }

  private async recover(): Promise<LoadResult> {
    const warnings: string[] = [];
    const warn = (msg: string): void => {
      warnings.push(msg);
      this.options.onWarning?.(msg);
    };
    let names = await readdir(this.dir);
    // A snapshot whose write was interrupted never got renamed into place: discard it.
    for (const n of names.filter((n) => n.endsWith('.tmp'))) await unlink(join(this.dir, n)).catch(() => undefined);
    names = await readdir(this.dir);
    const segments = listSegments(names);
    const firstIndex = segments[0]?.firstIndex;

    // Newest snapshot that checks out AND has the log continuing right after it.
    let chosen: { name: SnapshotName; snapshot: StoreSnapshot } | undefined;
    const broken: SnapshotName[] = [];
    for (const name of listSnapshots(names)) {
      const snapshot = await readSnapshot(this.dir, name);
      if (typeof snapshot === 'string') {
        broken.push(name);
        warn(`snap: ${name.name} is corrupt (${snapshot}); falling back to an older snapshot or the full log`);
        continue;
      }
      if (firstIndex !== undefined && firstIndex > name.walIndex + 1) {
        warn(`snap: ${name.name} cannot be used: the log records after index ${name.walIndex} are gone`);
        continue;
      }
      chosen = { name, snapshot };
      break;
    }
    const afterIndex = chosen?.name.walIndex ?? 0;
    const wal = await readWal(this.dir, segments, afterIndex, { repair: true });
    for (const w of wal.warnings) warn(w);
    for (const b of broken) await markBroken(this.dir, b);
    if (chosen && wal.tail && wal.tail.lastIndex < afterIndex) {
      warn(`wal: the log ends at index ${wal.tail.lastIndex}, before snapshot ${chosen.name.name} (index ${afterIndex}); the log was not fsynced before a power loss?`);
    }
    this.writer = new WalWriter(this.dir, segments, wal.tail, wal.lastIndex, {
      fsync: this.fsync,
      segmentBytes: this.segmentBytes,
    });
    return { snapshot: chosen?.snapshot, records: wal.entries.map((e) => e.record), warnings };
  }
}
