import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../util/clock.ts';
import { newKeyIndex } from '../../solutions/store/key-index.ts';
import { txnCompare } from '../../solutions/store/txn-compare.ts';
import { createMvccStore } from './mvcc-store.ts';
import { prefixEnd, type WatchResponse } from './kv.ts';

async function setup(progressNotifyIntervalMs?: number) {
  const clock = new VirtualClock();
  const store = await createMvccStore({ clock, keyIndex: newKeyIndex, txnCompare, progressNotifyIntervalMs });
  return { clock, store };
}

describe('watch delivery', () => {
  it('is never re-entrant: nothing is delivered during the call that caused it', async () => {
    const { clock, store } = await setup();
    const responses: WatchResponse[] = [];
    store.watch('/a', {}, (r) => responses.push(r));
    const put = store.put('/a', '1');
    expect(responses).toEqual([]);
    await put;
    await clock.flush();
    expect(responses).toHaveLength(1);
  });

  it('a replay that starts in the past is delivered after watch() returns', async () => {
    const { clock, store } = await setup();
    await store.put('/a', '1');
    const responses: WatchResponse[] = [];
    store.watch('/a', { startRevision: 1 }, (r) => responses.push(r));
    expect(responses).toEqual([]);
    await clock.flush();
    expect(responses.flatMap((r) => r.events)).toHaveLength(1);
  });

  it('fans out every event to 1,000 watchers on one prefix, in order', async () => {
    const { clock, store } = await setup();
    const got: number[][] = [];
    for (let i = 0; i < 1000; i++) {
      const mine: number[] = [];
      got.push(mine);
      store.watch('/pods/', { rangeEnd: prefixEnd('/pods/') }, (r) => mine.push(...r.events.map((e) => e.kv.modRevision)));
    }
    for (let i = 0; i < 20; i++) await store.put(`/pods/p${i}`, 'x');
    await clock.flush();
    const want = Array.from({ length: 20 }, (_, i) => i + 2);
    expect(got.every((g) => g.length === 20 && g.every((rev, i) => rev === want[i]))).toBe(true);
  });

  it('a watcher catching up from the past while writes continue sees every revision once, in order', async () => {
    const { clock, store } = await setup();
    for (let i = 0; i < 50; i++) await store.put(`/k/${i % 5}`, `${i}`);
    const revs: number[] = [];
    store.watch('/k/', { rangeEnd: prefixEnd('/k/'), startRevision: 10 }, (r) => revs.push(...r.events.map((e) => e.kv.modRevision)));
    const writes = Array.from({ length: 50 }, (_, i) => store.put(`/k/${i % 5}`, `late ${i}`));
    await Promise.all(writes);
    await clock.flush();
    expect(revs).toEqual(Array.from({ length: 101 - 10 + 1 }, (_, i) => i + 10));
  });

  it('a long replay comes in several responses, each holding whole revisions', async () => {
    const { clock, store } = await setup();
    for (let i = 0; i < 700; i++) {
      await store.txn({ compare: [], success: [{ put: { key: `/a/${i % 7}`, value: `${i}` } }, { put: { key: `/b/${i % 7}`, value: `${i}` } }], failure: [] });
    }
    const responses: WatchResponse[] = [];
    store.watch('/', { rangeEnd: prefixEnd('/'), startRevision: 1 }, (r) => responses.push(r));
    await clock.flush();
    expect(responses.length).toBeGreaterThan(1);
    expect(responses.flatMap((r) => r.events)).toHaveLength(1400);
    for (let i = 1; i < responses.length; i++) {
      const prevLast = responses[i - 1]!.events.at(-1)!.kv.modRevision;
      expect(responses[i]!.events[0]!.kv.modRevision).toBe(prevLast + 1);
    }
  });

  it('a watch that starts in the future skips revisions before its start', async () => {
    const { clock, store } = await setup();
    const revs: number[] = [];
    store.watch('/a', { startRevision: 4 }, (r) => revs.push(...r.events.map((e) => e.kv.modRevision)));
    for (let i = 0; i < 4; i++) await store.put('/a', `${i}`);
    await clock.flush();
    expect(revs).toEqual([4, 5]);
  });

  it('events are shared, frozen objects: a consumer cannot corrupt what another watcher sees', async () => {
    const { clock, store } = await setup();
    const seen: WatchResponse[] = [];
    store.watch('/a', {}, (r) => seen.push(r));
    await store.put('/a', '1');
    await clock.flush();
    expect(() => {
      (seen[0]!.events[0]!.kv as { value: string }).value = 'tampered';
    }).toThrow(TypeError);
  });

  it('sends progress notifications to idle watchers that asked for them, at the configured interval', async () => {
    const { clock, store } = await setup(60_000);
    const asked: WatchResponse[] = [];
    const notAsked: WatchResponse[] = [];
    const w = store.watch('/a', { progressNotify: true }, (r) => asked.push(r));
    store.watch('/a', {}, (r) => notAsked.push(r));
    await store.put('/b', 'unrelated');
    await clock.advance(60_000);
    expect(asked).toEqual([{ header: { revision: 2 }, events: [] }]);
    expect(notAsked).toEqual([]);
    w.cancel();
    expect(clock.pending()).toBe(0);
  });
});
