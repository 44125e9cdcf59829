/**
 * The embedded MVCC store over this backend: the shared etcd behaviour suite on disk, and
 * "what the store knew before closing, it knows after reopening" across snapshots and rotation.
 */
import { describe, expect, it } from 'vitest';
import { RealClock, VirtualClock } from '../../util/clock.ts';
import { newKeyIndex } from '../../../solutions/store/key-index.ts';
import { txnCompare } from '../../../solutions/store/txn-compare.ts';
import { describeKvBehaviour } from '../../store/kv-behaviour-suite.ts';
import { createMvccStore, type MvccStore } from '../../store/index.ts';
import { createFileBackend, type FileBackendOptions } from './file-backend.ts';
import { tempDir } from './test-helpers.ts';

/** Disk writes finish on libuv's thread pool, later than one event-loop hop: wait a real moment. */
const host = new RealClock();

describeKvBehaviour('embedded MvccStore over the file backend (snapshot every 3 records)', async () => {
  const { dir, cleanup } = await tempDir();
  const clock = new VirtualClock();
  const kv = await createMvccStore({ clock, keyIndex: newKeyIndex, txnCompare, backend: await createFileBackend(dir), snapshotEvery: 3 });
  return {
    kv,
    fresh: true,
    elapse: (s) => clock.advance(s * 1000),
    settle: async () => {
      await clock.flush();
      await host.sleep(1);
    },
    close: async () => {
      await kv.close();
      await cleanup();
    },
  };
});

async function openStore(dir: string, options: FileBackendOptions & { snapshotEvery?: number } = {}): Promise<MvccStore> {
  const { snapshotEvery, ...backendOptions } = options;
  return createMvccStore({ clock: new VirtualClock(), keyIndex: newKeyIndex, txnCompare, backend: await createFileBackend(dir, backendOptions), snapshotEvery });
}

/** Everything observable about the keyspace: every key at every revision since compaction. */
async function history(kv: MvccStore): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let rev = Math.max(kv.compactRevision(), 1); rev <= kv.currentRevision(); rev++) {
    out.push((await kv.range('\0', { rangeEnd: '\0', revision: rev })).kvs);
  }
  return out;
}

describe('store over the file backend, reopened', () => {
  it('has the same revision, history, compaction and leases after a reopen, across snapshots and segment rotation', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const options = { snapshotEvery: 7, segmentBytes: 512 };
      const kv = await openStore(dir, options);
      const lease = await kv.leaseGrant(60);
      for (let k = 0; k < 40; k++) {
        await kv.put(`/k/${k % 9}`, `value ${k}`, { lease: k % 5 === 0 ? lease.id : 0 });
        if (k % 6 === 5) await kv.deleteRange(`/k/${k % 4}`);
        if (k % 10 === 9) {
          await kv.txn({
            compare: [{ key: '/k/1', target: 'VERSION', result: 'GREATER', value: 0 }],
            success: [{ put: { key: '/txn', value: String(k) } }, { deleteRange: { key: '/k/2' } }],
            failure: [{ put: { key: '/txn-failed', value: String(k) } }],
          });
        }
      }
      await kv.compact(10);
      const other = await kv.leaseGrant(30);
      await kv.put('/leased', 'x', { lease: other.id });
      await kv.leaseRevoke(other.id);
      const before = { rev: kv.currentRevision(), compact: kv.compactRevision(), history: await history(kv), lease: await kv.leaseTimeToLive(lease.id, { keys: true }) };
      await kv.close();

      const again = await openStore(dir, options);
      expect(again.warnings).toEqual([]);
      expect(again.currentRevision()).toBe(before.rev);
      expect(again.compactRevision()).toBe(before.compact);
      expect(await history(again)).toEqual(before.history);
      expect(await again.leaseTimeToLive(lease.id, { keys: true })).toMatchObject({ keys: before.lease.keys, grantedTtl: 60 });
      expect((await again.leaseTimeToLive(other.id)).ttl).toBe(-1);
      expect((await again.put('/after', 'reopen')).header.revision).toBe(before.rev + 1);
      await again.close();
    } finally {
      await cleanup();
    }
  });
});
