/**
 * Kubelet throughput: one node (kubelet + simulated runtime, virtual clock) taking 110 nginx pods
 * (the default --max-pods) from bound to Running and Ready. Prints wall time, pods/s and API
 * writes per pod; asserts nothing.
 */
import { createCluster } from '../engine/cluster/index.ts';
import { createKubelet } from '../engine/kubelet/index.ts';
import { createSimulatedNetwork, createSimulatedRuntime } from '../engine/runtime/index.ts';
import { kubeletParts } from '../solutions/kubelet/index.ts';
import { containerLifecycle } from '../solutions/runtime/container-lifecycle.ts';
import { parseImageReference } from '../solutions/runtime/image-reference.ts';
import { resolveMount } from '../solutions/volume/mounts.ts';

export async function run(): Promise<void> {
  const cluster = await createCluster({ seed: 'bench-kubelet' });
  const network = createSimulatedNetwork({ clock: cluster.clock });
  const runtime = createSimulatedRuntime({ clock: cluster.clock, random: cluster.random.fork('rt'), nodeName: 'node-1', podCIDR: '10.244.1.0/24', nodeIP: '172.18.0.2', network, containerLifecycle, parseImageReference, resolveMount, memoryBytes: 64 * 1024 ** 3 });
  const kubelet = createKubelet({
    nodeName: 'node-1',
    client: cluster.client('system:node:node-1'),
    clock: cluster.clock,
    random: cluster.random.fork('kubelet'),
    runtime,
    network,
    node: { cpu: '64', memory: '64Gi', pods: 110, podCIDR: '10.244.1.0/24', nodeIP: '172.18.0.2' },
    parts: kubeletParts,
  });
  await kubelet.start();
  const admin = cluster.client();
  const n = 110;
  const t0 = performance.now();
  const rv0 = Number((await admin.pods('default').list()).metadata?.resourceVersion ?? 0);
  for (let i = 0; i < n; i++) {
    await admin.pods('default').create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `web-${i}`, namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 } } }] } });
  }
  const allReady = async () => (await admin.pods('default').list()).items.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length === n;
  const ok = await cluster.clock.runUntil(allReady, { timeoutMs: 10 * 60_000 });
  const s = (performance.now() - t0) / 1000;
  const rv1 = Number((await admin.pods('default').list()).metadata?.resourceVersion ?? 0);
  console.log(`   kubelet: ${n} nginx pods bound → Ready${ok ? '' : ' (TIMED OUT)'}: ${s.toFixed(2)} s wall, ${Math.round(n / s)} pods/s, ${((rv1 - rv0) / n).toFixed(1)} store writes/pod (incl. events)`);
  await kubelet.stop();
  await cluster.close();
}
