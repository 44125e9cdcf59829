import { describe, expect, it } from 'vitest';
import { decodeSegment } from './wal-reader.ts';
import { encodeFrame } from './frame.ts';
import { encodeWalEntry } from './wal-entry.ts';
import { putRecord } from './test-helpers.ts';

/** A segment holding records with indexes first..first+count-1, and each frame's start offset. */
function segment(first: number, count: number): { buf: Buffer; offsets: number[] } {
  const frames = Array.from({ length: count }, (_, k) => encodeFrame(encodeWalEntry({ index: first + k, record: putRecord(first + k + 1) })));
  const offsets: number[] = [];
  let at = 0;
  for (const f of frames) {
    offsets.push(at);
    at += f.length;
  }
  return { buf: Buffer.concat(frames), offsets };
}

describe('decodeSegment', () => {
  it('returns every record of an intact segment, in order, with no damage', () => {
    const { buf } = segment(5, 4);
    const d = decodeSegment(buf, 5);
    expect(d.entries.map((e) => e.index)).toEqual([5, 6, 7, 8]);
    expect(d).toMatchObject({ lastIndex: 8, goodEnd: buf.length, damage: undefined, intactAfterDamage: 0 });
  });

  it('skips records covered by a snapshot but still checks them', () => {
    const { buf } = segment(1, 5);
    const d = decodeSegment(buf, 1, 3);
    expect(d.entries.map((e) => e.index)).toEqual([4, 5]);
    expect(d.lastIndex).toBe(5);
  });

  it('an empty segment has no records and ends before its first index', () => {
    expect(decodeSegment(Buffer.alloc(0), 10)).toMatchObject({ entries: [], lastIndex: 9, goodEnd: 0 });
  });

  it('cut at every byte of the last frame keeps every earlier record and ends at the last good frame', () => {
    const { buf, offsets } = segment(1, 5);
    const lastStart = offsets[4]!;
    for (let cut = lastStart + 1; cut < buf.length; cut++) {
      const d = decodeSegment(buf.subarray(0, cut), 1);
      expect(d.entries.map((e) => e.index)).toEqual([1, 2, 3, 4]);
      expect(d.goodEnd).toBe(lastStart);
      expect(d.damage?.offset).toBe(lastStart);
      expect(d.intactAfterDamage).toBe(0);
    }
  });

  it('a bad CRC in the middle stops there and counts the intact frames after it', () => {
    const { buf, offsets } = segment(1, 6);
    const bad = Buffer.from(buf);
    bad[offsets[2]! + 12]! ^= 0x01; // inside record 3's payload
    const d = decodeSegment(bad, 1);
    expect(d.entries.map((e) => e.index)).toEqual([1, 2]);
    expect(d.damage).toEqual({ offset: offsets[2], reason: 'checksum mismatch' });
    expect(d.intactAfterDamage).toBe(3);
  });

  it('a frame carrying the wrong log index is damage (a record is missing or out of place)', () => {
    const a = segment(1, 2).buf;
    const c = segment(4, 1).buf; // index 3 is missing
    const d = decodeSegment(Buffer.concat([a, c]), 1);
    expect(d.entries.map((e) => e.index)).toEqual([1, 2]);
    expect(d.damage?.reason).toBe('frame has log index 4, expected 3');
  });

  it('a frame with a valid CRC but a non-record payload is damage', () => {
    const { buf } = segment(1, 1);
    const d = decodeSegment(Buffer.concat([buf, encodeFrame(Buffer.from('{"hello":1}'))]), 1);
    expect(d.entries).toHaveLength(1);
    expect(d.damage?.reason).toBe('payload is not a WAL entry');
  });
});
