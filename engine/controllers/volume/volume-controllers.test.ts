/**
 * The PV binder, the provisioner and the protection controllers on a whole cluster, seen as
 * `kubectl get pv,pvc` and `kubectl describe pvc` show them (website concepts/storage/
 * persistent-volumes.md, dynamic-provisioning.md, storage-classes.md).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster/index.ts';
import type { corev1 } from '../../api/types.ts';
import { claim, eventsFor, exists, runUntil, volume } from './testing.ts';

let c: Cluster | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const NS = 'default';
const pvcOf = (name: string) => c!.client().persistentvolumeclaims(NS).get(name);
const pvOf = (name: string) => c!.client().persistentvolumes().get(name);
const phaseIs = async (get: () => Promise<{ status?: { phase?: string } }>, phase: string) => (await get().catch(() => undefined))?.status?.phase === phase;

describe('PersistentVolume binding', () => {
  it('a claim binds to the smallest volume that fits; both sides record the binding', async () => {
    c = await createCluster({ controlPlane: true });
    const k = c.client('kubectl');
    for (const [n, size] of [['pv-10g', '10Gi'], ['pv-1g', '1Gi'], ['pv-5g', '5Gi']] as const) await k.persistentvolumes().create(volume(n, size, { cls: 'manual' }));
    await runUntil(c, 'the volumes are Available', async () => (await k.persistentvolumes().list()).items.every((v) => v.status?.phase === 'Available'));
    await k.persistentvolumeclaims(NS).create(claim('data', '3Gi', { cls: 'manual' }));
    await runUntil(c, 'claim data is Bound', () => phaseIs(() => pvcOf('data'), 'Bound'));
    const pvc = await pvcOf('data');
    expect(pvc.spec?.volumeName).toBe('pv-5g');
    expect(pvc.status).toMatchObject({ phase: 'Bound', capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'] });
    expect(pvc.metadata?.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(pvc.metadata?.finalizers).toContain('kubernetes.io/pvc-protection');
    const pv = await pvOf('pv-5g');
    expect(pv.status?.phase).toBe('Bound');
    expect(pv.spec?.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: NS, name: 'data', uid: pvc.metadata?.uid });
    expect(pv.metadata?.annotations?.['pv.kubernetes.io/bound-by-controller']).toBe('yes');
    expect(pv.metadata?.finalizers).toContain('kubernetes.io/pv-protection');
    expect((await pvOf('pv-1g')).status?.phase).toBe('Available');
    expect((await pvOf('pv-10g')).status?.phase).toBe('Available');
  });

  it('a claim with no class and no fitting volume stays Pending with FailedBinding; a volume created later binds it', async () => {
    c = await createCluster({ controlPlane: true });
    const k = c.client('kubectl');
    await k.persistentvolumeclaims(NS).create(claim('logs', '2Gi', { cls: '' }));
    await runUntil(c, 'a FailedBinding event', async () => (await eventsFor(c!, NS, 'logs', 'FailedBinding')).length > 0);
    const [ev] = await eventsFor(c, NS, 'logs', 'FailedBinding');
    expect(ev).toMatchObject({ type: 'Warning', message: 'no persistent volumes available for this claim and no storage class is set' });
    expect((await pvcOf('logs')).status?.phase).toBe('Pending');
    await k.persistentvolumes().create(volume('small', '1Gi', { cls: '' }));
    await k.persistentvolumes().create(volume('other-class', '5Gi', { cls: 'standard' }));
    await c.clock.advance(5_000);
    expect((await pvcOf('logs')).status?.phase).toBe('Pending');
    await k.persistentvolumes().create(volume('big', '2Gi'));
    await runUntil(c, 'claim logs is Bound', () => phaseIs(() => pvcOf('logs'), 'Bound'));
    expect((await pvcOf('logs')).spec?.volumeName).toBe('big');
  });

  it('a claim naming a volume (spec.volumeName) binds to it; a volume pre-bound with claimRef is kept for its claim', async () => {
    c = await createCluster({ controlPlane: true });
    const k = c.client('kubectl');
    await k.persistentvolumes().create(volume('a', '1Gi', { cls: '' }));
    await k.persistentvolumes().create({ ...volume('b', '1Gi', { cls: '' }), spec: { ...volume('b', '1Gi', { cls: '' }).spec, claimRef: { namespace: NS, name: 'mine' } } });
    await k.persistentvolumeclaims(NS).create(claim('wants-a', '1Gi', { cls: '', volumeName: 'a' }));
    await k.persistentvolumeclaims(NS).create(claim('mine', '1Gi', { cls: '' }));
    await runUntil(c, 'both claims Bound', async () => (await phaseIs(() => pvcOf('wants-a'), 'Bound')) && (await phaseIs(() => pvcOf('mine'), 'Bound')));
    expect((await pvcOf('wants-a')).spec?.volumeName).toBe('a');
    expect((await pvcOf('wants-a')).metadata?.annotations?.['pv.kubernetes.io/bound-by-controller']).toBeUndefined();
    expect((await pvcOf('mine')).spec?.volumeName).toBe('b');
  });
});

describe('a claim that names its volume', () => {
  it('waits Pending for a volume that does not exist yet, and binds when it is created', async () => {
    c = await createCluster({ controlPlane: true });
    const k = c.client('kubectl');
    await k.persistentvolumeclaims(NS).create(claim('named', '1Gi', { cls: '', volumeName: 'later' }));
    await c.clock.advance(5_000);
    expect((await pvcOf('named')).status?.phase).toBe('Pending');
    await k.persistentvolumes().create(volume('later', '2Gi', { cls: '' }));
    await runUntil(c, 'claim named Bound', () => phaseIs(() => pvcOf('named'), 'Bound'));
    expect((await pvOf('later')).spec?.claimRef?.name).toBe('named');
  });

  it('a volume too small for the claim is refused with VolumeMismatch', async () => {
    c = await createCluster({ controlPlane: true });
    const k = c.client('kubectl');
    await k.persistentvolumes().create(volume('tiny', '1Gi', { cls: '' }));
    await k.persistentvolumeclaims(NS).create(claim('big', '5Gi', { cls: '', volumeName: 'tiny' }));
    await runUntil(c, 'a VolumeMismatch event', async () => (await eventsFor(c!, NS, 'big', 'VolumeMismatch')).length > 0);
    expect((await eventsFor(c, NS, 'big', 'VolumeMismatch'))[0]?.message).toBe('Cannot bind to requested volume "tiny": requested PV is too small');
    expect((await pvcOf('big')).status?.phase).toBe('Pending');
  });
});

describe('dynamic provisioning with the default StorageClass', () => {
  it('the cluster starts with StorageClass standard (default, tinykube.io/hostpath, Delete, Immediate)', async () => {
    c = await createCluster({ controlPlane: true });
    const sc = await c.client().storageclasses().get('standard');
    expect(sc).toMatchObject({ provisioner: 'tinykube.io/hostpath', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
    expect(sc.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class']).toBe('true');
  });

  it('the DefaultStorageClass admission sets storageClassName on create; "" stays "" (no class)', async () => {
    c = await createCluster({ controlPlane: true });
    const created = await c.client('kubectl').persistentvolumeclaims(NS).create(claim('a', '1Gi'));
    expect(created.spec?.storageClassName).toBe('standard');
    const none = await c.client('kubectl').persistentvolumeclaims(NS).create(claim('b', '1Gi', { cls: '' }));
    expect(none.spec?.storageClassName).toBe('');
  });

  it('a claim created before any default class exists gets it once one is created (retroactive default)', async () => {
    c = await createCluster({ controlPlane: true, defaultStorageClass: false });
    const created = await c.client('kubectl').persistentvolumeclaims(NS).create(claim('early', '1Gi'));
    expect(created.spec?.storageClassName).toBeUndefined();
    await c.clock.advance(5_000);
    expect((await pvcOf('early')).status?.phase).toBe('Pending');
    await c.client('kubectl').storageclasses().create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'tinykube.io/hostpath' });
    await runUntil(c, 'claim early Bound', () => phaseIs(() => pvcOf('early'), 'Bound'));
    expect((await pvcOf('early')).spec?.storageClassName).toBe('local');
  });

  it('a claim without a class gets the default class and a provisioned volume pvc-<uid> of the requested size', async () => {
    c = await createCluster({ controlPlane: true });
    await c.client('kubectl').persistentvolumeclaims(NS).create(claim('www', '1Gi'));
    await runUntil(c, 'claim www is Bound', () => phaseIs(() => pvcOf('www'), 'Bound'));
    const pvc = await pvcOf('www');
    expect(pvc.spec?.storageClassName).toBe('standard');
    expect(pvc.spec?.volumeName).toBe(`pvc-${pvc.metadata?.uid}`);
    expect(pvc.metadata?.annotations?.['volume.kubernetes.io/storage-provisioner']).toBe('tinykube.io/hostpath');
    const pv = await pvOf(pvc.spec!.volumeName!);
    expect(pv.spec).toMatchObject({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard' });
    expect(pv.metadata?.annotations?.['pv.kubernetes.io/provisioned-by']).toBe('tinykube.io/hostpath');
    expect(pv.status?.phase).toBe('Bound');
    const reasons = (await eventsFor(c, NS, 'www')).map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']));
    const ok = (await eventsFor(c, NS, 'www', 'ProvisioningSucceeded'))[0];
    expect(ok?.message).toBe(`Successfully provisioned volume ${pv.metadata?.name}`);
  });

  it('a claim naming a class that does not exist stays Pending with FailedBinding', async () => {
    c = await createCluster({ controlPlane: true });
    await c.client('kubectl').persistentvolumeclaims(NS).create(claim('fast', '1Gi', { cls: 'fast-ssd' }));
    await runUntil(c, 'a FailedBinding event', async () => (await eventsFor(c!, NS, 'fast', 'FailedBinding')).length > 0);
    expect((await eventsFor(c, NS, 'fast', 'FailedBinding'))[0]?.message).toBe('storageclass.storage.k8s.io "fast-ssd" not found');
    expect((await pvcOf('fast')).status?.phase).toBe('Pending');
  });
});

describe('reclaiming', () => {
  it('Retain: deleting the claim leaves the volume Released with its data', async () => {
    c = await createCluster({ controlPlane: true });
    const k = c.client('kubectl');
    await k.persistentvolumes().create(volume('keep', '1Gi', { cls: '', policy: 'Retain' }));
    await k.persistentvolumeclaims(NS).create(claim('data', '1Gi', { cls: '' }));
    await runUntil(c, 'claim Bound', () => phaseIs(() => pvcOf('data'), 'Bound'));
    c.disks.persistentVolume('keep').writeFile('important.txt', 'do not lose');
    await k.persistentvolumeclaims(NS).delete('data');
    await runUntil(c, 'volume keep Released', () => phaseIs(() => pvOf('keep'), 'Released'));
    await c.clock.advance(10_000);
    expect((await pvOf('keep')).status?.phase).toBe('Released');
    expect(c.disks.persistentVolume('keep').readFile('important.txt')).toBe('do not lose');
    // A new claim does not get a Released volume: the administrator must clear its claimRef first.
    await k.persistentvolumeclaims(NS).create(claim('again', '1Gi', { cls: '' }));
    await c.clock.advance(5_000);
    expect((await pvcOf('again')).status?.phase).toBe('Pending');
  });

  it('Delete: deleting the claim deletes the provisioned volume and its data', async () => {
    c = await createCluster({ controlPlane: true });
    const k = c.client('kubectl');
    await k.persistentvolumeclaims(NS).create(claim('tmp', '1Gi'));
    await runUntil(c, 'claim Bound', () => phaseIs(() => pvcOf('tmp'), 'Bound'));
    const pvName = (await pvcOf('tmp')).spec!.volumeName!;
    c.disks.persistentVolume(pvName).writeFile('x', 'y');
    await k.persistentvolumeclaims(NS).delete('tmp');
    await runUntil(c, 'the volume is gone', async () => !(await exists(() => pvOf(pvName))));
    expect(c.disks.hasPersistentVolume(pvName)).toBe(false);
  });

  it('Delete on a volume no provisioner made: Failed with VolumeFailedDelete', async () => {
    c = await createCluster({ controlPlane: true });
    const k = c.client('kubectl');
    await k.persistentvolumes().create(volume('manual', '1Gi', { cls: '', policy: 'Delete' }));
    await k.persistentvolumeclaims(NS).create(claim('c1', '1Gi', { cls: '' }));
    await runUntil(c, 'claim Bound', () => phaseIs(() => pvcOf('c1'), 'Bound'));
    await k.persistentvolumeclaims(NS).delete('c1');
    await runUntil(c, 'volume Failed', () => phaseIs(() => pvOf('manual'), 'Failed'));
    const evs = (await c.client().events(NS).list()).items.filter((e) => e.involvedObject?.name === 'manual' && e.reason === 'VolumeFailedDelete');
    expect(evs[0]?.message).toBe('error getting deleter volume plugin for volume "manual": no deletable volume plugin matched');
  });

  it('a bound claim whose volume is deleted is Lost', async () => {
    c = await createCluster({ controlPlane: true });
    const k = c.client('kubectl');
    await k.persistentvolumes().create(volume('v', '1Gi', { cls: '' }));
    await k.persistentvolumeclaims(NS).create(claim('c1', '1Gi', { cls: '' }));
    await runUntil(c, 'claim Bound', () => phaseIs(() => pvcOf('c1'), 'Bound'));
    // Force past pv-protection, as an administrator removing the finalizer would.
    await k.persistentvolumes().delete('v');
    const pv = await pvOf('v');
    await k.persistentvolumes().update({ ...pv, metadata: { ...pv.metadata, finalizers: [] } });
    await runUntil(c, 'claim Lost', () => phaseIs(() => pvcOf('c1'), 'Lost'));
    expect((await eventsFor(c, NS, 'c1', 'ClaimLost'))[0]?.message).toBe('Bound claim has lost its PersistentVolume. Data on the volume is lost!');
  });
});

describe('storage object in use protection', () => {
  it('a bound volume being deleted stays (Terminating) until its claim is gone', async () => {
    c = await createCluster({ controlPlane: true });
    const k = c.client('kubectl');
    await k.persistentvolumes().create(volume('v', '1Gi', { cls: '' }));
    await k.persistentvolumeclaims(NS).create(claim('c1', '1Gi', { cls: '' }));
    await runUntil(c, 'claim Bound and both protected', async () => (await phaseIs(() => pvcOf('c1'), 'Bound')) && !!(await pvOf('v')).metadata?.finalizers?.length && !!(await pvcOf('c1')).metadata?.finalizers?.length);
    await k.persistentvolumes().delete('v');
    await c.clock.advance(10_000);
    const pv: corev1.PersistentVolume = await pvOf('v');
    expect(pv.metadata?.deletionTimestamp).toBeDefined();
    expect(pv.status?.phase).toBe('Bound');
    await k.persistentvolumeclaims(NS).delete('c1');
    await runUntil(c, 'volume v is gone', async () => !(await exists(() => pvOf('v'))));
  });
});
