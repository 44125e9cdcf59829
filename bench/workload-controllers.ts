/**
 * ReplicaSet + Deployment controllers end to end on the virtual clock, with fake node agents
 * (binder + kubelet stand-ins) making pods Running/Ready: a Deployment of N replicas from nothing to
 * all available, then a full RollingUpdate (25%/25%). Prints wall time, pods/s and the number of
 * API writes; asserts nothing. Also times the `controllers.replicaset` part's scale-down ranking.
 */
import { createCluster } from '../engine/cluster/index.ts';
import type { appsv1, corev1 } from '../engine/api/types.ts';
import { replicaSetController } from '../engine/controllers/replicaset/index.ts';
import { deploymentController } from '../engine/controllers/deployment/index.ts';
import { FakeNodeAgents, runController } from '../engine/controllers/replicaset/testing/index.ts';
import { manageReplicas } from '../solutions/controllers/replicaset/manage-replicas.ts';
import { rollingUpdate } from '../solutions/controllers/deployment/rolling-update.ts';

async function rollout(replicas: number): Promise<void> {
  const cluster = await createCluster({ seed: `bench-${replicas}` });
  const nodes = Array.from({ length: 50 }, (_, i) => `node-${i}`);
  const agents = new FakeNodeAgents(cluster, { nodes });
  await agents.start();
  const rsc = await runController(cluster, 'replicaset-controller', replicaSetController({ manageReplicas, workers: 5 }));
  const dc = await runController(cluster, 'deployment-controller', deploymentController({ rollingUpdate, workers: 5 }));
  const deployments = cluster.client('kubectl').deployments('default');
  const d: appsv1.Deployment = {
    metadata: { name: 'web' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
    },
  };
  const done = async () => {
    const s = (await deployments.get('web')).status;
    return s?.updatedReplicas === replicas && s?.availableReplicas === replicas && s?.replicas === replicas;
  };
  let t0 = performance.now();
  let w0 = cluster.trace.entries().length;
  await deployments.create(d);
  await cluster.clock.runUntil(done, { timeoutMs: 3_600_000 });
  let s = (performance.now() - t0) / 1000;
  console.log(`   Deployment ${String(replicas).padStart(5)} replicas to available   ${s.toFixed(2).padStart(7)} s  ${Math.round(replicas / s).toLocaleString('en-US').padStart(7)} pods/s  ${cluster.trace.entries().length - w0} writes`);

  t0 = performance.now();
  w0 = cluster.trace.entries().length;
  await deployments.patch('web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } });
  await cluster.clock.runUntil(async () => (await deployments.get('web')).status?.observedGeneration === 2 && (await done()), { timeoutMs: 3_600_000 });
  s = (performance.now() - t0) / 1000;
  console.log(`   RollingUpdate ${String(replicas).padStart(5)} replicas (25%/25%)      ${s.toFixed(2).padStart(7)} s  ${Math.round(replicas / s).toLocaleString('en-US').padStart(7)} pods/s  ${cluster.trace.entries().length - w0} writes`);
  await dc.stop();
  await rsc.stop();
  await agents.stop();
  await cluster.close();
}

function rankingRate(): void {
  const pods: corev1.Pod[] = Array.from({ length: 1000 }, (_, i) => ({
    metadata: { name: `p${i}`, uid: `u${i}`, creationTimestamp: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString() },
    spec: { containers: [], nodeName: `node-${i % 37}` },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: i % 5 ? 'True' : 'False', lastTransitionTime: new Date(Date.UTC(2025, 0, 1) + i * 7000).toISOString() }] },
  }));
  const n = 200;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) manageReplicas({ replicas: 500, pods, relatedPods: pods, now: Date.UTC(2025, 0, 2) });
  const s = (performance.now() - t0) / 1000;
  console.log(`   manageReplicas: rank 1,000 pods, choose 500          ${Math.round(n / s).toLocaleString('en-US').padStart(7)} decisions/s`);
}

export async function run(): Promise<void> {
  rankingRate();
  for (const replicas of [100, 1000]) await rollout(replicas);
}
