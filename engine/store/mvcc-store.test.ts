/**
 * The store's own promises beyond etcd's API (those are in kv-behaviour-suite.ts): the
 * durability contract of backend.ts, serialised mutations, failure and close.
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../util/clock.ts';
import { newKeyIndex } from '../../solutions/store/key-index.ts';
import { txnCompare } from '../../solutions/store/txn-compare.ts';
import { createMvccStore, type MvccStore } from './mvcc-store.ts';
import { MemoryBackend } from './memory-backend.ts';
import type { WalRecord } from './backend.ts';
import { prefixEnd, type WatchResponse } from './kv.ts';
import { isStoreError } from './errors.ts';

/** A backend whose appends wait until released, to observe what happens in between. */
class GatedBackend extends MemoryBackend {
  gates: Array<() => void> = [];
  inFlight = 0;
  maxInFlight = 0;
  override async append(record: WalRecord): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise<void>((resolve) => this.gates.push(resolve));
    this.inFlight--;
    return super.append(record);
  }
  release(): void {
    this.gates.shift()?.();
  }
}

async function open(backend?: MemoryBackend, snapshotEvery?: number, clock = new VirtualClock()): Promise<MvccStore> {
  return createMvccStore({ clock, keyIndex: newKeyIndex, txnCompare, backend, snapshotEvery });
}

describe('MvccStore durability (backend.ts contract)', () => {
  it('a write is invisible to reads and watches, and unacknowledged, until the backend has appended it', async () => {
    const clock = new VirtualClock();
    const backend = new GatedBackend();
    const store = await open(backend, undefined, clock);
    const responses: WatchResponse[] = [];
    store.watch('/k', {}, (r) => responses.push(r));
    let acked = false;
    const put = store.put('/k', 'v').then((r) => ((acked = true), r));
    await clock.flush();
    expect(backend.gates).toHaveLength(1);
    expect(acked).toBe(false);
    expect((await store.range('/k')).kvs).toEqual([]);
    expect(store.currentRevision()).toBe(1);
    expect(responses).toEqual([]);
    backend.release();
    expect((await put).header.revision).toBe(2);
    await clock.flush();
    expect((await store.range('/k')).kvs.map((x) => x.value)).toEqual(['v']);
    expect(responses.flatMap((r) => r.events).map((e) => e.kv.value)).toEqual(['v']);
  });

  it('mutations are applied one at a time, in call order, each appended before the next starts', async () => {
    const clock = new VirtualClock();
    const backend = new GatedBackend();
    const store = await open(backend, undefined, clock);
    const calls = [store.put('/a', '1'), store.put('/b', '2'), store.txn({ compare: [], success: [{ put: { key: '/c', value: '3' } }], failure: [] })];
    for (let i = 0; i < 3; i++) {
      await clock.flush();
      backend.release();
    }
    const [a, b, c] = await Promise.all(calls);
    expect([a.header.revision, b.header.revision, c.header.revision]).toEqual([2, 3, 4]);
    expect(backend.maxInFlight).toBe(1);
  });

  it('logs one record per revision, with the ops that reproduce it, and nothing for reads', async () => {
    const backend = new MemoryBackend();
    const store = await open(backend);
    await store.put('/a', '1');
    await store.put('/b', '2');
    await store.deleteRange('/', { rangeEnd: prefixEnd('/') });
    await store.deleteRange('/nothing');
    await store.txn({ compare: [], success: [{ range: { key: '/a' } }], failure: [] });
    const lease = await store.leaseGrant(30);
    await store.put('/l', 'x', { lease: lease.id });
    await store.compact(3);
    await store.leaseRevoke(lease.id);
    expect(backend.allRecords).toEqual([
      { type: 'txn', revision: 2, ops: [{ op: 'put', key: '/a', value: '1', lease: 0 }] },
      { type: 'txn', revision: 3, ops: [{ op: 'put', key: '/b', value: '2', lease: 0 }] },
      { type: 'txn', revision: 4, ops: [{ op: 'delete', key: '/a' }, { op: 'delete', key: '/b' }] },
      { type: 'leaseGrant', id: lease.id, ttl: 30 },
      { type: 'txn', revision: 5, ops: [{ op: 'put', key: '/l', value: 'x', lease: lease.id }] },
      { type: 'compact', revision: 3 },
      { type: 'txn', revision: 6, ops: [{ op: 'delete', key: '/l' }] },
      { type: 'leaseRevoke', id: lease.id },
    ]);
  });

  it('saves a snapshot every snapshotEvery records, after which the backend keeps only newer records', async () => {
    const backend = new MemoryBackend();
    const store = await open(backend, 4);
    for (let i = 0; i < 10; i++) await store.put(`/k${i}`, `${i}`);
    await store.range('/'); // let the queued snapshot run
    await store.close();
    expect(backend.snapshotsSaved).toBe(2);
    expect(backend.snapshot?.revision).toBe(9);
    expect(backend.records.map((r) => (r.type === 'txn' ? r.revision : -1))).toEqual([10, 11]);
  });

  it('a store re-opened from the recorded snapshot and records has the same revision, history, compaction and leases', async () => {
    const clock = new VirtualClock();
    const backend = new MemoryBackend();
    const first = await open(backend, 5, clock);
    const lease = await first.leaseGrant(60);
    const other = await first.leaseGrant(300);
    for (let i = 0; i < 6; i++) await first.put(`/pods/p${i % 3}`, `v${i}`, { lease: i % 2 ? lease.id : 0 });
    await first.put('/pods/p3', 'leased', { lease: lease.id });
    await first.deleteRange('/pods/p0');
    await first.put('/nodes/n1', 'ready', { lease: other.id });
    await first.compact(5);
    await first.txn({ compare: [], success: [{ put: { key: '/pods/p0', value: 'again' } }, { deleteRange: { key: '/pods/p2' } }], failure: [] });
    const history = async (s: MvccStore) => {
      const out: unknown[] = [];
      for (let rev = s.compactRevision(); rev <= s.currentRevision(); rev++) out.push((await s.range('/', { rangeEnd: prefixEnd('/'), revision: rev })).kvs);
      return out;
    };
    const before = { rev: first.currentRevision(), compact: first.compactRevision(), history: await history(first) };
    const leasesBefore = [await first.leaseTimeToLive(lease.id, { keys: true }), await first.leaseTimeToLive(other.id, { keys: true })];
    await first.close();
    expect(backend.snapshotsSaved).toBeGreaterThan(0);
    expect(backend.records.length).toBeGreaterThan(0);

    const second = await open(backend, 5, clock);
    expect({ rev: second.currentRevision(), compact: second.compactRevision(), history: await history(second) }).toEqual(before);
    const leasesAfter = [await second.leaseTimeToLive(lease.id, { keys: true }), await second.leaseTimeToLive(other.id, { keys: true })];
    expect(leasesAfter.map((l) => [l.id, l.grantedTtl, l.keys])).toEqual(leasesBefore.map((l) => [l.id, l.grantedTtl, l.keys]));
    // Leases come back with their full TTL and still expire, deleting their keys.
    await clock.advance(60_000);
    expect((await second.range('/pods/', { rangeEnd: prefixEnd('/pods/') })).kvs.map((k) => k.key)).toEqual(['/pods/p0', '/pods/p1']);
    expect((await second.range('/nodes/n1')).kvs).toHaveLength(1);
    await second.close();
  });

  it('a watch on a re-opened store can replay history written before the restart', async () => {
    const backend = new MemoryBackend();
    const first = await open(backend, 2);
    for (let i = 0; i < 5; i++) await first.put('/k', `${i}`);
    await first.close();
    const clock = new VirtualClock();
    const second = await open(backend, 2, clock);
    const seen: string[] = [];
    second.watch('/k', { startRevision: 3, prevKv: true }, (r) => seen.push(...r.events.map((e) => `${e.prevKv?.value}->${e.kv.value}`)));
    await clock.flush();
    expect(seen).toEqual(['0->1', '1->2', '2->3', '3->4']);
    await second.close();
  });

  it('refuses to open from records that skip a revision', async () => {
    const backend = new MemoryBackend();
    backend.records = [{ type: 'txn', revision: 3, ops: [{ op: 'put', key: '/a', value: '1', lease: 0 }] }];
    await expect(open(backend)).rejects.toThrow('does not follow revision 1');
  });

  it('passes on the backend\'s load warnings', async () => {
    const backend = new MemoryBackend();
    backend.load = async () => ({ records: [], warnings: ['wal: cut torn tail at byte 10 (3 bytes dropped)'] });
    const store = await open(backend);
    expect(store.warnings).toEqual(['wal: cut torn tail at byte 10 (3 bytes dropped)']);
  });

  it('after a failed append the write is not visible and every later call fails with the same error', async () => {
    const backend = new MemoryBackend();
    const store = await open(backend);
    await store.put('/a', '1');
    backend.failNextAppend = new Error('disk full');
    await expect(store.put('/b', '2')).rejects.toThrow('disk full');
    await expect(store.range('/b')).rejects.toThrow('disk full');
    await expect(store.put('/c', '3')).rejects.toThrow('disk full');
    expect(store.currentRevision()).toBe(2);
  });
});

describe('MvccStore lifecycle', () => {
  it('a key index that throws mid-write stops the store with that error instead of corrupting it', async () => {
    const store = await createMvccStore({
      clock: new VirtualClock(),
      keyIndex: (key) => {
        const ki = newKeyIndex(key);
        if (key === '/bad') ki.put = () => { throw new Error('TODO: KeyIndex.put'); };
        return ki;
      },
      txnCompare,
    });
    await store.put('/good', '1');
    await expect(store.txn({ compare: [], success: [{ put: { key: '/good', value: '2' } }, { put: { key: '/bad', value: '1' } }], failure: [] })).rejects.toThrow('TODO: KeyIndex.put');
    await expect(store.put('/good', '3')).rejects.toThrow('TODO: KeyIndex.put');
    expect(store.currentRevision()).toBe(2);
  });

  it('close waits for queued mutations, closes the backend, and later calls fail with "mvcc: database closed"', async () => {
    const backend = new MemoryBackend();
    const store = await open(backend);
    const pending = store.put('/a', '1');
    await store.close();
    expect((await pending).header.revision).toBe(2);
    expect(backend.closed).toBe(true);
    await expect(store.put('/b', '1')).rejects.toSatisfy((e) => isStoreError(e, 'Closed'));
    await expect(store.range('/a')).rejects.toThrow('mvcc: database closed');
  });

  it('a watch opened on a closed store is canceled', async () => {
    const clock = new VirtualClock();
    const store = await open(undefined, undefined, clock);
    await store.close();
    const responses: WatchResponse[] = [];
    store.watch('/a', {}, (r) => responses.push(r));
    await clock.flush();
    expect(responses).toMatchObject([{ canceled: true, cancelReason: 'mvcc: database closed' }]);
  });

  it('close stops lease timers', async () => {
    const clock = new VirtualClock();
    const store = await open(undefined, undefined, clock);
    await store.leaseGrant(10);
    expect(clock.pending()).toBe(1);
    await store.close();
    expect(clock.pending()).toBe(0);
  });

  it('a lease grant with a taken id fails with "lease already exists"; a zero or fractional TTL is invalid', async () => {
    const store = await open();
    await store.leaseGrant(10, 42);
    await expect(store.leaseGrant(10, 42)).rejects.toThrow('lease already exists');
    await expect(store.leaseGrant(0)).rejects.toSatisfy((e) => isStoreError(e, 'InvalidArgument'));
    await expect(store.leaseGrant(1.5)).rejects.toSatisfy((e) => isStoreError(e, 'InvalidArgument'));
    await expect(store.leaseKeepAlive(7)).rejects.toThrow('lease not found');
    await expect(store.leaseRevoke(7)).rejects.toThrow('lease not found');
    expect((await store.leaseTimeToLive(7)).ttl).toBe(-1);
  });

  it('a txn whose chosen branch uses an unknown lease fails whole: no key written, no revision used', async () => {
    const store = await open();
    await expect(
      store.txn({ compare: [], success: [{ put: { key: '/a', value: '1' } }, { put: { key: '/b', value: '1', lease: 99 } }], failure: [] }),
    ).rejects.toThrow('lease not found');
    expect(store.currentRevision()).toBe(1);
    expect((await store.range('/a')).kvs).toEqual([]);
  });
});
