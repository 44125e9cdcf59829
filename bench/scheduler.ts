/**
 * Scheduler throughput on kube-scheduler's scheduler_perf shapes (KK test/integration/
 * scheduler_perf/config/performance-config.yaml), through the real API on the in-memory store:
 *
 *   SchedulingBasic   5,000 nodes, 10,000 plain pods                     upstream CI ≥ 680 pods/s
 *   NodeAffinity      5,000 nodes (zone label), 10,000 pods with required node affinity  ≥ 220
 *   PodAntiAffinity   5,000 nodes, 2,000 pods with required hostname anti-affinity        ≥ 60
 *
 * pods/s is measured from the first pod create to the last bind, with the apiserver, store,
 * informers and event writes in the same thread; "algorithm only" runs the scheduling cycle
 * against the cache without the API, to show the scheduler's own cost. The full sizes take a while;
 * the default is a tenth of each (printed). TINYKUBE_BENCH_FULL=1 runs the full sizes.
 * Prints only; never asserts.
 */
import type { corev1 } from '../engine/api/types.ts';
import { createCluster } from '../engine/cluster/index.ts';
import { createScheduler, Framework, inTreeRegistry, defaultProfile, NodeRoundRobin, SchedulerCache, schedulePod, type ExplainMode, type Handle } from '../engine/scheduler/index.ts';
import { Random } from '../engine/util/random.ts';
import { makeNode } from '../engine/scheduler/testing.ts';
import { schedulerParts } from '../solutions/scheduler/index.ts';

interface Shape {
  name: string;
  nodes: number;
  pods: number;
  threshold: number;
  node: (i: number) => corev1.Node;
  pod: (i: number) => corev1.Pod;
}

const basePod = (name: string): corev1.Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { app: 'bench' } },
  spec: { containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '100m', memory: '500Mi' } } }] },
});

function shapes(scale: number): Shape[] {
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  return [
    {
      name: 'SchedulingBasic',
      nodes: n(5000),
      pods: n(10_000),
      threshold: 680,
      node: (i) => makeNode(`node-${i}`, { cpu: '4', memory: '32Gi', pods: '110' }),
      pod: (i) => basePod(`pod-${i}`),
    },
    {
      name: 'NodeAffinity',
      nodes: n(5000),
      pods: n(10_000),
      threshold: 220,
      node: (i) => makeNode(`node-${i}`, { cpu: '4', memory: '32Gi', pods: '110', labels: { 'topology.kubernetes.io/zone': `zone${i % 2}` } }),
      pod: (i) => {
        const p = basePod(`pod-${i}`);
        return {
          ...p,
          spec: {
            ...p.spec!,
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone1'] }] }],
                },
              },
            },
          },
        };
      },
    },
    {
      name: 'PodAntiAffinity',
      nodes: n(5000),
      pods: n(2000),
      threshold: 60,
      node: (i) => makeNode(`node-${i}`, { cpu: '4', memory: '32Gi', pods: '110' }),
      pod: (i) => {
        const p = basePod(`pod-${i}`);
        return {
          ...p,
          metadata: { ...p.metadata, labels: { color: 'green' } },
          spec: {
            ...p.spec!,
            affinity: {
              podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [
                  { labelSelector: { matchLabels: { color: 'green' } }, topologyKey: 'kubernetes.io/hostname' },
                ],
              },
            },
          },
        };
      },
    },
  ];
}

async function runShape(shape: Shape, explain: ExplainMode): Promise<void> {
  const cluster = await createCluster({ seed: 'bench' });
  const admin = cluster.client('bench');
  for (let i = 0; i < shape.nodes; i += 500) {
    await Promise.all(Array.from({ length: Math.min(500, shape.nodes - i) }, (_, j) => admin.nodes().create(shape.node(i + j))));
  }
  const scheduler = createScheduler({ client: cluster.client('kube-scheduler'), clock: cluster.clock, random: cluster.random.fork('s'), parts: schedulerParts, explain });
  await scheduler.start();
  const t0 = performance.now();
  for (let i = 0; i < shape.pods; i += 200) {
    await Promise.all(Array.from({ length: Math.min(200, shape.pods - i) }, (_, j) => admin.pods('default').create(shape.pod(i + j))));
  }
  const tCreated = performance.now();
  while (scheduler.stats.scheduled < shape.pods) {
    await new Promise((r) => setImmediate(r));
    if (performance.now() - t0 > 600_000) break;
  }
  const s = (performance.now() - t0) / 1000;
  const rate = scheduler.stats.scheduled / s;
  const heap = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
  console.log(
    `   ${shape.name.padEnd(16)} ${String(shape.nodes).padStart(5)} nodes ${String(shape.pods).padStart(6)} pods  explain=${explain.padEnd(6)} ` +
      `${rate.toFixed(0).padStart(6)} pods/s  (bound ${scheduler.stats.scheduled} in ${s.toFixed(1)} s; creates done at ${((tCreated - t0) / 1000).toFixed(1)} s; ` +
      `attempts ${scheduler.stats.attempts}; upstream CI threshold ${shape.threshold}; heap ${heap} MiB)`,
  );
  await scheduler.stop();
  await cluster.close();
}

/**
 * The scheduling algorithm alone (no API): the synchronous cycle + assume for each pod against
 * the cache, i.e. what the scheduler costs per pod once the apiserver is out of the picture.
 */
function runAlgorithmOnly(shape: Shape): void {
  const cache = new SchedulerCache(schedulerParts.fit.podRequests);
  for (let i = 0; i < shape.nodes; i++) cache.addNode(shape.node(i));
  const handle: Handle = {
    client: undefined as never,
    parts: schedulerParts,
    allNodes: () => cache.list(),
    nodesWithPodAffinity: () => cache.listWithPodAffinity(),
    nodesWithRequiredAntiAffinity: () => cache.listWithRequiredAntiAffinity(),
    imageStates: () => cache.imageStates(),
  };
  const fwk = new Framework(defaultProfile(), inTreeRegistry(), handle);
  const rr = new NodeRoundRobin();
  const random = new Random('algo');
  const t0 = performance.now();
  let bound = 0;
  for (let i = 0; i < shape.pods; i++) {
    const pod = shape.pod(i);
    const out = schedulePod({ fwk, score: schedulerParts.score, random }, rr, pod, cache.list());
    if (!out.ok) continue;
    cache.assumePod({ ...pod, spec: { ...pod.spec!, nodeName: out.node } });
    bound++;
  }
  const s = (performance.now() - t0) / 1000;
  console.log(`   ${shape.name.padEnd(16)} ${String(shape.nodes).padStart(5)} nodes ${String(shape.pods).padStart(6)} pods  algorithm only  ${(bound / s).toFixed(0).padStart(6)} pods/s  (${bound} placed in ${s.toFixed(2)} s)`);
}

export async function run(): Promise<void> {
  const full = process.env['TINYKUBE_BENCH_FULL'] === '1';
  const scale = full ? 1 : 0.1;
  console.log(`   size: ${full ? 'full (scheduler_perf)' : '1/10 of scheduler_perf (TINYKUBE_BENCH_FULL=1 for full)'}`);
  for (const shape of shapes(scale)) runAlgorithmOnly(shape);
  for (const shape of shapes(scale)) await runShape(shape, 'off');
  const [basic] = shapes(scale);
  await runShape(basic!, 'memory');
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
