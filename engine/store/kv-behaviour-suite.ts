/**
 * The etcd behaviour of ../shared/KUBERNETES-FACTS.md §etcd, one `describe` per bullet, written
 * against the KV interface only — so the same suite runs against the embedded MvccStore (with or
 * without a backend), the persistent store, and a real etcd behind the same interface.
 *
 * Each test gets a fresh store from `make()`. Keys live under a per-test prefix so that a shared
 * etcd works too; the "new store starts at revision 1" test runs only when `fresh` is true.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prefixEnd, type KV, type WatchEvent, type WatchOptions, type WatchResponse } from './kv.ts';

export interface KvUnderTest {
  kv: KV;
  /** True when the store is brand new (at revision 1, nothing else writing to it). */
  fresh: boolean;
  /** Lets `seconds` of lease time pass (advance a virtual clock, or really wait). */
  elapse(seconds: number): Promise<void>;
  /** Lets pending asynchronous work (watch delivery) happen. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

interface Collector {
  responses: WatchResponse[];
  events(): WatchEvent[];
  cancel(): void;
}

function collect(kv: KV, key: string, options: WatchOptions): Collector {
  const responses: WatchResponse[] = [];
  const w = kv.watch(key, options, (r) => responses.push(r));
  return { responses, events: () => responses.flatMap((r) => r.events), cancel: () => w.cancel() };
}

/** Summary of an event for readable assertions: "PUT /k=v@5", "DELETE /k@6". */
function show(e: WatchEvent): string {
  return e.type === 'PUT' ? `PUT ${e.kv.key}=${e.kv.value}@${e.kv.modRevision}` : `DELETE ${e.kv.key}@${e.kv.modRevision}`;
}

export function describeKvBehaviour(name: string, make: () => Promise<KvUnderTest>): void {
  describe(`etcd behaviour (${name})`, () => {
    let t: KvUnderTest;
    let kv: KV;
    let p: string;
    let seq = 0;
    beforeEach(async () => {
      t = await make();
      kv = t.kv;
      p = `/behaviour/${++seq}/`;
    });
    afterEach(async () => {
      await t.close();
    });

    async function until(cond: () => boolean, what: string): Promise<void> {
      for (let i = 0; i < 200; i++) {
        if (cond()) return;
        await t.settle();
      }
      throw new Error(`gave up waiting for ${what}`);
    }
    const rev = async () => (await kv.range(p)).header.revision;

    describe('a new store is at revision 1; every mutation or whole txn raises it by one; a txn shares it', () => {
      it('a brand-new store answers at revision 1', async () => {
        if (!t.fresh) return;
        expect((await kv.range('anything')).header.revision).toBe(1);
      });

      it('each put and each delete raises the revision by exactly one', async () => {
        const r0 = await rev();
        expect((await kv.put(`${p}a`, '1')).header.revision).toBe(r0 + 1);
        expect((await kv.put(`${p}a`, '2')).header.revision).toBe(r0 + 2);
        expect((await kv.deleteRange(`${p}a`)).header.revision).toBe(r0 + 3);
        expect(await rev()).toBe(r0 + 3);
      });

      it('a txn with several writes raises the revision once, and all its keys carry it', async () => {
        const r0 = await rev();
        const res = await kv.txn({
          compare: [],
          success: [{ put: { key: `${p}a`, value: '1' } }, { put: { key: `${p}b`, value: '2' } }, { put: { key: `${p}c`, value: '3' } }],
          failure: [],
        });
        expect(res.header.revision).toBe(r0 + 1);
        const { kvs } = await kv.range(p, { rangeEnd: prefixEnd(p) });
        expect(kvs.map((x) => x.modRevision)).toEqual([r0 + 1, r0 + 1, r0 + 1]);
      });

      it('all events of one txn share its revision and arrive in one response', async () => {
        const w = collect(kv, p, { rangeEnd: prefixEnd(p) });
        const res = await kv.txn({
          compare: [],
          success: [{ put: { key: `${p}a`, value: '1' } }, { put: { key: `${p}b`, value: '2' } }],
          failure: [],
        });
        await until(() => w.events().length >= 2, 'two events');
        expect(w.responses).toHaveLength(1);
        expect(w.events().map(show)).toEqual([`PUT ${p}a=1@${res.header.revision}`, `PUT ${p}b=2@${res.header.revision}`]);
        w.cancel();
      });

      it('a delete that matches no key changes nothing and does not raise the revision', async () => {
        const r0 = await rev();
        const res = await kv.deleteRange(`${p}missing`);
        expect(res.deleted).toBe(0);
        expect(res.header.revision).toBe(r0);
        expect(await rev()).toBe(r0);
      });

      it('a txn with only reads does not raise the revision', async () => {
        await kv.put(`${p}a`, '1');
        const r0 = await rev();
        const res = await kv.txn({ compare: [], success: [{ range: { key: `${p}a` } }], failure: [] });
        expect(res.header.revision).toBe(r0);
        expect(await rev()).toBe(r0);
      });
    });

    describe('per key: createRevision, modRevision, version; a delete resets it; re-creation starts a new generation', () => {
      it('version is 1 on create and grows by one per put; createRevision stays', async () => {
        const c = (await kv.put(`${p}k`, 'a')).header.revision;
        await kv.put(`${p}k`, 'b');
        const m = (await kv.put(`${p}k`, 'c')).header.revision;
        const [k] = (await kv.range(`${p}k`)).kvs;
        expect(k).toMatchObject({ key: `${p}k`, value: 'c', createRevision: c, modRevision: m, version: 3, lease: 0 });
      });

      it('a deleted key is gone; re-created, it starts again at version 1 with a new createRevision', async () => {
        await kv.put(`${p}k`, 'a');
        await kv.put(`${p}k`, 'b');
        await kv.deleteRange(`${p}k`);
        expect((await kv.range(`${p}k`)).kvs).toEqual([]);
        const again = (await kv.put(`${p}k`, 'c')).header.revision;
        expect((await kv.range(`${p}k`)).kvs[0]).toMatchObject({ value: 'c', createRevision: again, modRevision: again, version: 1 });
      });

      it('a put returns the previous key-value only when asked', async () => {
        await kv.put(`${p}k`, 'a');
        expect((await kv.put(`${p}k`, 'b')).prevKv).toBeUndefined();
        expect((await kv.put(`${p}k`, 'c', { prevKv: true })).prevKv).toMatchObject({ value: 'b', version: 2 });
        expect((await kv.put(`${p}new`, 'x', { prevKv: true })).prevKv).toBeUndefined();
      });

      it('a delete range reports how many keys it deleted and, when asked, their last values', async () => {
        await kv.put(`${p}a`, '1');
        await kv.put(`${p}b`, '2');
        const res = await kv.deleteRange(p, { rangeEnd: prefixEnd(p), prevKv: true });
        expect(res.deleted).toBe(2);
        expect(res.prevKvs.map((x) => `${x.key}=${x.value}`)).toEqual([`${p}a=1`, `${p}b=2`]);
      });
    });

    describe('range: latest or past revision; compacted and future revisions fail; prefix, "\\0", limit, count, more', () => {
      it('revision <= 0 reads the latest; a past revision reads history', async () => {
        const r1 = (await kv.put(`${p}k`, 'v1')).header.revision;
        await kv.put(`${p}k`, 'v2');
        const r3 = (await kv.deleteRange(`${p}k`)).header.revision;
        expect((await kv.range(`${p}k`, { revision: 0 })).kvs).toEqual([]);
        expect((await kv.range(`${p}k`, { revision: -1 })).kvs).toEqual([]);
        expect((await kv.range(`${p}k`, { revision: r1 })).kvs.map((x) => x.value)).toEqual(['v1']);
        expect((await kv.range(`${p}k`, { revision: r3 - 1 })).kvs.map((x) => x.value)).toEqual(['v2']);
        expect((await kv.range(`${p}k`, { revision: r1 - 1 })).kvs).toEqual([]);
      });

      it('a read below the compact revision fails with "mvcc: required revision has been compacted"', async () => {
        const r1 = (await kv.put(`${p}k`, 'v1')).header.revision;
        const r2 = (await kv.put(`${p}k`, 'v2')).header.revision;
        await kv.compact(r2);
        await expect(kv.range(`${p}k`, { revision: r1 })).rejects.toThrow('mvcc: required revision has been compacted');
        expect((await kv.range(`${p}k`, { revision: r2 })).kvs.map((x) => x.value)).toEqual(['v2']);
      });

      it('a read above the current revision fails with "mvcc: required revision is a future revision"', async () => {
        const now = await rev();
        await expect(kv.range(`${p}k`, { revision: now + 10 })).rejects.toThrow('mvcc: required revision is a future revision');
      });

      it('rangeEnd = prefixEnd(prefix) returns exactly the keys with that prefix, in key order', async () => {
        for (const k of ['b', 'a', 'c/1', 'c']) await kv.put(`${p}${k}`, k);
        await kv.put(`${p.slice(0, -1)}0`, 'after the prefix');
        const { kvs, count } = await kv.range(p, { rangeEnd: prefixEnd(p) });
        expect(kvs.map((x) => x.key)).toEqual([`${p}a`, `${p}b`, `${p}c`, `${p}c/1`]);
        expect(count).toBe(4);
      });

      it('rangeEnd "\\0" returns every key >= key', async () => {
        for (const k of ['a', 'b', 'c']) await kv.put(`${p}${k}`, k);
        const { kvs } = await kv.range(`${p}b`, { rangeEnd: '\0' });
        expect(kvs.map((x) => x.key).filter((k) => k.startsWith(p))).toEqual([`${p}b`, `${p}c`]);
      });

      it('limit cuts the list; count is the whole range and more says there were others', async () => {
        for (const k of ['a', 'b', 'c', 'd', 'e']) await kv.put(`${p}${k}`, k);
        const cut = await kv.range(p, { rangeEnd: prefixEnd(p), limit: 2 });
        expect(cut.kvs.map((x) => x.key)).toEqual([`${p}a`, `${p}b`]);
        expect(cut.count).toBe(5);
        expect(cut.more).toBe(true);
        const all = await kv.range(p, { rangeEnd: prefixEnd(p), limit: 5 });
        expect(all.more).toBe(false);
      });

      it('countOnly returns the count without kvs; keysOnly returns kvs without values', async () => {
        for (const k of ['a', 'b']) await kv.put(`${p}${k}`, 'value');
        const counted = await kv.range(p, { rangeEnd: prefixEnd(p), countOnly: true });
        expect(counted.kvs).toEqual([]);
        expect(counted.count).toBe(2);
        const keys = await kv.range(p, { rangeEnd: prefixEnd(p), keysOnly: true });
        expect(keys.kvs.map((x) => [x.key, x.value])).toEqual([
          [`${p}a`, ''],
          [`${p}b`, ''],
        ]);
      });

      it('compacting at or below the current compact revision, or above the current revision, fails', async () => {
        await kv.put(`${p}k`, '1');
        const r = (await kv.put(`${p}k`, '2')).header.revision;
        await kv.compact(r);
        await expect(kv.compact(r)).rejects.toThrow('mvcc: required revision has been compacted');
        await expect(kv.compact(r + 100)).rejects.toThrow('mvcc: required revision is a future revision');
      });
    });

    describe('txn: compare VERSION / CREATE / MOD / VALUE with EQUAL / GREATER / LESS / NOT_EQUAL → success or failure', () => {
      async function holds(compare: Parameters<KV['txn']>[0]['compare'][number]): Promise<boolean> {
        return (await kv.txn({ compare: [compare], success: [], failure: [] })).succeeded;
      }

      it('CREATE = 0 means the key does not exist (the apiserver create)', async () => {
        const create = {
          compare: [{ key: `${p}k`, target: 'CREATE' as const, result: 'EQUAL' as const, value: 0 }],
          success: [{ put: { key: `${p}k`, value: 'first' } }],
          failure: [{ range: { key: `${p}k` } }],
        };
        const first = await kv.txn(create);
        expect(first.succeeded).toBe(true);
        const second = await kv.txn({ ...create, success: [{ put: { key: `${p}k`, value: 'second' } }] });
        expect(second.succeeded).toBe(false);
        const failed = second.responses[0]!;
        expect('range' in failed && failed.range.kvs.map((x) => x.value)).toEqual(['first']);
        expect((await kv.range(`${p}k`)).kvs[0]!.value).toBe('first');
      });

      it('MOD = revision is optimistic concurrency: a stale revision takes the failure branch', async () => {
        const r1 = (await kv.put(`${p}k`, 'v1')).header.revision;
        await kv.put(`${p}k`, 'v2');
        const res = await kv.txn({
          compare: [{ key: `${p}k`, target: 'MOD', result: 'EQUAL', value: r1 }],
          success: [{ put: { key: `${p}k`, value: 'lost update' } }],
          failure: [],
        });
        expect(res.succeeded).toBe(false);
        expect((await kv.range(`${p}k`)).kvs[0]!.value).toBe('v2');
      });

      it('each target compares with EQUAL, NOT_EQUAL, GREATER and LESS', async () => {
        await kv.put(`${p}k`, 'm');
        const r = (await kv.put(`${p}k`, 'm')).header.revision; // version 2
        const [k] = (await kv.range(`${p}k`)).kvs;
        const key = `${p}k`;
        expect(await holds({ key, target: 'VERSION', result: 'EQUAL', value: 2 })).toBe(true);
        expect(await holds({ key, target: 'VERSION', result: 'GREATER', value: 1 })).toBe(true);
        expect(await holds({ key, target: 'VERSION', result: 'LESS', value: 2 })).toBe(false);
        expect(await holds({ key, target: 'VERSION', result: 'NOT_EQUAL', value: 2 })).toBe(false);
        expect(await holds({ key, target: 'CREATE', result: 'EQUAL', value: k!.createRevision })).toBe(true);
        expect(await holds({ key, target: 'CREATE', result: 'LESS', value: r })).toBe(true);
        expect(await holds({ key, target: 'MOD', result: 'EQUAL', value: r })).toBe(true);
        expect(await holds({ key, target: 'MOD', result: 'GREATER', value: r })).toBe(false);
        expect(await holds({ key, target: 'MOD', result: 'NOT_EQUAL', value: r - 1 })).toBe(true);
        expect(await holds({ key, target: 'VALUE', result: 'EQUAL', value: 'm' })).toBe(true);
        expect(await holds({ key, target: 'VALUE', result: 'GREATER', value: 'a' })).toBe(true);
        expect(await holds({ key, target: 'VALUE', result: 'LESS', value: 'z' })).toBe(true);
        expect(await holds({ key, target: 'VALUE', result: 'NOT_EQUAL', value: 'm' })).toBe(false);
      });

      it('a missing key compares as version, create and mod 0; a VALUE compare on it is false', async () => {
        const key = `${p}missing`;
        expect(await holds({ key, target: 'VERSION', result: 'EQUAL', value: 0 })).toBe(true);
        expect(await holds({ key, target: 'MOD', result: 'EQUAL', value: 0 })).toBe(true);
        expect(await holds({ key, target: 'VALUE', result: 'EQUAL', value: '' })).toBe(false);
        expect(await holds({ key, target: 'VALUE', result: 'NOT_EQUAL', value: 'x' })).toBe(false);
      });

      it('all compares must hold; with a rangeEnd a compare must hold for every key in the range', async () => {
        await kv.put(`${p}a`, '1');
        await kv.put(`${p}b`, '1');
        const all = { key: p, rangeEnd: prefixEnd(p), target: 'VERSION' as const, result: 'EQUAL' as const, value: 1 };
        expect(await holds(all)).toBe(true);
        await kv.put(`${p}b`, '2');
        expect(await holds(all)).toBe(false);
        const res = await kv.txn({
          compare: [
            { key: `${p}a`, target: 'VERSION', result: 'EQUAL', value: 1 },
            { key: `${p}b`, target: 'VERSION', result: 'EQUAL', value: 1 },
          ],
          success: [],
          failure: [],
        });
        expect(res.succeeded).toBe(false);
      });

      it('reads inside a txn see the txn\'s own earlier writes; the responses follow the ops', async () => {
        await kv.put(`${p}b`, 'old');
        const res = await kv.txn({
          compare: [],
          success: [{ put: { key: `${p}a`, value: '1' } }, { deleteRange: { key: `${p}b` } }, { range: { key: p, rangeEnd: prefixEnd(p) } }],
          failure: [],
        });
        expect(res.succeeded).toBe(true);
        expect(res.responses.map((r) => Object.keys(r)[0])).toEqual(['put', 'deleteRange', 'range']);
        const read = res.responses[2]!;
        expect('range' in read && read.range.kvs.map((x) => x.key)).toEqual([`${p}a`]);
        expect((await kv.range(p, { rangeEnd: prefixEnd(p) })).kvs.map((x) => x.key)).toEqual([`${p}a`]);
      });

      it('a txn that writes one key twice is rejected ("duplicate key given in txn request") and changes nothing', async () => {
        const r0 = await rev();
        await expect(
          kv.txn({ compare: [], success: [{ put: { key: `${p}a`, value: '1' } }, { put: { key: `${p}a`, value: '2' } }], failure: [] }),
        ).rejects.toThrow('duplicate key given in txn request');
        await expect(
          kv.txn({ compare: [], success: [{ put: { key: `${p}a`, value: '1' } }, { deleteRange: { key: p, rangeEnd: prefixEnd(p) } }], failure: [] }),
        ).rejects.toThrow('duplicate key given in txn request');
        expect(await rev()).toBe(r0);
      });
    });

    describe('watch from startRevision (inclusive): ordered, gap-free, revisions never split, prevKv only when asked, compacted start cancels', () => {
      it('replays history from the start revision, inclusive, then continues live without gaps', async () => {
        const r1 = (await kv.put(`${p}a`, '1')).header.revision;
        const r2 = (await kv.put(`${p}a`, '2')).header.revision;
        const r3 = (await kv.deleteRange(`${p}a`)).header.revision;
        const w = collect(kv, p, { rangeEnd: prefixEnd(p), startRevision: r2 });
        const r4 = (await kv.put(`${p}b`, '3')).header.revision;
        await until(() => w.events().length >= 3, 'three events');
        expect(w.events().map(show)).toEqual([`PUT ${p}a=2@${r2}`, `DELETE ${p}a@${r3}`, `PUT ${p}b=3@${r4}`]);
        expect(r1).toBeLessThan(r2);
        w.cancel();
      });

      it('without a start revision only later changes are delivered', async () => {
        await kv.put(`${p}a`, 'before');
        const w = collect(kv, `${p}a`, {});
        const r = (await kv.put(`${p}a`, 'after')).header.revision;
        await until(() => w.events().length >= 1, 'one event');
        expect(w.events().map(show)).toEqual([`PUT ${p}a=after@${r}`]);
        w.cancel();
      });

      it('a single-key watch sees only its key', async () => {
        const w = collect(kv, `${p}a`, {});
        await kv.put(`${p}ab`, 'other');
        const r = (await kv.put(`${p}a`, 'mine')).header.revision;
        await until(() => w.events().length >= 1, 'one event');
        await t.settle();
        expect(w.events().map(show)).toEqual([`PUT ${p}a=mine@${r}`]);
        w.cancel();
      });

      it('events arrive in revision order with every revision present, and no revision split across responses', async () => {
        const w = collect(kv, p, { rangeEnd: prefixEnd(p) });
        const revs: number[] = [];
        for (let i = 0; i < 20; i++) {
          const res = await kv.txn({
            compare: [],
            success: [{ put: { key: `${p}x${i % 3}`, value: `${i}` } }, { put: { key: `${p}y${i % 2}`, value: `${i}` } }],
            failure: [],
          });
          revs.push(res.header.revision);
        }
        await until(() => w.events().length >= 40, '40 events');
        expect(w.events().map((e) => e.kv.modRevision)).toEqual(revs.flatMap((r) => [r, r]));
        for (const r of w.responses) {
          const first = r.events[0]!.kv.modRevision;
          const last = r.events[r.events.length - 1]!.kv.modRevision;
          const inside = w.events().filter((e) => e.kv.modRevision >= first && e.kv.modRevision <= last);
          expect(inside).toEqual(r.events);
        }
        w.cancel();
      });

      it('prevKv is sent only when asked', async () => {
        await kv.put(`${p}a`, 'old');
        const plain = collect(kv, `${p}a`, {});
        const withPrev = collect(kv, `${p}a`, { prevKv: true });
        await kv.put(`${p}a`, 'new');
        await kv.deleteRange(`${p}a`);
        await until(() => plain.events().length >= 2 && withPrev.events().length >= 2, 'two events each');
        expect(plain.events().every((e) => e.prevKv === undefined)).toBe(true);
        expect(withPrev.events().map((e) => e.prevKv?.value)).toEqual(['old', 'new']);
        plain.cancel();
        withPrev.cancel();
      });

      it('a DELETE event carries the key and the deletion revision with an empty value', async () => {
        await kv.put(`${p}a`, 'v');
        const w = collect(kv, `${p}a`, {});
        const r = (await kv.deleteRange(`${p}a`)).header.revision;
        await until(() => w.events().length >= 1, 'one event');
        expect(w.events()[0]).toMatchObject({ type: 'DELETE', kv: { key: `${p}a`, modRevision: r, value: '' } });
        w.cancel();
      });

      it('filters leave out PUT or DELETE events', async () => {
        const noPut = collect(kv, `${p}a`, { filters: ['NOPUT'] });
        const noDelete = collect(kv, `${p}a`, { filters: ['NODELETE'] });
        await kv.put(`${p}a`, '1');
        await kv.deleteRange(`${p}a`);
        await kv.put(`${p}a`, '2');
        await until(() => noPut.events().length >= 1 && noDelete.events().length >= 2, 'filtered events');
        expect(noPut.events().map((e) => e.type)).toEqual(['DELETE']);
        expect(noDelete.events().map((e) => e.type)).toEqual(['PUT', 'PUT']);
        noPut.cancel();
        noDelete.cancel();
      });

      it('a canceled watch receives nothing more', async () => {
        const w = collect(kv, `${p}a`, {});
        w.cancel();
        await kv.put(`${p}a`, '1');
        await t.settle();
        await t.settle();
        expect(w.events()).toEqual([]);
      });

      it('watching from a compacted revision cancels the watch with the compact revision', async () => {
        const r1 = (await kv.put(`${p}a`, '1')).header.revision;
        const r2 = (await kv.put(`${p}a`, '2')).header.revision;
        await kv.compact(r2);
        const w = collect(kv, p, { rangeEnd: prefixEnd(p), startRevision: r1 });
        await until(() => w.responses.length >= 1, 'the cancel response');
        expect(w.responses[0]).toMatchObject({ canceled: true, compactRevision: r2, events: [] });
        w.cancel();
      });
    });

    describe('lease expiry or revoke deletes its keys, each with a DELETE event', () => {
      it('a put with an unknown lease fails with "lease not found"', async () => {
        await expect(kv.put(`${p}a`, 'v', { lease: 987654321 })).rejects.toThrow('lease not found');
      });

      it('revoking a lease deletes its keys in one revision, with a DELETE event each', async () => {
        const lease = await kv.leaseGrant(60);
        await kv.put(`${p}a`, '1', { lease: lease.id });
        await kv.put(`${p}b`, '2', { lease: lease.id });
        await kv.put(`${p}c`, 'no lease');
        const w = collect(kv, p, { rangeEnd: prefixEnd(p) });
        const before = await rev();
        await kv.leaseRevoke(lease.id);
        await until(() => w.events().length >= 2, 'two DELETE events');
        expect(w.events().map(show)).toEqual([`DELETE ${p}a@${before + 1}`, `DELETE ${p}b@${before + 1}`]);
        expect((await kv.range(p, { rangeEnd: prefixEnd(p) })).kvs.map((x) => x.key)).toEqual([`${p}c`]);
        expect((await kv.leaseTimeToLive(lease.id)).ttl).toBe(-1);
        w.cancel();
      });

      it('an expired lease deletes its keys; keep-alive postpones expiry', async () => {
        const lease = await kv.leaseGrant(5);
        await kv.put(`${p}a`, '1', { lease: lease.id });
        const w = collect(kv, `${p}a`, {});
        await t.elapse(3);
        await kv.leaseKeepAlive(lease.id);
        await t.elapse(3);
        expect((await kv.range(`${p}a`)).kvs).toHaveLength(1);
        await t.elapse(3);
        await until(() => w.events().length >= 1, 'the DELETE event');
        expect(w.events().map((e) => e.type)).toEqual(['DELETE']);
        expect((await kv.range(`${p}a`)).kvs).toEqual([]);
        w.cancel();
      });

      it('timeToLive reports the remaining and granted TTL and, when asked, the attached keys', async () => {
        const lease = await kv.leaseGrant(30);
        await kv.put(`${p}b`, '1', { lease: lease.id });
        await kv.put(`${p}a`, '1', { lease: lease.id });
        const ttl = await kv.leaseTimeToLive(lease.id, { keys: true });
        expect(ttl.grantedTtl).toBe(30);
        expect(ttl.ttl).toBeGreaterThan(25);
        expect(ttl.ttl).toBeLessThanOrEqual(30);
        expect(ttl.keys).toEqual([`${p}a`, `${p}b`]);
        await kv.leaseRevoke(lease.id);
      });

      it('a key put again without the lease no longer belongs to it', async () => {
        const lease = await kv.leaseGrant(60);
        await kv.put(`${p}a`, '1', { lease: lease.id });
        await kv.put(`${p}a`, '2');
        await kv.leaseRevoke(lease.id);
        expect((await kv.range(`${p}a`)).kvs.map((x) => [x.value, x.lease])).toEqual([['2', 0]]);
      });
    });
  });
}
