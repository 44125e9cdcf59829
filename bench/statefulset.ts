/**
 * StatefulSet controller figures: the part's decision rate on a large set, and how long (cluster
 * time and wall time) the docs' `web` example takes to come up — OrderedReady vs Parallel — on a
 * 2-node virtual-clock cluster. Prints figures; asserts nothing.
 */
import { createCluster } from '../engine/cluster/index.ts';
import { isRunningAndReady, NS, nginxService, webPods, webStatefulSet } from '../engine/controllers/statefulset/testing.ts';
import type { StatefulPodState } from '../engine/controllers/statefulset/ordering.ts';
import { decideStatefulSetActions } from '../solutions/statefulset/ordering.ts';

async function bringUp(replicas: number, policy: 'OrderedReady' | 'Parallel', claims: boolean): Promise<void> {
  const c = await createCluster({ nodes: 2, seed: `bench-sts-${policy}-${replicas}` });
  try {
    const t0 = performance.now();
    const c0 = c.clock.now();
    await c.client('kubectl').services(NS).create(nginxService());
    await c.client('kubectl').statefulsets(NS).create(webStatefulSet({ replicas, claims, spec: { podManagementPolicy: policy } }));
    const ok = await c.clock.runUntil(async () => {
      const pods = await webPods(c.client(), true);
      return pods.length === replicas && pods.every(isRunningAndReady);
    }, { timeoutMs: 30 * 60_000 });
    const wall = performance.now() - t0;
    const label = `web, ${replicas} replicas, ${policy}${claims ? ', claims www' : ''}`;
    console.log(`   ${label.padEnd(44)} ${ok ? `ready after ${((c.clock.now() - c0) / 1000).toFixed(1).padStart(6)} s cluster time, ${wall.toFixed(0).padStart(6)} ms wall` : 'did not become ready'}`);
  } finally {
    await c.close();
  }
}

export async function run(): Promise<void> {
  const pods: StatefulPodState[] = Array.from({ length: 1000 }, (_, i) => ({ name: `web-${i}`, ordinal: i, revision: 'r1', phase: 'Running', healthy: true, terminating: false }));
  const input = { replicas: 1000, startOrdinal: 0, podManagementPolicy: 'OrderedReady' as const, updateStrategy: 'RollingUpdate' as const, partition: 0, currentRevision: 'r1', updateRevision: 'r2', pods };
  const n = 2000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) decideStatefulSetActions(input);
  console.log(`   ${'controllers.statefulset decision, 1000 pods'.padEnd(44)} ${Math.round(n / ((performance.now() - t0) / 1000)).toLocaleString('en-US').padStart(10)} decisions/s`);
  await bringUp(3, 'OrderedReady', true);
  await bringUp(3, 'Parallel', true);
  await bringUp(20, 'OrderedReady', false);
  await bringUp(20, 'Parallel', false);
}
