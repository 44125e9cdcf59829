/**
 * Whole-cluster run: N nodes with kubelets and runtimes, Deployments of nginx totalling P pods,
 * from the first create to every pod Running and Ready — wall time, cluster time, store writes
 * and peak memory. Default 100 nodes / 3,000 pods; TINYKUBE_BENCH_FULL=1 runs the issue's
 * 1,000 nodes / 30,000 pods.
 */
import type { corev1 } from '../engine/api/types.ts';
import { createCluster } from '../engine/cluster/index.ts';

export async function run(): Promise<void> {
  const full = process.env.TINYKUBE_BENCH_FULL === '1';
  const nodes = Number(process.env.TINYKUBE_BENCH_NODES) || (full ? 1_000 : 100);
  const deployments = Number(process.env.TINYKUBE_BENCH_DEPLOYMENTS) || (full ? 300 : 30);
  const replicas = 100;
  const pods = deployments * replicas;
  console.log(`   size: ${nodes} nodes, ${deployments} Deployments x ${replicas} = ${pods} pods${full ? '' : ' (TINYKUBE_BENCH_FULL=1 for 1,000 / 30,000)'}`);

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  const t0 = performance.now();
  const cluster = await createCluster({ nodes, seed: 'bench' });
  const tNodes = performance.now();
  const kubectl = cluster.client('kubectl');

  // Count Running+Ready pods from one watch instead of listing 30,000 pods over and over.
  const ready = new Set<string>();
  const watch = kubectl.pods('default').watch({}, (e) => {
    const p = e.object as corev1.Pod;
    const key = p.metadata?.name ?? '';
    const isReady = p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    if (e.type !== 'DELETED' && isReady && !p.metadata?.deletionTimestamp) ready.add(key);
    else ready.delete(key);
  });

  const startVirtual = cluster.clock.now();
  const tCreate = performance.now();
  for (let i = 0; i < deployments; i++) {
    const name = `web-${i}`;
    await kubectl.deployments('default').create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } },
      },
    });
  }
  // Progress every 30 s of wall time, so a long run shows how far it got.
  const progress = setInterval(() => console.log(`   ... ${ready.size}/${pods} ready after ${((performance.now() - tCreate) / 1000).toFixed(0)} s wall, ${((cluster.clock.now() - startVirtual) / 1000).toFixed(0)} s cluster time, revision ${cluster.kv.currentRevision()}`), 30_000);
  const ok = await cluster.clock.runUntil(() => ready.size >= pods, { timeoutMs: 60 * 60_000 });
  clearInterval(progress);
  const tDone = performance.now();
  watch.stop();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`   nodes registered                      ${fmt(tNodes - t0)}`);
  console.log(`   ${ok ? 'all' : 'NOT all'} ${pods} pods Running and Ready    ${fmt(tDone - tCreate)} wall, ${((cluster.clock.now() - startVirtual) / 1000).toFixed(0)} s cluster time (${ready.size} ready)`);
  console.log(`   pods/s (wall)                         ${Math.round(ready.size / ((tDone - tCreate) / 1000))}`);
  console.log(`   store revision                        ${cluster.kv.currentRevision()}`);
  console.log(`   peak RSS                              ${Math.round(peakRss / 2 ** 20)} MiB`);
  await cluster.close();
}
