import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, rm, readdir, readFile, stat, truncate, unlink, writeFile, access } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoreSnapshot, WalRecord } from '../../store/backend.ts';
import { createFileBackend, type FileBackend, type FileBackendOptions } from './file-backend.ts';
import { isPersistenceError } from './errors.ts';
import { encodeFrame } from './frame.ts';
import { encodeWalEntry } from './wal-entry.ts';
import { putRecord, tempDir } from './test-helpers.ts';

let dir: string;
let cleanup: () => Promise<void>;
const open: FileBackend[] = [];
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => {
  for (const b of open.splice(0)) await b.close();
  await cleanup();
});

async function backend(at = dir, options: FileBackendOptions = {}): Promise<FileBackend> {
  const b = await createFileBackend(at, options);
  open.push(b);
  return b;
}

/** Appends puts for revisions from..to (inclusive), one at a time like the store does. */
async function appendPuts(b: FileBackend, from: number, to: number): Promise<WalRecord[]> {
  const records: WalRecord[] = [];
  for (let rev = from; rev <= to; rev++) {
    const r = putRecord(rev);
    await b.append(r);
    records.push(r);
  }
  return records;
}

/** Opens `at` afresh (closing `prev` first) and loads it. */
async function reopen(prev: FileBackend | undefined, at = dir, options: FileBackendOptions = {}) {
  await prev?.close();
  const b = await backend(at, options);
  return { b, loaded: await b.load() };
}

async function walFiles(at = dir): Promise<string[]> {
  return (await readdir(at)).filter((n) => n.endsWith('.wal')).sort();
}

function snapshotAt(revision: number): StoreSnapshot {
  return {
    format: 1,
    revision,
    compactRevision: 0,
    entries: [{ key: '/snap', value: `at ${revision}`, createRevision: 2, modRevision: revision, version: revision - 1, lease: 0 }],
    leases: [{ id: 9, ttl: 30 }],
  };
}

/** Byte offsets where each frame starts in a segment written with putRecord(...) entries. */
function frameStarts(buf: Buffer): number[] {
  const starts: number[] = [];
  for (let at = 0; at < buf.length; at += 8 + buf.readUInt32LE(at)) starts.push(at);
  return starts;
}

describe('createFileBackend: the log', () => {
  it('an empty directory loads as no snapshot and no records, and gets a LOCK file', async () => {
    const b = await backend(join(dir, 'new', 'data'));
    expect(await b.load()).toEqual({ snapshot: undefined, records: [], warnings: [] });
    await access(join(dir, 'new', 'data', 'LOCK'));
  });

  it('every appended record comes back after a reopen, in order', async () => {
    const b = await backend();
    await b.load();
    const written = await appendPuts(b, 2, 51);
    written.push({ type: 'leaseGrant', id: 5, ttl: 10 }, { type: 'compact', revision: 20 }, { type: 'leaseRevoke', id: 5 });
    for (const r of written.slice(-3)) await b.append(r);
    const { loaded } = await reopen(b);
    expect(loaded.records).toEqual(written);
    expect(loaded.warnings).toEqual([]);
  });

  it('appends issued together are written in call order and all resolve (group commit)', async () => {
    const b = await backend(dir, { fsync: true });
    await b.load();
    const records = Array.from({ length: 200 }, (_, k) => putRecord(k + 2));
    await Promise.all(records.map((r) => b.append(r)));
    const { loaded } = await reopen(b);
    expect(loaded.records).toEqual(records);
  });

  it('records appended after a reopen follow the earlier ones', async () => {
    const b1 = await backend();
    await b1.load();
    const first = await appendPuts(b1, 2, 6);
    const { b: b2, loaded } = await reopen(b1);
    expect(loaded.records).toEqual(first);
    const second = await appendPuts(b2, 7, 9);
    expect((await reopen(b2)).loaded.records).toEqual([...first, ...second]);
  });

  it('append works without an explicit load and never clobbers what is there', async () => {
    const b1 = await backend();
    const first = await appendPuts(b1, 2, 3);
    await b1.close();
    const b2 = await backend();
    const second = await appendPuts(b2, 4, 4);
    expect((await reopen(b2)).loaded.records).toEqual([...first, ...second]);
  });

  it('starts a new segment once the current one reaches segmentBytes, and reads across all of them', async () => {
    const b = await backend(dir, { segmentBytes: 300 });
    await b.load();
    const written = await appendPuts(b, 2, 41);
    const files = await walFiles();
    expect(files.length).toBeGreaterThan(5);
    expect(files[0]).toBe('0000000000000001-0000000000000001.wal');
    for (const f of files.slice(0, -1)) expect((await stat(join(dir, f))).size).toBeLessThan(300 + 100);
    expect((await reopen(b, dir, { segmentBytes: 300 })).loaded.records).toEqual(written);
  });

  it('a failed write rejects that append and every later one (the log state is unknown)', async () => {
    const gone = join(dir, 'gone');
    const b = await backend(gone);
    await b.load();
    await rm(gone, { recursive: true });
    await expect(b.append(putRecord(2))).rejects.toThrow(/ENOENT/);
    await expect(b.append(putRecord(3))).rejects.toThrow(/wal: stopped after a failed write/);
  });

  it('refuses a second backend on the same directory while the first is open', async () => {
    await backend();
    const err = await createFileBackend(dir).catch((e: unknown) => e);
    expect(isPersistenceError(err, 'Locked')).toBe(true);
  });

  it('rejects append and saveSnapshot after close, and releases the lock', async () => {
    const b = await backend();
    await b.load();
    await b.close();
    await b.close();
    await expect(b.append(putRecord(2))).rejects.toSatisfy((e: unknown) => isPersistenceError(e, 'Closed'));
    await expect(b.saveSnapshot(snapshotAt(2))).rejects.toSatisfy((e: unknown) => isPersistenceError(e, 'Closed'));
    await expect(access(join(dir, 'LOCK'))).rejects.toThrow();
  });
});

describe('createFileBackend: torn and corrupt logs', () => {
  it('cut at every byte of the last frame: keeps every earlier record, truncates the file, warns, and keeps working', async () => {
    const b = await backend();
    await b.load();
    const written = await appendPuts(b, 2, 6);
    await b.close();
    const [seg] = await walFiles();
    const full = await readFile(join(dir, seg!));
    const lastStart = frameStarts(full).at(-1)!;
    for (let cut = lastStart; cut < full.length; cut++) {
      const copy = join(dir, `cut-${cut}`);
      await mkdir(copy);
      await writeFile(join(copy, seg!), full.subarray(0, cut));
      const warnings: string[] = [];
      const { b: again, loaded } = await reopen(undefined, copy, { onWarning: (m) => warnings.push(m) });
      expect(loaded.records).toEqual(written.slice(0, 4));
      if (cut === lastStart) {
        expect(loaded.warnings).toEqual([]);
      } else {
        expect(loaded.warnings).toEqual([`wal: cut corrupt tail of ${seg} at byte ${lastStart} (${cut - lastStart} bytes dropped: ${
          cut - lastStart < 8 ? `partial frame header (${cut - lastStart} of 8 bytes)` : `frame length ${full.readUInt32LE(lastStart)} runs past the end of the file (${cut - lastStart - 8} bytes left)`
        })`]);
        expect(warnings).toEqual(loaded.warnings);
      }
      expect((await stat(join(copy, seg!))).size).toBe(lastStart);
      const next = putRecord(99);
      await again.append(next);
      const after = await reopen(again, copy);
      expect(after.loaded.records).toEqual([...written.slice(0, 4), next]);
      expect(after.loaded.warnings).toEqual([]);
      await after.b.close();
    }
  });

  it('garbage after the last frame is cut with a warning; every record before it survives', async () => {
    const b = await backend();
    await b.load();
    const written = await appendPuts(b, 2, 4);
    await b.close();
    const [seg] = await walFiles();
    const size = (await stat(join(dir, seg!))).size;
    await writeFile(join(dir, seg!), Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]), { flag: 'a' });
    const { loaded } = await reopen(undefined);
    expect(loaded.records).toEqual(written);
    expect(loaded.warnings).toEqual([expect.stringMatching(new RegExp(`^wal: cut corrupt tail of ${seg} at byte ${size} \\(13 bytes dropped`))]);
  });

  it('a bad checksum in the middle of an older segment is a hard error naming the file and byte', async () => {
    const b = await backend(dir, { segmentBytes: 200 });
    await b.load();
    await appendPuts(b, 2, 20);
    await b.close();
    const [first] = await walFiles();
    const buf = await readFile(join(dir, first!));
    const second = frameStarts(buf)[1]!;
    buf[second + 20]! ^= 0xff;
    await writeFile(join(dir, first!), buf);
    const b2 = await backend();
    const err = await b2.load().catch((e: unknown) => e);
    expect(isPersistenceError(err, 'Corrupt')).toBe(true);
    expect(String(err)).toContain(`wal: ${first} is damaged at byte ${second} (checksum mismatch) and later segments exist`);
  });

  it('damage in the middle of the last segment is cut, and the warning says intact frames followed', async () => {
    const b = await backend();
    await b.load();
    const written = await appendPuts(b, 2, 8);
    await b.close();
    const [seg] = await walFiles();
    const buf = await readFile(join(dir, seg!));
    const third = frameStarts(buf)[2]!;
    buf[third + 20]! ^= 0xff;
    await writeFile(join(dir, seg!), buf);
    const { loaded } = await reopen(undefined);
    expect(loaded.records).toEqual(written.slice(0, 2));
    expect(loaded.warnings[0]).toMatch(/checksum mismatch\); 4 intact-looking frame\(s\) after the damage were dropped too/);
  });

  it('a missing segment in the middle is a hard error', async () => {
    const b = await backend(dir, { segmentBytes: 200 });
    await b.load();
    await appendPuts(b, 2, 20);
    await b.close();
    const files = await walFiles();
    await unlink(join(dir, files[1]!));
    const err = await (await backend()).load().catch((e: unknown) => e);
    expect(isPersistenceError(err, 'Corrupt')).toBe(true);
    expect(String(err)).toMatch(/segment 2 is missing/);
  });

  it('a segment that does not start where the previous one ended is a hard error', async () => {
    await writeFile(join(dir, '0000000000000001-0000000000000001.wal'), encodeFrame(encodeWalEntry({ index: 1, record: putRecord(2) })));
    await writeFile(join(dir, '0000000000000002-0000000000000003.wal'), encodeFrame(encodeWalEntry({ index: 3, record: putRecord(4) })));
    const err = await (await backend()).load().catch((e: unknown) => e);
    expect(String(err)).toMatch(/ends at index 1 but the next segment .* starts at 3: records are missing/);
  });
});

describe('createFileBackend: snapshots', () => {
  it('load returns the snapshot and only the records after it', async () => {
    const b = await backend();
    await b.load();
    await appendPuts(b, 2, 11);
    await b.saveSnapshot(snapshotAt(11));
    const after = await appendPuts(b, 12, 14);
    const { loaded } = await reopen(b);
    expect(loaded.snapshot).toEqual(snapshotAt(11));
    expect(loaded.records).toEqual(after);
    expect((await readdir(dir)).filter((n) => n.endsWith('.snap'))).toEqual(['0000000000000011-0000000000000010.snap']);
  });

  it('a record appended but not yet written when saveSnapshot is called is replayed after the snapshot', async () => {
    const b = await backend(dir, { fsync: true });
    await b.load();
    await appendPuts(b, 2, 5);
    const inFlight = b.append(putRecord(6)); // not resolved, so not in the store's snapshot
    const saved = b.saveSnapshot(snapshotAt(5));
    const later = b.append(putRecord(7));
    await Promise.all([inFlight, saved, later]);
    const { loaded } = await reopen(b);
    expect(loaded.snapshot).toEqual(snapshotAt(5));
    expect(loaded.records).toEqual([putRecord(6), putRecord(7)]);
  });

  it('keeps the two newest snapshots and deletes log segments older than the older one', async () => {
    const b = await backend();
    await b.load();
    for (let round = 0; round < 4; round++) {
      await appendPuts(b, 2 + round * 10, 11 + round * 10);
      await b.saveSnapshot(snapshotAt(11 + round * 10));
    }
    const tail = await appendPuts(b, 42, 43);
    const names = (await readdir(dir)).sort();
    expect(names.filter((n) => n.endsWith('.snap'))).toEqual(['0000000000000031-0000000000000030.snap', '0000000000000041-0000000000000040.snap']);
    // Segments start at each snapshot: those with records <= 30 are gone.
    expect(names.filter((n) => n.endsWith('.wal'))).toEqual(['0000000000000004-0000000000000031.wal', '0000000000000005-0000000000000041.wal']);
    const { loaded } = await reopen(b);
    expect(loaded.snapshot?.revision).toBe(41);
    expect(loaded.records).toEqual(tail);
  });

  it('a corrupt newest snapshot falls back to the older one plus the log since, with a warning', async () => {
    const b = await backend();
    await b.load();
    await appendPuts(b, 2, 6);
    await b.saveSnapshot(snapshotAt(6));
    const since = await appendPuts(b, 7, 9);
    await b.saveSnapshot(snapshotAt(9));
    const tail = await appendPuts(b, 10, 10);
    await b.close();
    const newest = '0000000000000009-0000000000000008.snap';
    const buf = await readFile(join(dir, newest));
    buf[buf.length - 3]! ^= 0x01;
    await writeFile(join(dir, newest), buf);
    const { loaded } = await reopen(undefined);
    expect(loaded.snapshot).toEqual(snapshotAt(6));
    expect(loaded.records).toEqual([...since, ...tail]);
    expect(loaded.warnings).toEqual([`snap: ${newest} is corrupt (checksum mismatch); falling back to an older snapshot or the full log`]);
    expect(await readdir(dir)).toContain(`${newest}.broken`);
  });

  it('with every snapshot corrupt and the early log gone, load is a hard error rather than a silent loss', async () => {
    const b = await backend();
    await b.load();
    for (const rev of [6, 9, 12]) {
      await appendPuts(b, rev - 2, rev);
      await b.saveSnapshot(snapshotAt(rev));
    }
    await b.close();
    for (const n of (await readdir(dir)).filter((n) => n.endsWith('.snap'))) await writeFile(join(dir, n), 'garbage');
    const err = await (await backend()).load().catch((e: unknown) => e);
    expect(isPersistenceError(err, 'Corrupt')).toBe(true);
    expect(String(err)).toMatch(/records 1\.\.\d+ are missing/);
  });

  it('a snapshot left half-written (.tmp) by a crash is ignored and removed', async () => {
    const b = await backend();
    await b.load();
    const written = await appendPuts(b, 2, 3);
    await b.close();
    await writeFile(join(dir, '0000000000000003-0000000000000002.snap.tmp'), 'half');
    const { loaded } = await reopen(undefined);
    expect(loaded).toEqual({ snapshot: undefined, records: written, warnings: [] });
    expect((await readdir(dir)).some((n) => n.endsWith('.tmp'))).toBe(false);
  });

  it('a log that ends before the snapshot (lost unsynced tail) continues after the snapshot, with a warning', async () => {
    const b = await backend();
    await b.load();
    await appendPuts(b, 2, 6);
    await b.saveSnapshot(snapshotAt(6));
    await b.close();
    const [seg] = await walFiles();
    const buf = await readFile(join(dir, seg!));
    await truncate(join(dir, seg!), frameStarts(buf)[3]!); // keep 3 of 5 frames
    const { b: b2, loaded } = await reopen(undefined);
    expect(loaded.snapshot).toEqual(snapshotAt(6));
    expect(loaded.records).toEqual([]);
    expect(loaded.warnings).toEqual([expect.stringMatching(/the log ends at index 3, before snapshot/)]);
    const next = await appendPuts(b2, 7, 8);
    const again = await reopen(b2);
    expect(again.loaded.records).toEqual(next);
    expect(again.loaded.warnings).toEqual([]);
  });
});
