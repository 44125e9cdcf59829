/**
 * Pristine tests of the exercise `volume-binder` (part `volume.binder`): a cluster whose PV
 * controller picks volumes with the graded part, seen as `kubectl get pv,pvc` and `kubectl
 * describe pvc` show it, then the part's edge cases one by one
 * (engine/controllers/volume/pv-binder-suite.ts).
 *
 * Upstream behaviour checked here: FindMatchingVolume (k8s.io/component-helpers
 * storage/volume/pv_helpers.go) as pkg/controller/volume/persistentvolume/pv_controller.go
 * syncUnboundClaim uses it — the smallest Available volume whose class, access modes, volume
 * mode and capacity fit; pre-bound volumes first; the claim stays Pending with `FailedBinding`
 * otherwise; a claim with a class and no volume is provisioned (website
 * concepts/storage/persistent-volumes.md "Binding", dynamic-provisioning.md).
 */
import { expect } from 'vitest';
import type { corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { FindBestMatch } from '../../engine/controllers/volume/pv-binder.ts';
import { binderCases } from '../../engine/controllers/volume/pv-binder-suite.ts';
import { claim, eventsFor, volume } from '../../engine/controllers/volume/testing.ts';
import { defineExerciseTests, exportOf, type CaseContext, type GradeCase } from '../exercise-tests.ts';
import { waitFor } from './helpers.ts';

const NS = 'default';

async function createVolumes(c: Cluster, t: CaseContext, pvs: corev1.PersistentVolume[]): Promise<void> {
  for (const pv of pvs) {
    await c.client('kubectl').persistentvolumes().create(pv);
    t.step(`created pv ${pv.metadata?.name} (${pv.spec?.capacity?.['storage']}, ${pv.spec?.accessModes?.join(',')}, class "${pv.spec?.storageClassName ?? ''}")`);
  }
  const names = new Set(pvs.map((v) => v.metadata?.name));
  // The controller has seen them: each is Available (or already Bound to a waiting claim).
  await waitFor(c, 'the new volumes are Available', async () => (await c.client().persistentvolumes().list()).items.filter((v) => names.has(v.metadata?.name)).every((v) => v.status?.phase === 'Available' || v.status?.phase === 'Bound'), 30_000);
}

async function createClaim(c: Cluster, t: CaseContext, pvc: corev1.PersistentVolumeClaim): Promise<void> {
  await c.client('kubectl').persistentvolumeclaims(NS).create(pvc);
  t.step(`created pvc ${pvc.metadata?.name} (${pvc.spec?.resources?.requests?.['storage']}, ${pvc.spec?.accessModes?.join(',')}, class ${pvc.spec?.storageClassName === undefined ? '(default)' : `"${pvc.spec.storageClassName}"`})`);
}

const pvcOf = (c: Cluster, name: string) => c.client().persistentvolumeclaims(NS).get(name);
const boundTo = async (c: Cluster, name: string) => {
  const p = await pvcOf(c, name);
  return p.status?.phase === 'Bound' ? p.spec?.volumeName : undefined;
};

/** `kubectl get pvc`: NAME STATUS VOLUME, as one line per claim. */
async function pvcTable(c: Cluster): Promise<string[]> {
  return (await c.client().persistentvolumeclaims(NS).list()).items.map((p) => `${p.metadata?.name} ${p.status?.phase} ${p.spec?.volumeName ?? ''}`.trim());
}

const clusterCases: GradeCase<FindBestMatch>[] = [
  {
    name: 'a 3Gi claim binds to the 5Gi volume — the smallest that fits — not the 10Gi one (nor the too-small 1Gi)',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ controlPlane: true });
      await createVolumes(c, t, [volume('pv-10g', '10Gi', { cls: 'manual' }), volume('pv-1g', '1Gi', { cls: 'manual' }), volume('pv-5g', '5Gi', { cls: 'manual' })]);
      await createClaim(c, t, claim('data', '3Gi', { cls: 'manual' }));
      await waitFor(c, 'pvc data is Bound', async () => (await boundTo(c, 'data')) !== undefined, 60_000);
      const pvc = await pvcOf(c, 'data');
      expect(pvc.spec?.volumeName).toBe('pv-5g');
      expect(pvc.status?.capacity).toEqual({ storage: '5Gi' });
      const pv = await c.client().persistentvolumes().get('pv-5g');
      expect(pv.status?.phase).toBe('Bound');
      expect(pv.spec?.claimRef).toMatchObject({ namespace: NS, name: 'data', uid: pvc.metadata?.uid });
      expect((await c.client().persistentvolumes().get('pv-10g')).status?.phase).toBe('Available');
    },
  },
  {
    name: 'claims of 1Gi, 1Gi, 4Gi and 2Gi each get their own volume, one-to-one — a volume already bound is not offered again — and a 9Gi claim stays Pending',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ controlPlane: true });
      await createVolumes(c, t, [volume('a', '8Gi', { cls: '' }), volume('b', '2Gi', { cls: '' }), volume('c', '1Gi', { cls: '' }), volume('d', '4Gi', { cls: '' })]);
      for (const [n, s] of [['one', '1Gi'], ['one-more', '1Gi'], ['four', '4Gi'], ['two', '2Gi']] as const) {
        await createClaim(c, t, claim(n, s, { cls: '' }));
        await waitFor(c, `pvc ${n} is Bound`, async () => (await boundTo(c, n)) !== undefined, 60_000);
      }
      await createClaim(c, t, claim('nine', '9Gi', { cls: '' }));
      await waitFor(c, 'a FailedBinding event for pvc nine', async () => (await eventsFor(c, NS, 'nine', 'FailedBinding')).length > 0, 60_000);
      expect(await pvcTable(c)).toEqual(['four Bound d', 'nine Pending', 'one Bound c', 'one-more Bound b', 'two Bound a']);
      expect((await eventsFor(c, NS, 'nine', 'FailedBinding'))[0]?.message).toBe('no persistent volumes available for this claim and no storage class is set');
    },
  },
  {
    name: 'a ReadWriteMany claim does not bind to ReadWriteOnce volumes, and binds once a ReadWriteMany volume appears',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ controlPlane: true });
      await createVolumes(c, t, [volume('rwo-1', '1Gi', { cls: 'nfs' }), volume('rwo-2', '10Gi', { cls: 'nfs' })]);
      await createClaim(c, t, claim('shared', '1Gi', { cls: 'nfs', modes: ['ReadWriteMany'] }));
      await c.clock.advance(10_000);
      t.step('waited 10 s');
      expect((await pvcOf(c, 'shared')).status?.phase).toBe('Pending');
      await createVolumes(c, t, [volume('rwx', '5Gi', { cls: 'nfs', modes: ['ReadWriteMany', 'ReadWriteOnce'] })]);
      await waitFor(c, 'pvc shared is Bound', async () => (await boundTo(c, 'shared')) !== undefined, 60_000);
      expect((await pvcOf(c, 'shared')).spec?.volumeName).toBe('rwx');
    },
  },
  {
    name: 'a claim of class "fast" takes neither a class-less volume nor a "slow" one; a claim of no class takes no classed volume',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ controlPlane: true, defaultStorageClass: false });
      await createVolumes(c, t, [volume('none', '1Gi', { cls: '' }), volume('slow', '1Gi', { cls: 'slow' }), volume('fast', '20Gi', { cls: 'fast' })]);
      await createClaim(c, t, claim('f', '1Gi', { cls: 'fast' }));
      await createClaim(c, t, claim('n', '1Gi', { cls: '' }));
      await waitFor(c, 'both claims are Bound', async () => (await boundTo(c, 'f')) !== undefined && (await boundTo(c, 'n')) !== undefined, 60_000);
      expect(await pvcTable(c)).toEqual(['f Bound fast', 'n Bound none']);
      expect((await c.client().persistentvolumes().get('slow')).status?.phase).toBe('Available');
    },
  },
  {
    name: 'with no fitting volume, a claim of the default class is provisioned a volume pvc-<uid> of the requested size',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ controlPlane: true });
      await createVolumes(c, t, [volume('manual-small', '1Gi', { cls: 'standard' })]);
      await createClaim(c, t, claim('www', '2Gi'));
      await waitFor(c, 'pvc www is Bound', async () => (await boundTo(c, 'www')) !== undefined, 60_000);
      const pvc = await pvcOf(c, 'www');
      expect(pvc.spec?.storageClassName).toBe('standard');
      expect(pvc.spec?.volumeName).toBe(`pvc-${pvc.metadata?.uid}`);
      expect(pvc.status?.capacity).toEqual({ storage: '2Gi' });
      expect((await eventsFor(c, NS, 'www', 'ProvisioningSucceeded')).length).toBe(1);
    },
  },
];

export default defineExerciseTests({
  part: 'volume.binder',
  load: (m) => exportOf<FindBestMatch>(m, 'findBestMatch'),
  cases: [...clusterCases, ...binderCases.map((c): GradeCase<FindBestMatch> => ({ name: c.name, kind: 'part', run: (find) => c.run(find) }))],
});
