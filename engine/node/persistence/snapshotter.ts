/**
 * Snapshot files: the store's whole state at one moment, so that reopening replays only the log
 * records written after it, and older log segments can be deleted.
 *
 * A snapshot file is a single frame (frame.ts: length, CRC-32, JSON) holding
 * `{"walIndex": <last log index covered>, "snapshot": <StoreSnapshot>}`, named
 * `<revision>-<walIndex>.snap` (file-names.ts). It is written atomically (temporary file, fsync,
 * rename, fsync of the directory — fs-util.ts writeFileAtomic), so a crash leaves either no new
 * snapshot or a whole one; a failed checksum therefore means the disk damaged it later, and the
 * loader falls back to an older snapshot (file-backend.ts keeps two).
 *
 * etcd's Snapshotter (server/etcdserver/api/snap/snapshotter.go) works the same way: a CRC over
 * the data, newest-first loading that skips a snapshot failing its check, and `.broken` renaming.
 */
import { readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { SnapshotEntry, StoreSnapshot } from '../../store/backend.ts';
import { encodeFrame, isFrameDamage, readFrame } from './frame.ts';
import { snapshotFileName, type SnapshotName } from './file-names.ts';
import { writeFileAtomic } from './fs-util.ts';

/** Writes a snapshot covering log records up to `walIndex`; returns its name. */
export async function writeSnapshot(dir: string, snapshot: StoreSnapshot, walIndex: number): Promise<SnapshotName> {
  const name = snapshotFileName(snapshot.revision, walIndex);
  const payload = Buffer.from(JSON.stringify({ walIndex, snapshot }), 'utf8');
  await writeFileAtomic(dir, join(dir, name), encodeFrame(payload));
  return { name, revision: snapshot.revision, walIndex };
}

/** The snapshot in `buf`, or why it is not a valid snapshot named `name`. Pure. */
export function decodeSnapshot(buf: Buffer, name: SnapshotName): StoreSnapshot | string {
  const frame = readFrame(buf, 0);
  if (frame === undefined) return 'empty file';
  if (isFrameDamage(frame)) return frame.reason;
  if (frame.end !== buf.length) return `${buf.length - frame.end} unexpected bytes after the snapshot`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(frame.payload.toString('utf8'));
  } catch {
    return 'payload is not valid JSON';
  }
  if (!isObject(parsed) || parsed.walIndex !== name.walIndex) return 'log index does not match the file name';
  const snapshot = parsed.snapshot;
  if (!isStoreSnapshot(snapshot)) return 'payload is not a store snapshot';
  if (snapshot.revision !== name.revision) return 'revision does not match the file name';
  return snapshot;
}

export async function readSnapshot(dir: string, name: SnapshotName): Promise<StoreSnapshot | string> {
  return decodeSnapshot(await readFile(join(dir, name.name)), name);
}

/** Renames a snapshot that failed its checks so that it is kept for a human but never loaded. */
export async function markBroken(dir: string, name: SnapshotName): Promise<void> {
  await rename(join(dir, name.name), join(dir, `${name.name}.broken`)).catch(() => undefined);
}

export async function removeSnapshot(dir: string, name: SnapshotName): Promise<void> {
  await unlink(join(dir, name.name)).catch(() => undefined);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

function isSnapshotEntry(x: unknown): x is SnapshotEntry {
  return (
    isObject(x) &&
    typeof x.key === 'string' &&
    typeof x.value === 'string' &&
    isCount(x.createRevision) &&
    isCount(x.modRevision) &&
    isCount(x.version) &&
    isCount(x.lease) &&
    (x.deleted === undefined || typeof x.deleted === 'boolean')
  );
}

export function isStoreSnapshot(x: unknown): x is StoreSnapshot {
  return (
    isObject(x) &&
    x.format === 1 &&
    isCount(x.revision) &&
    isCount(x.compactRevision) &&
    Array.isArray(x.entries) &&
    x.entries.every(isSnapshotEntry) &&
    Array.isArray(x.leases) &&
    x.leases.every((l) => isObject(l) && isCount(l.id) && typeof l.ttl === 'number')
  );
}
