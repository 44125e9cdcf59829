import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoreSnapshot } from '../../store/backend.ts';
import { decodeSnapshot, writeSnapshot } from './snapshotter.ts';
import { encodeFrame } from './frame.ts';
import { parseSnapshotName } from './file-names.ts';
import { tempDir } from './test-helpers.ts';

const snapshot: StoreSnapshot = {
  format: 1,
  revision: 12,
  compactRevision: 3,
  entries: [
    { key: '/a', value: '1', createRevision: 4, modRevision: 4, version: 1, lease: 0 },
    { key: '/a', value: '', createRevision: 4, modRevision: 9, version: 0, lease: 0, deleted: true },
  ],
  leases: [{ id: 7, ttl: 30 }],
};

describe('snapshot files', () => {
  it('are named <revision>-<walIndex>.snap and read back exactly', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const name = await writeSnapshot(dir, snapshot, 20);
      expect(name.name).toBe('0000000000000012-0000000000000020.snap');
      expect(decodeSnapshot(await readFile(join(dir, name.name)), name)).toEqual(snapshot);
    } finally {
      await cleanup();
    }
  });

  it('are rejected, with a reason, when damaged, padded, or not matching their name', () => {
    const name = parseSnapshotName('0000000000000012-0000000000000020.snap')!;
    const good = encodeFrame(Buffer.from(JSON.stringify({ walIndex: 20, snapshot })));
    const flipped = Buffer.from(good);
    flipped[30]! ^= 1;
    expect(decodeSnapshot(flipped, name)).toBe('checksum mismatch');
    expect(decodeSnapshot(good.subarray(0, good.length - 1), name)).toMatch(/runs past the end/);
    expect(decodeSnapshot(Buffer.concat([good, Buffer.from([0])]), name)).toBe('1 unexpected bytes after the snapshot');
    expect(decodeSnapshot(Buffer.alloc(0), name)).toBe('empty file');
    expect(decodeSnapshot(good, { ...name, walIndex: 21 })).toBe('log index does not match the file name');
    expect(decodeSnapshot(good, { ...name, revision: 13 })).toBe('revision does not match the file name');
    const notSnapshot = encodeFrame(Buffer.from(JSON.stringify({ walIndex: 20, snapshot: { ...snapshot, format: 2 } })));
    expect(decodeSnapshot(notSnapshot, name)).toBe('payload is not a store snapshot');
  });
});
