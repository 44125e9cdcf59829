/**
 * The informer's list/watch/relist/resync behaviour against a small fake apiserver, where every
 * failure (410, closed watch, failing list) can be provoked exactly. The same behaviour is checked
 * against the real apiserver in ../informer-factory.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { findResource } from '../../api/resources.ts';
import { newInternalError } from '../../api/errors.ts';
import type { corev1 } from '../../api/types.ts';
import { VirtualClock } from '../../util/clock.ts';
import { createClient } from '../client.ts';
import { FakeApiServer } from '../testing/fake-apiserver.ts';
import { SharedIndexInformer } from './shared-informer.ts';
import type { ResourceEventHandler } from './processor.ts';
import { BY_NODE_INDEX } from './index-funcs.ts';

const podsInfo = findResource('', 'v1', 'pods')!;

const pod = (name: string, extra: Partial<corev1.Pod> = {}): corev1.Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
  ...extra,
});

type Seen = string[];

/** Records what handlers see as short strings: `add web (initial)`, `update web 3->4`, ... */
function recorder(seen: Seen): ResourceEventHandler<corev1.Pod> {
  return {
    onAdd: (p, initial) => void seen.push(`add ${p.metadata?.name}${initial ? ' (initial)' : ''}`),
    onUpdate: (o, n) => void seen.push(`update ${n.metadata?.name} ${o.metadata?.resourceVersion}->${n.metadata?.resourceVersion}`),
    onDelete: (p, info) => void seen.push(`delete ${p.metadata?.name}${info.finalStateUnknown ? ' (final state unknown)' : ''}`),
  };
}

async function setup(options: { resyncPeriodMs?: number } = {}) {
  const clock = new VirtualClock();
  const api = new FakeApiServer();
  const client = createClient(api, { user: 'test-controller' });
  const errors: unknown[] = [];
  const informer = new SharedIndexInformer<corev1.Pod>(client.pods(), podsInfo, {
    clock,
    resyncPeriodMs: options.resyncPeriodMs,
    onError: (e) => errors.push(e),
  });
  return { clock, api, client, informer, errors };
}

describe('SharedIndexInformer', () => {
  it('lists, then watches: the cache follows creates, updates and deletes, and handlers see each', async () => {
    const { clock, client, informer } = await setup();
    await client.pods('default').create(pod('a'));
    const seen: Seen = [];
    informer.addEventHandler(recorder(seen));
    informer.run();
    expect(await informer.waitForSync()).toBe(true);
    expect(informer.lister().get('default', 'a')).toBeDefined();

    const b = await client.pods('default').create(pod('b'));
    await client.pods('default').update({ ...b, spec: { ...b.spec!, nodeName: 'n1' } });
    await client.pods('default').delete('a');
    await clock.flush();

    expect(seen).toEqual(['add a (initial)', 'add b', 'update b 3->4', 'delete a']);
    expect(informer.lister().list().map((p) => p.metadata?.name)).toEqual(['b']);
    expect(informer.lister().byIndex(BY_NODE_INDEX, 'n1').map((p) => p.metadata?.name)).toEqual(['b']);
    expect(informer.lastSyncResourceVersion()).toBe('5');
    await informer.stop();
  });

  it('replays the cache to a handler added after sync, then marks it synced', async () => {
    const { clock, client, informer } = await setup();
    await client.pods('default').create(pod('a'));
    informer.run();
    await informer.waitForSync();
    const seen: Seen = [];
    const reg = informer.addEventHandler(recorder(seen));
    await clock.flush();
    expect(seen).toEqual(['add a (initial)']);
    expect(reg.hasSynced()).toBe(true);
    await informer.stop();
  });

  it('hands handlers and lister readers frozen objects', async () => {
    const { clock, client, informer } = await setup();
    await client.pods('default').create(pod('a'));
    let received: corev1.Pod | undefined;
    informer.addEventHandler({ onAdd: (p) => void (received = p) });
    informer.run();
    await informer.waitForSync();
    await clock.flush();
    expect(() => {
      received!.metadata!.labels!['app'] = 'mutated';
    }).toThrow(TypeError);
    expect(() => {
      informer.lister().get('default', 'a')!.spec!.nodeName = 'n9';
    }).toThrow(TypeError);
    await informer.stop();
  });

  it('after a 410 Expired watch it relists and delivers the adds, updates and deletes it missed', async () => {
    const { clock, api, client, informer } = await setup();
    const pods = client.pods('default');
    await pods.create(pod('stays'));
    const changes = await pods.create(pod('changes'));
    await pods.create(pod('goes'));
    const seen: Seen = [];
    informer.addEventHandler(recorder(seen));
    informer.run();
    await informer.waitForSync();
    await clock.flush();
    seen.length = 0;

    // The watch ends; while the informer waits to re-watch, the world moves on and history is
    // compacted, so re-watching from the last seen version must fail with 410.
    api.closeWatches();
    await clock.flush();
    await pods.create(pod('new'));
    await pods.update({ ...changes, metadata: { ...changes.metadata, labels: { app: 'db' } } });
    await pods.delete('goes');
    api.compact();

    expect(await clock.runUntil(() => informer.relistCount() === 1 && informer.lister().get('default', 'new') !== undefined)).toBe(true);
    await informer.whenIdle();
    expect(informer.lister().list().map((p) => p.metadata?.name)).toEqual(['changes', 'new', 'stays']);
    expect(informer.lister().get('default', 'changes')?.metadata?.labels?.['app']).toBe('db');
    expect(seen).toContain('add new');
    expect(seen).toContain('update changes 3->6');
    expect(seen).toContain('delete goes (final state unknown)');
    // Upstream also re-delivers unchanged objects as updates after a relist.
    expect(seen).toContain('update stays 2->2');
    await informer.stop();
  });

  it('re-watches from the last seen version when a watch simply ends, without relisting', async () => {
    const { clock, api, client, informer } = await setup();
    informer.run();
    await informer.waitForSync();
    const seen: Seen = [];
    informer.addEventHandler(recorder(seen));
    await client.pods('default').create(pod('a'));
    await clock.flush();
    await clock.advance(60_000);
    api.closeWatches();
    await clock.flush();
    await client.pods('default').create(pod('b'));
    expect(await clock.runUntil(() => informer.lister().get('default', 'b') !== undefined)).toBe(true);
    expect(api.listCalls).toBe(1);
    expect(api.watchCalls).toBe(2);
    await informer.whenIdle();
    expect(seen).toEqual(['add a', 'add b']);
    await informer.stop();
  });

  it('waits a backoff on the clock before re-watching after a watch that ended at once', async () => {
    const { clock, api, informer } = await setup();
    informer.run();
    await informer.waitForSync();
    await clock.flush();
    api.closeWatches();
    await clock.flush();
    expect(api.watchCalls).toBe(1);
    await clock.advance(799);
    expect(api.watchCalls).toBe(1);
    await clock.advance(1);
    expect(api.watchCalls).toBe(2);
    await informer.stop();
  });

  it('relists after a watch ERROR other than 410', async () => {
    const { clock, api, client, informer, errors } = await setup();
    informer.run();
    await informer.waitForSync();
    await clock.flush();
    api.failWatchesWith = newInternalError('boom').status;
    api.closeWatches();
    await client.pods('default').create(pod('late'));
    expect(await clock.runUntil(() => informer.relistCount() >= 1 && informer.lister().get('default', 'late') !== undefined)).toBe(true);
    expect(errors.length).toBeGreaterThan(0);
    await informer.stop();
  });

  it('retries a failing initial list with exponential backoff (800 ms, then 1.6 s)', async () => {
    const { clock, api, informer } = await setup();
    api.failLists = 2;
    informer.run();
    await clock.flush();
    expect(informer.hasSynced()).toBe(false);
    await clock.advance(800);
    expect(informer.hasSynced()).toBe(false);
    await clock.advance(1600);
    expect(informer.hasSynced()).toBe(true);
    expect(api.listCalls).toBe(3);
    await informer.stop();
  });

  it('re-delivers every cached object as onUpdate(obj, obj) each resync period', async () => {
    const { clock, client, informer } = await setup({ resyncPeriodMs: 30_000 });
    await client.pods('default').create(pod('a'));
    await client.pods('default').create(pod('b'));
    const updates: Array<[corev1.Pod, corev1.Pod]> = [];
    informer.addEventHandler({ onUpdate: (o, n) => void updates.push([o, n]) });
    informer.run();
    await informer.waitForSync();
    await clock.advance(29_999);
    expect(updates).toHaveLength(0);
    await clock.advance(1);
    expect(updates.map(([, n]) => n.metadata?.name)).toEqual(['a', 'b']);
    expect(updates.every(([o, n]) => o === n)).toBe(true);
    await clock.advance(30_000);
    expect(updates).toHaveLength(4);
    await informer.stop();
  });

  it('runs handlers one at a time, in order, awaiting async handlers', async () => {
    const { clock, client, informer } = await setup();
    const log: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const slow = async (what: string) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      log.push(`start ${what}`);
      await clock.sleep(1000);
      log.push(`end ${what}`);
      inFlight--;
    };
    informer.addEventHandler({ onAdd: (p) => slow(`add ${p.metadata?.name}`) });
    informer.addEventHandler({ onAdd: (p) => slow(`second handler add ${p.metadata?.name}`) });
    informer.run();
    await informer.waitForSync();
    await client.pods('default').create(pod('a'));
    await client.pods('default').create(pod('b'));
    await clock.runUntil(() => log.length === 8);
    expect(maxInFlight).toBe(1);
    expect(log).toEqual([
      'start add a',
      'end add a',
      'start second handler add a',
      'end second handler add a',
      'start add b',
      'end add b',
      'start second handler add b',
      'end second handler add b',
    ]);
    await informer.stop();
  });

  it('keeps delivering after a handler throws, reporting the error', async () => {
    const { clock, client, informer, errors } = await setup();
    const seen: Seen = [];
    informer.addEventHandler({
      onAdd: () => {
        throw new Error('handler bug');
      },
    });
    informer.addEventHandler(recorder(seen));
    informer.run();
    await informer.waitForSync();
    await client.pods('default').create(pod('a'));
    await clock.flush();
    expect(seen).toEqual(['add a']);
    expect(String(errors[0])).toMatch(/handler bug/);
    await informer.stop();
  });

  it('stop() ends the watch and later changes no longer reach the cache', async () => {
    const { clock, api, client, informer } = await setup();
    informer.run();
    await informer.waitForSync();
    await clock.flush();
    expect(api.openWatches()).toBe(1);
    await informer.stop();
    expect(api.openWatches()).toBe(0);
    await client.pods('default').create(pod('after'));
    await clock.advance(10_000);
    expect(informer.lister().get('default', 'after')).toBeUndefined();
    expect(clock.pending()).toBe(0);
  });
});
