/**
 * Client-side figures: work queue throughput, indexer lookups, informer event delivery.
 * Prints only; never asserts.
 */
import { VirtualClock } from '../engine/util/clock.ts';
import { findResource } from '../engine/api/resources.ts';
import type { corev1 } from '../engine/api/types.ts';
import { WorkQueue } from '../engine/client/workqueue.ts';
import { RateLimitingQueue } from '../engine/client/rate-limiting-queue.ts';
import { Indexer } from '../engine/client/cache/indexer.ts';
import { defaultIndexersFor, BY_NODE_INDEX } from '../engine/client/cache/index-funcs.ts';
import { newLister } from '../engine/client/cache/lister.ts';
import { SharedIndexInformer } from '../engine/client/cache/shared-informer.ts';
import { createClient } from '../engine/client/client.ts';
import { FakeApiServer } from '../engine/client/testing/fake-apiserver.ts';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function time(label: string, ops: number, fn: () => Promise<void> | void): Promise<void> {
  const t0 = performance.now();
  await fn();
  const s = (performance.now() - t0) / 1000;
  console.log(`   ${label.padEnd(58)} ${fmt(ops / s).padStart(12)} ops/s  (${ops} in ${(s * 1000).toFixed(0)} ms)`);
}

const pod = (i: number): corev1.Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `pod-${i}`, namespace: `ns-${i % 10}`, labels: { app: `app-${i % 100}` }, resourceVersion: String(i + 1) },
  spec: { nodeName: `node-${i % 500}`, containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '100m' } } }] },
});

export async function run(): Promise<void> {
  const N = 100_000;
  await time('workqueue add+get+done, distinct keys', N, async () => {
    const q = new WorkQueue();
    for (let i = 0; i < N; i++) q.add(`ns/k${i}`);
    for (let i = 0; i < N; i++) {
      const r = await q.get();
      if (!r.shutdown) q.done(r.key);
    }
  });
  await time('workqueue add x3 (deduplicated) + get + done', N, async () => {
    const q = new WorkQueue();
    for (let r = 0; r < 3; r++) for (let i = 0; i < N; i++) q.add(`ns/k${i}`);
    for (let i = 0; i < N; i++) {
      const r = await q.get();
      if (!r.shutdown) q.done(r.key);
    }
  });
  for (const M of [1_000, 5_000]) {
    await time(`rate-limited requeue of ${M} keys on a VirtualClock`, M, async () => {
      const clock = new VirtualClock();
      const q = new RateLimitingQueue(clock);
      for (let i = 0; i < M; i++) q.addRateLimited(`k${i}`);
      await clock.runUntilIdle();
    });
  }

  const pods = Array.from({ length: 10_000 }, (_, i) => pod(i));
  const idx = new Indexer<corev1.Pod>(defaultIndexersFor('Pod'));
  await time('indexer add (deep-frozen copy, 2 indices), 10k pods', pods.length, () => {
    for (const p of pods) idx.add(p);
  });
  const lister = newLister(idx);
  await time('lister byIndex(byNode) over 10k pods', 10_000, () => {
    for (let i = 0; i < 10_000; i++) lister.byIndex(BY_NODE_INDEX, `node-${i % 500}`);
  });
  await time('lister namespace(ns).list(selector) over 10k pods', 1_000, () => {
    for (let i = 0; i < 1_000; i++) lister.namespace(`ns-${i % 10}`).list({ app: `app-${i % 100}` });
  });

  const E = 10_000;
  await time(`informer delivery (fake apiserver), ${E} creates → handler`, E, async () => {
    const api = new FakeApiServer();
    const clock = new VirtualClock();
    const client = createClient(api);
    const informer = new SharedIndexInformer<corev1.ConfigMap>(client.configmaps(), findResource('', 'v1', 'configmaps')!, { clock });
    let seen = 0;
    informer.addEventHandler({ onAdd: () => void seen++ });
    informer.run();
    await informer.waitForSync();
    for (let i = 0; i < E; i++) await client.configmaps('default').create({ metadata: { name: `cm-${i}` }, data: { i: String(i) } });
    while (seen < E) await clock.flush();
    await informer.stop();
  });

  try {
    const { createCluster } = await import('../engine/cluster/index.ts');
    const { createSharedInformerFactory } = await import('../engine/client/informer-factory.ts');
    const C = 2_000;
    await time(`informer delivery (real cluster), ${C} creates → handler`, C, async () => {
      const cluster = await createCluster({ seed: 'bench' });
      const factory = createSharedInformerFactory(cluster.client(), { clock: cluster.clock });
      let seen = 0;
      factory.configmaps().addEventHandler({ onAdd: () => void seen++ });
      factory.start();
      await factory.waitForCacheSync();
      const client = cluster.client();
      for (let i = 0; i < C; i++) await client.configmaps('default').create({ metadata: { name: `cm-${i}` }, data: { i: String(i) } });
      while (seen < C) await cluster.clock.flush();
      await factory.stop();
      await cluster.close();
    });
  } catch (err) {
    console.log(`   informer on a real cluster: skipped (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
}
