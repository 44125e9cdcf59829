/**
 * Volumes: the `volume.binder` part over many volumes (FindMatchingVolume is O(volumes) per claim),
 * the `volume.mounts` part per path, and a cluster binding 100 claims to 100 volumes plus 50
 * dynamically provisioned ones (virtual clock: wall time only). Prints figures; asserts nothing.
 */
import { createCluster } from '../engine/cluster/index.ts';
import { claim, volume } from '../engine/controllers/volume/testing.ts';
import { pv, pvc } from '../engine/controllers/volume/pv-binder-suite.ts';
import { findBestMatch } from '../solutions/volume/pv-binder.ts';
import { resolveMount } from '../solutions/volume/mounts.ts';

function rate(label: string, n: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(200, n); i++) fn(i);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const s = (performance.now() - t0) / 1000;
  console.log(`   ${label.padEnd(56)} ${Math.round(n / s).toLocaleString('en-US').padStart(10)} ops/s`);
}

export async function run(): Promise<void> {
  for (const count of [100, 1000, 5000]) {
    const volumes = Array.from({ length: count }, (_, i) => pv(`pv-${String(i).padStart(5, '0')}`, `${1 + (i % 50)}Gi`, { cls: i % 3 ? 'standard' : 'fast', modes: i % 2 ? ['ReadWriteOnce'] : ['ReadWriteMany', 'ReadWriteOnce'] }));
    const c = pvc('data', '20Gi', { cls: 'standard' });
    rate(`volume.binder findBestMatch over ${count} volumes`, count >= 5000 ? 500 : 5000, () => void findBestMatch(c, volumes));
  }
  const mounts = [{ containerPath: '/' }, { containerPath: '/data' }, { containerPath: '/data/logs', subPath: 'app' }, { containerPath: '/etc/config', readonly: true }, { containerPath: '/var/run/secrets/kubernetes.io/serviceaccount', readonly: true }];
  rate('volume.mounts resolveMount (5 mounts)', 500_000, (i) => void resolveMount(mounts, i % 2 ? '/data/logs/today.log' : '/usr/bin/env'));

  const cluster = await createCluster({ controlPlane: true });
  const k = cluster.client('kubectl');
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) await k.persistentvolumes().create(volume(`pv-${i}`, `${1 + (i % 10)}Gi`, { cls: 'manual' }));
  for (let i = 0; i < 100; i++) await k.persistentvolumeclaims('default').create(claim(`c-${i}`, `${1 + (i % 10)}Gi`, { cls: 'manual' }));
  for (let i = 0; i < 50; i++) await k.persistentvolumeclaims('default').create(claim(`d-${i}`, '1Gi'));
  const bound = async () => (await k.persistentvolumeclaims('default').list()).items.filter((p) => p.status?.phase === 'Bound').length;
  await cluster.clock.runUntil(async () => (await bound()) === 150, { timeoutMs: 600_000 });
  const ms = performance.now() - t0;
  console.log(`   cluster: 100 static + 50 provisioned claims bound (${await bound()}/150)`.padEnd(59) + `${(ms / 1000).toFixed(2).padStart(10)} s wall`);
  await cluster.close();
}
