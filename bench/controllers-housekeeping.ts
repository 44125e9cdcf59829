/**
 * Housekeeping controllers at scale (virtual clock, so the figures are pure CPU): the garbage
 * collector cascading owner deletions, and the node lifecycle controller's monitor pass over many
 * nodes. Prints figures; asserts nothing.
 */
import { createCluster } from '../engine/cluster/index.ts';
import { createControllerManager } from '../engine/controllers/controller-manager.ts';
import { GARBAGE_COLLECTOR_CONTROLLER, garbageCollectorController } from '../engine/controllers/garbagecollector/index.ts';
import { NODE_LIFECYCLE_CONTROLLER, nodeLifecycleController } from '../engine/controllers/nodelifecycle/index.ts';
import { attemptToDeleteItem } from '../solutions/controllers/gc/attempt-to-delete.ts';

async function gcCascade(owners: number, perOwner: number): Promise<void> {
  const cluster = await createCluster({ seed: 'bench-gc' });
  const kubectl = cluster.client('kubectl');
  const manager = createControllerManager({
    client: cluster.client('kube-controller-manager'),
    clock: cluster.clock,
    random: cluster.random.fork('kcm'),
    controllers: { [GARBAGE_COLLECTOR_CONTROLLER]: garbageCollectorController({ attemptToDeleteItem, workers: 20 }) },
  });
  await manager.start();
  for (let i = 0; i < owners; i++) {
    const owner = await kubectl.configmaps('default').create({ metadata: { name: `owner-${i}` }, data: {} });
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: owner.metadata!.name!, uid: owner.metadata!.uid!, blockOwnerDeletion: true };
    for (let j = 0; j < perOwner; j++) {
      await kubectl.configmaps('default').create({ metadata: { name: `dep-${i}-${j}`, ownerReferences: [ref] }, data: {} });
    }
  }
  await cluster.clock.runUntil(async () => true);
  const t0 = performance.now();
  for (let i = 0; i < owners; i++) await kubectl.configmaps('default').delete(`owner-${i}`);
  await cluster.clock.runUntil(async () => (await kubectl.configmaps('default').list({ limit: 1 })).items.length === 0, { timeoutMs: 60 * 60_000 });
  const s = (performance.now() - t0) / 1000;
  const n = owners * perOwner;
  console.log(`   GC background cascade: ${owners} owners x ${perOwner} dependents`.padEnd(60) + `${Math.round(n / s).toLocaleString('en-US').padStart(8)} dependents/s (${s.toFixed(2)} s)`);
  await manager.stop();
  await cluster.close();
}

async function nodeMonitor(nodes: number, passes: number): Promise<void> {
  const cluster = await createCluster({ seed: 'bench-nlc' });
  const kubectl = cluster.client('kubectl');
  const now = new Date(cluster.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (let i = 0; i < nodes; i++) {
    const node = await kubectl.nodes().create({ metadata: { name: `node-${i}` } });
    await kubectl.nodes().updateStatus({
      ...node,
      status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }] },
    });
  }
  const manager = createControllerManager({
    client: cluster.client('kube-controller-manager'),
    clock: cluster.clock,
    random: cluster.random.fork('kcm'),
    controllers: { [NODE_LIFECYCLE_CONTROLLER]: nodeLifecycleController() },
  });
  await manager.start();
  const t0 = performance.now();
  // Within the grace period: every pass checks every node and writes nothing.
  await cluster.clock.advance(passes * 5_000);
  const s = (performance.now() - t0) / 1000;
  console.log(`   node lifecycle monitor: ${nodes} healthy nodes x ${passes} passes`.padEnd(60) + `${Math.round((nodes * passes) / s).toLocaleString('en-US').padStart(8)} node checks/s`);
  await manager.stop();
  await cluster.close();
}

export async function run(): Promise<void> {
  console.log('controllers (housekeeping)');
  await gcCascade(200, 10);
  await nodeMonitor(1000, 8);
}
