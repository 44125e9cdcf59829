/**
 * Informers against the real apiserver (engine/cluster): list+watch fills the cache, handlers see
 * adds/updates/deletes, a 410 after compaction causes a relist that repairs the cache, resync.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster/index.ts';
import { RESOURCES } from '../api/resources.ts';
import type { corev1 } from '../api/types.ts';
import { createClient } from './client.ts';
import { createSharedInformerFactory } from './informer-factory.ts';
import { BY_NODE_INDEX } from './cache/index-funcs.ts';
import { interruptible } from './testing/interruptible-apiserver.ts';
import { typedName } from './typed-resources.ts';

const pod = (name: string, namespace = 'default', nodeName?: string): corev1.Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...(nodeName ? { nodeName } : {}) },
});

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

async function start() {
  cluster = await createCluster({ seed: 'informers' });
  return cluster;
}

describe('SharedInformerFactory on a real cluster', () => {
  it('hands out one shared informer per resource, typed for every kind', async () => {
    const c = await start();
    const factory = createSharedInformerFactory(c.client(), { clock: c.clock });
    expect(factory.pods()).toBe(factory.pods());
    const f = factory as unknown as Record<string, () => unknown>;
    expect(RESOURCES.filter((r) => typeof f[typedName(r)] !== 'function')).toEqual([]);
    await factory.stop();
  });

  it('fills the cache by list+watch and tells handlers about adds, updates and deletes', async () => {
    const c = await start();
    const client = c.client();
    await client.pods('default').create(pod('before'));
    const factory = createSharedInformerFactory(client, { clock: c.clock });
    const informer = factory.pods();
    const seen: string[] = [];
    informer.addEventHandler({
      onAdd: (p, initial) => void seen.push(`add ${p.metadata?.name}${initial ? ' (initial)' : ''}`),
      onUpdate: (o, n) => void seen.push(`update ${n.metadata?.name} ${o.spec?.nodeName ?? '-'}->${n.spec?.nodeName ?? '-'}`),
      onDelete: (p) => void seen.push(`delete ${p.metadata?.name}`),
    });
    factory.start();
    expect(await factory.waitForCacheSync()).toEqual({ pods: true });
    expect(informer.lister().get('default', 'before')?.metadata?.name).toBe('before');

    await client.pods('default').create(pod('web'));
    await client.pods('default').bind('web', { target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } });
    await client.pods('default').delete('before', { gracePeriodSeconds: 0 });
    expect(await c.clock.runUntil(() => informer.lister().get('default', 'before') === undefined)).toBe(true);
    await informer.whenIdle();

    expect(seen).toEqual(['add before (initial)', 'add web', 'update web -->node-1', 'delete before']);
    expect(informer.lister().byIndex(BY_NODE_INDEX, 'node-1').map((p) => p.metadata?.name)).toEqual(['web']);
    // The last version seen is the delete's: the newest write of the store.
    expect(informer.lastSyncResourceVersion()).toBe((await client.pods().list()).metadata.resourceVersion);
    await factory.stop();
  });

  it('relists after the store was compacted past the version it watched from, and repairs the cache', async () => {
    const c = await start();
    const net = interruptible(c.apiserver);
    const client = createClient(net.api, { user: 'informer-test' });
    const admin = c.client();
    await admin.pods('default').create(pod('stays'));
    await admin.pods('default').create(pod('goes'));
    const factory = createSharedInformerFactory(client, { clock: c.clock });
    const informer = factory.pods();
    const seen: string[] = [];
    informer.addEventHandler({
      onAdd: (p) => void seen.push(`add ${p.metadata?.name}`),
      onDelete: (p, info) => void seen.push(`delete ${p.metadata?.name}${info.finalStateUnknown ? ' (final state unknown)' : ''}`),
    });
    factory.start();
    await factory.waitForCacheSync();
    await c.clock.flush();
    seen.length = 0;

    // The connection drops; while the reflector backs off, pods change and history is compacted.
    net.cutWatches();
    await c.clock.flush();
    await admin.pods('default').create(pod('new'));
    await admin.pods('default').delete('goes', { gracePeriodSeconds: 0 });
    const rv = Number((await admin.pods().list()).metadata.resourceVersion);
    await c.kv.compact(rv);

    expect(await c.clock.runUntil(() => informer.relistCount() >= 1 && informer.lister().get('default', 'new') !== undefined)).toBe(true);
    await informer.whenIdle();
    expect(informer.lister().list().map((p) => p.metadata?.name)).toEqual(['new', 'stays']);
    expect(seen).toEqual(['add new', 'delete goes (final state unknown)']);

    // And it keeps watching afterwards.
    await admin.pods('default').create(pod('after'));
    expect(await c.clock.runUntil(() => informer.lister().get('default', 'after') !== undefined)).toBe(true);
    await factory.stop();
  });

  it('resyncs: every cached object comes back as onUpdate(obj, obj) each period', async () => {
    const c = await start();
    const client = c.client();
    await client.configmaps('default').create({ metadata: { name: 'cfg' }, data: { a: '1' } });
    const factory = createSharedInformerFactory(client, { clock: c.clock, resyncPeriodMs: 60_000 });
    const informer = factory.configmaps();
    const resyncs: string[] = [];
    informer.addEventHandler({ onUpdate: (o, n) => void (o === n && resyncs.push(n.metadata?.name ?? '')) });
    factory.start();
    await factory.waitForCacheSync();
    await c.clock.advance(60_000);
    await c.clock.advance(60_000);
    expect(resyncs).toEqual(['cfg', 'cfg']);
    await factory.stop();
  });

  it('a namespaced factory only caches its namespace', async () => {
    const c = await start();
    const client = c.client();
    await client.namespaces().create({ metadata: { name: 'team-a' } });
    await client.pods('team-a').create(pod('a', 'team-a'));
    await client.pods('default').create(pod('d'));
    const factory = createSharedInformerFactory(client, { clock: c.clock, namespace: 'team-a' });
    factory.pods();
    factory.start();
    await factory.waitForCacheSync();
    expect(factory.pods().lister().list().map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`)).toEqual(['team-a/a']);
    await factory.stop();
  });

  it('objects in the cache are frozen: a controller mutating one gets a TypeError', async () => {
    const c = await start();
    const client = c.client();
    await client.pods('default').create(pod('web'));
    const factory = createSharedInformerFactory(client, { clock: c.clock });
    const informer = factory.pods();
    factory.start();
    await factory.waitForCacheSync();
    const cached = informer.lister().get('default', 'web')!;
    expect(() => {
      cached.metadata!.labels!['app'] = 'x';
    }).toThrow(TypeError);
    await factory.stop();
  });

  it('stop() ends the watches, so a stopped factory leaves no timers running', async () => {
    const c = await start();
    const net = interruptible(c.apiserver);
    const factory = createSharedInformerFactory(createClient(net.api), { clock: c.clock, resyncPeriodMs: 1000 });
    factory.pods();
    factory.nodes();
    factory.start();
    await factory.waitForCacheSync();
    await c.clock.flush();
    expect(net.openWatches()).toBe(2);
    await factory.stop();
    expect(net.openWatches()).toBe(0);
  });
});
