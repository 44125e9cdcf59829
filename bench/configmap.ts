/**
 * ConfigMap consumption: the `configmap.env` and `configmap.projection` reference parts on a
 * typical container (envFrom of a 50-key ConfigMap with a prefix, 20 env entries with `$(VAR)`)
 * and volume (a 50-key ConfigMap, a projected volume of 4 sources); then one node starting 50
 * busybox pods that each consume a ConfigMap as env and as a volume. Prints ops/s and wall time;
 * asserts nothing.
 */
import type { corev1 } from '../engine/api/types.ts';
import { createCluster } from '../engine/cluster/index.ts';
import type { ConfigSources } from '../engine/kubelet/environment.ts';
import { makeEnvironmentVariables } from '../solutions/configmap/environment.ts';
import { projectVolume } from '../solutions/configmap/projection.ts';

function opsPerSecond(label: string, n: number, fn: () => void): void {
  const start = performance.now();
  for (let i = 0; i < n; i++) fn();
  const ms = performance.now() - start;
  console.log(`  ${label}: ${Math.round((n / ms) * 1000).toLocaleString('en')} ops/s`);
}

export async function run(): Promise<void> {
  const data: Record<string, string> = {};
  for (let i = 0; i < 50; i++) data[`KEY_${i}`] = `value-${i}`;
  const sources: ConfigSources = { configMap: () => ({ data }), secret: () => ({ data: { password: 'x' } }) };
  const env: corev1.EnvVar[] = Array.from({ length: 20 }, (_, i) => ({ name: `V${i}`, value: `$(APP_KEY_${i}):$(V${Math.max(0, i - 1)})` }));
  const container: corev1.Container = { name: 'app', envFrom: [{ prefix: 'APP_', configMapRef: { name: 'cfg' } }], env };
  const pod: corev1.Pod = { metadata: { name: 'p', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [container] } };
  console.log('configmap parts (reference):');
  opsPerSecond('makeEnvironmentVariables (50 envFrom keys + 20 env)', 20_000, () => makeEnvironmentVariables({ pod, container, sources, hostIP: '10.0.0.1', podIP: '10.244.0.5' }));
  const input = { pod, sources, hostIP: '10.0.0.1', podIP: '10.244.0.5', serviceAccountToken: () => 'token' };
  opsPerSecond('projectVolume configMap (50 keys)', 20_000, () => projectVolume({ ...input, volume: { name: 'v', configMap: { name: 'cfg' } } }));
  const projected: corev1.Volume = {
    name: 'v',
    projected: { sources: [{ configMap: { name: 'cfg' } }, { secret: { name: 's' } }, { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }, { serviceAccountToken: { path: 'token' } }] },
  };
  opsPerSecond('projectVolume projected (4 sources)', 20_000, () => projectVolume({ ...input, volume: projected }));

  const cluster = await createCluster({ nodes: 1, seed: 'bench-configmap' });
  try {
    const api = cluster.client('bench');
    await api.configmaps('default').create({ metadata: { name: 'cfg' }, data });
    const start = performance.now();
    for (let i = 0; i < 50; i++) {
      await api.pods('default').create({
        metadata: { name: `c-${i}` },
        spec: {
          restartPolicy: 'Never',
          volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }],
          containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'cat /etc/cfg/KEY_1'], envFrom: [{ configMapRef: { name: 'cfg' } }], volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }] }],
        },
      });
    }
    const done = async () => (await api.pods('default').list()).items.filter((p) => p.status?.phase === 'Succeeded').length === 50;
    await cluster.clock.runUntil(done, { timeoutMs: 300_000 });
    const ms = performance.now() - start;
    console.log(`  50 busybox pods consuming a 50-key ConfigMap as env + volume, to Succeeded: ${Math.round(ms)} ms wall (${(50 / (ms / 1000)).toFixed(1)} pods/s)`);
  } finally {
    await cluster.close();
  }
}
