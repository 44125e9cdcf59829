/**
 * Property tests for the log: whatever records are written come back; whatever happens to the
 * end of the log afterwards (garbage, truncation, flipped bits), load() neither throws nor loses
 * or invents a record before the damage, and the backend keeps working.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WalRecord } from '../../store/backend.ts';
import { createFileBackend } from './file-backend.ts';
import { decodeSegment } from './wal-reader.ts';
import { tempDir } from './test-helpers.ts';

const text = fc.string({ unit: 'binary', maxLength: 40 });
const num = fc.integer({ min: 0, max: 2 ** 40 });
const walRecord: fc.Arbitrary<WalRecord> = fc.oneof(
  fc.record({
    type: fc.constant('txn' as const),
    revision: num,
    ops: fc.array(
      fc.oneof(
        fc.record({ op: fc.constant('put' as const), key: text, value: text, lease: num }),
        fc.record({ op: fc.constant('delete' as const), key: text }),
      ),
      { maxLength: 4 },
    ),
  }),
  fc.record({ type: fc.constant('compact' as const), revision: num }),
  fc.record({ type: fc.constant('leaseGrant' as const), id: num, ttl: fc.integer({ min: 1, max: 3600 }) }),
  fc.record({ type: fc.constant('leaseRevoke' as const), id: num }),
);

type Damage =
  | { kind: 'garbage'; bytes: Uint8Array }
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; flips: Array<{ at: number; mask: number }> };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('garbage' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 200 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('flip' as const),
    flips: fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), mask: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 3 }),
  }),
);

/** Frame boundaries of a segment's bytes: [start, end) of each frame. */
function frames(buf: Buffer): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let at = 0; at + 8 <= buf.length; ) {
    const end = at + 8 + buf.readUInt32LE(at);
    out.push([at, end]);
    at = end;
  }
  return out;
}

let counter = 0;

describe('file backend properties', () => {
  it('random record sequences round-trip through any segment size', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(walRecord, { maxLength: 40 }), fc.integer({ min: 64, max: 4096 }), async (records, segmentBytes) => {
          const at = join(dir, String(counter++));
          const b = await createFileBackend(at, { segmentBytes });
          await b.load();
          for (const r of records) await b.append(r);
          await b.close();
          const again = await createFileBackend(at, { segmentBytes });
          const loaded = await again.load();
          await again.close();
          expect(loaded).toEqual({ snapshot: undefined, records, warnings: [] });
        }),
        { numRuns: 40 },
      );
    } finally {
      await cleanup();
    }
  });

  it('damage to the end of the log never crashes load, never loses or invents a record before it', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(walRecord, { minLength: 1, maxLength: 30 }),
          fc.integer({ min: 128, max: 100_000 }),
          damage,
          async (records, segmentBytes, dmg) => {
            const at = join(dir, String(counter++));
            const b = await createFileBackend(at, { segmentBytes });
            await b.load();
            for (const r of records) await b.append(r);
            await b.close();

            const segs = (await readdir(at)).filter((n) => n.endsWith('.wal')).sort();
            const lastPath = join(at, segs.at(-1)!);
            const buf = await readFile(lastPath);
            const bounds = frames(buf);
            const inEarlier = records.length - bounds.length;
            // Records whose frames lie entirely before the first damaged byte must survive.
            let mustKeep: number;
            let damaged: Buffer;
            // A cut exactly between frames looks like a log that was never longer: nothing to warn.
            let cleanCut = false;
            if (dmg.kind === 'garbage') {
              damaged = Buffer.concat([buf, dmg.bytes]);
              mustKeep = records.length;
            } else if (dmg.kind === 'truncate') {
              const cut = Math.floor(dmg.at * buf.length);
              damaged = buf.subarray(0, cut);
              mustKeep = inEarlier + bounds.filter(([, end]) => end <= cut).length;
              cleanCut = cut === 0 || bounds.some(([, end]) => end === cut);
            } else {
              damaged = Buffer.from(buf);
              let first = buf.length;
              for (const f of dmg.flips) {
                const pos = Math.min(buf.length - 1, Math.floor(f.at * buf.length));
                damaged[pos]! ^= f.mask;
                first = Math.min(first, pos);
              }
              mustKeep = inEarlier + bounds.filter(([, end]) => end <= first).length;
            }
            await writeFile(lastPath, damaged);

            const warnings: string[] = [];
            const b2 = await createFileBackend(at, { segmentBytes, onWarning: (m) => warnings.push(m) });
            const loaded = await b2.load();
            expect(loaded.records.length).toBeGreaterThanOrEqual(mustKeep);
            expect(loaded.records).toEqual(records.slice(0, loaded.records.length));
            if (!cleanCut && (loaded.records.length < records.length || dmg.kind === 'garbage')) {
              expect(loaded.warnings).toEqual([expect.stringMatching(/^wal: cut corrupt tail of \d{16}-\d{16}\.wal at byte \d+ \(\d+ bytes dropped/)]);
            }
            expect(warnings).toEqual(loaded.warnings);

            // The repaired log takes new records and reads back cleanly.
            const extra: WalRecord = { type: 'compact', revision: 1 };
            await b2.append(extra);
            await b2.close();
            const b3 = await createFileBackend(at, { segmentBytes });
            const reloaded = await b3.load();
            await b3.close();
            expect(reloaded).toEqual({ snapshot: undefined, records: [...loaded.records, extra], warnings: [] });
          },
        ),
        { numRuns: 150 },
      );
    } finally {
      await cleanup();
    }
  });

  it('decodeSegment never throws on arbitrary bytes and returns only consecutive indexes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.integer({ min: 1, max: 1000 }), (bytes, first) => {
        const d = decodeSegment(Buffer.from(bytes), first);
        expect(d.goodEnd).toBeLessThanOrEqual(bytes.length);
        d.entries.forEach((e, k) => expect(e.index).toBe(first + k));
      }),
      { numRuns: 2000 },
    );
  });
});

