/**
 * Reading the log back on open, and repairing a torn tail.
 *
 * What a crash can leave behind, and what the reader does with it:
 *  - The process was killed (SIGKILL, OOM): every write() that returned is in the OS page cache
 *    and reaches the file; at most the last, unacknowledged frame is missing. Nothing to repair.
 *  - The machine lost power: the last segment may end in a partial frame, zeros, or garbage
 *    (without fsync, even acknowledged frames may be gone — that is what `fsync: true` is for).
 *    The damage can only be at the END of the LAST segment, because a segment is fsynced before
 *    the next one is started (wal-writer.ts).
 * So: damage in the last segment is cut off (the file is truncated at the last good frame) and
 * reported as a warning; damage anywhere else — a bad frame in an older segment, a gap in the log
 * indexes, a missing segment — cannot come from a crash, and replaying around it would silently
 * lose acknowledged writes, so it is a PersistenceError('Corrupt').
 *
 * etcd does the same split: wal.ReadAll fails on a CRC mismatch, while wal.Repair
 * (server/storage/wal/repair.go) truncates the last segment after io.ErrUnexpectedEOF — a torn
 * final record — and keeps a copy of the damaged file.
 */
import { readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeWalEntry, type WalEntry } from './wal-entry.ts';
import { isFrameDamage, readFrame, type FrameDamage } from './frame.ts';
import type { SegmentName } from './file-names.ts';
import { PersistenceError } from './errors.ts';

export interface DecodedSegment {
  /** Entries with index > the `afterIndex` given to decodeSegment, in order. */
  entries: WalEntry[];
  /** Index of the last good frame; firstIndex - 1 when the segment has none. */
  lastIndex: number;
  /** Byte offset just after the last good frame: where a repair truncates. */
  goodEnd: number;
  /** The first frame that did not check out, if any. */
  damage?: FrameDamage;
  /**
   * Frames after the damage that still decode: a sign of damage in the middle of the segment
   * rather than a torn final write. They are reported, not replayed: the log is only valid as an
   * unbroken sequence of frames.
   */
  intactAfterDamage: number;
}

/**
 * Decodes one segment's bytes. Frames must carry consecutive log indexes starting at
 * `firstIndex`; a frame with a wrong index counts as damage. Pure: no file access.
 */
export function decodeSegment(buf: Buffer, firstIndex: number, afterIndex = 0): DecodedSegment {
  const entries: WalEntry[] = [];
  let offset = 0;
  let expected = firstIndex;
  let damage: FrameDamage | undefined;
  for (;;) {
    const frame = readFrame(buf, offset);
    if (frame === undefined) break;
    if (isFrameDamage(frame)) {
      damage = frame;
      break;
    }
    const entry = decodeWalEntry(frame.payload);
    if (typeof entry === 'string') {
      damage = { offset, reason: entry };
      break;
    }
    if (entry.index !== expected) {
      damage = { offset, reason: `frame has log index ${entry.index}, expected ${expected}` };
      break;
    }
    if (entry.index > afterIndex) entries.push(entry);
    expected++;
    offset = frame.end;
  }
  const intactAfterDamage = damage ? countIntactFrames(buf, damage.offset + 1) : 0;
  return { entries, lastIndex: expected - 1, goodEnd: offset, damage, intactAfterDamage };
}

/** Scans forward byte by byte for frames that pass every check. */
function countIntactFrames(buf: Buffer, from: number): number {
  let count = 0;
  let offset = from;
  while (offset < buf.length) {
    const frame = readFrame(buf, offset);
    if (frame === undefined) break;
    if (!isFrameDamage(frame) && typeof decodeWalEntry(frame.payload) !== 'string') {
      count++;
      offset = frame.end;
    } else {
      offset++;
    }
  }
  return count;
}

export interface SegmentState extends SegmentName {
  path: string;
  /** Size in bytes after any repair. */
  size: number;
  /** Index of the segment's last record (firstIndex - 1 when empty). */
  lastIndex: number;
}

export interface WalReadResult {
  /** Records with index > afterIndex, in log order. */
  entries: WalEntry[];
  /** Index of the last record in the log; afterIndex when the log has nothing newer. */
  lastIndex: number;
  /** The last segment, where appends continue (undefined when the directory has no segment). */
  tail?: SegmentState;
  warnings: string[];
}

/**
 * Reads `segments` (in log order) from `dir`, returning every record after `afterIndex` (the log
 * index covered by the snapshot being used, 0 for none). Segments entirely covered by the
 * snapshot are not read. With `repair`, a damaged last segment is truncated at its last good
 * frame.
 *
 * Throws PersistenceError('Corrupt') when records after `afterIndex` are missing or unreadable
 * anywhere but the tail.
 */
export async function readWal(
  dir: string,
  segments: readonly SegmentName[],
  afterIndex: number,
  options: { repair: boolean },
): Promise<WalReadResult> {
  const warnings: string[] = [];
  const entries: WalEntry[] = [];
  let lastIndex = afterIndex;
  let tail: SegmentState | undefined;
  const first = segments[0];
  if (first && first.firstIndex > afterIndex + 1) {
    throw new PersistenceError(
      'Corrupt',
      `wal: records ${afterIndex + 1}..${first.firstIndex - 1} are missing: the oldest segment ${first.name} starts at index ${first.firstIndex}` +
        (afterIndex > 0 ? ` but the snapshot covers only up to ${afterIndex}` : ' and there is no snapshot'),
    );
  }
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k]!;
    const next = segments[k + 1];
    const isLast = next === undefined;
    if (next && next.seq !== seg.seq + 1) {
      throw new PersistenceError('Corrupt', `wal: segment ${seg.seq + 1} is missing between ${seg.name} and ${next.name}`);
    }
    // A segment whose records all precede the snapshot is not needed (it is deleted later).
    if (next && next.firstIndex - 1 <= afterIndex) continue;
    const path = join(dir, seg.name);
    const buf = await readFile(path);
    const decoded = decodeSegment(buf, seg.firstIndex, afterIndex);
    if (decoded.damage && !isLast) {
      throw new PersistenceError(
        'Corrupt',
        `wal: ${seg.name} is damaged at byte ${decoded.damage.offset} (${decoded.damage.reason}) and later segments exist: ` +
          `the records after it cannot be trusted or replayed in order. Refusing to open; restore the directory from a backup.`,
      );
    }
    if (decoded.damage) {
      const dropped = buf.length - decoded.goodEnd;
      let msg = `wal: cut corrupt tail of ${seg.name} at byte ${decoded.goodEnd} (${dropped} bytes dropped: ${decoded.damage.reason})`;
      if (decoded.intactAfterDamage > 0) {
        msg += `; ${decoded.intactAfterDamage} intact-looking frame(s) after the damage were dropped too — this was more than a torn final write`;
      }
      if (options.repair) await truncate(path, decoded.goodEnd);
      else msg += ' [not repaired: read-only]';
      warnings.push(msg);
    }
    entries.push(...decoded.entries);
    if (next && decoded.lastIndex + 1 !== next.firstIndex && next.firstIndex - 1 > afterIndex) {
      throw new PersistenceError(
        'Corrupt',
        `wal: ${seg.name} ends at index ${decoded.lastIndex} but the next segment ${next.name} starts at ${next.firstIndex}: records are missing`,
      );
    }
    lastIndex = Math.max(lastIndex, decoded.lastIndex);
    if (isLast) tail = { ...seg, path, size: decoded.goodEnd, lastIndex: decoded.lastIndex };
  }
  return { entries, lastIndex, tail, warnings };
}
