/**
 * The garbage collector on a running cluster (virtual clock): owners and dependents are created
 * through the API, nothing else runs but the collector.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import type { appsv1, corev1 } from '../../api/types.ts';
import type { Client } from '../../client/index.ts';
import { attemptToDeleteItem } from '../../../solutions/controllers/gc/attempt-to-delete.ts';
import { isGone, startControllers, type ControllerTestbed } from '../testing/testbed.ts';
import { GARBAGE_COLLECTOR_CONTROLLER, garbageCollectorController, type GarbageCollector } from './garbage-collector.ts';
import type { OwnerReference } from './attempt-to-delete.ts';

let bed: ControllerTestbed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

async function setup(seed: string) {
  bed = await startControllers(seed, { [GARBAGE_COLLECTOR_CONTROLLER]: garbageCollectorController({ attemptToDeleteItem }) });
  return { clock: bed.cluster.clock, client: bed.cluster.client('kubectl'), gc: bed.manager.controllers.get(GARBAGE_COLLECTOR_CONTROLLER) as GarbageCollector };
}

function ownerRef(owner: KubeObject, blockOwnerDeletion = true, controller = true): OwnerReference {
  return { apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata!.name!, uid: owner.metadata!.uid!, controller, blockOwnerDeletion };
}

async function createReplicaSet(client: Client, name: string): Promise<appsv1.ReplicaSet> {
  return client.replicasets('default').create({
    metadata: { name },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
    },
  });
}

async function createPod(client: Client, name: string, owners: OwnerReference[], extra: Partial<corev1.Pod['spec']> = {}, finalizers?: string[]) {
  return client.pods('default').create({
    metadata: { name, labels: { app: 'web' }, ownerReferences: owners, ...(finalizers ? { finalizers } : {}) },
    spec: { containers: [{ name: 'nginx', image: 'nginx' }], ...extra },
  });
}

async function configMap(client: Client, name: string, owners: OwnerReference[] = [], finalizers?: string[]) {
  return client.configmaps('default').create({ metadata: { name, ownerReferences: owners, ...(finalizers ? { finalizers } : {}) }, data: { k: 'v' } });
}

describe('garbage collector', () => {
  it('background deletion: deleting a ReplicaSet deletes the Pods it owns', async () => {
    const { clock, client } = await setup('gc-background');
    const rs = await createReplicaSet(client, 'web');
    await createPod(client, 'web-a', [ownerRef(rs as KubeObject)]);
    await createPod(client, 'web-b', [ownerRef(rs as KubeObject)]);
    await createPod(client, 'other', []);

    await client.replicasets('default').delete('web');
    expect(await clock.runUntil(async () => (await client.pods('default').list()).items.length === 1, { timeoutMs: 60_000 })).toBe(true);
    expect((await client.pods('default').list()).items.map((p) => p.metadata?.name)).toEqual(['other']);
  });

  it('objects with no owners are never collected', async () => {
    const { clock, client } = await setup('gc-no-owner');
    await configMap(client, 'standalone');
    await clock.advance(60_000);
    expect((await client.configmaps('default').get('standalone')).metadata?.name).toBe('standalone');
  });

  it('foreground deletion: the owner stays (deletionTimestamp, foregroundDeletion) until blocking dependents are gone', async () => {
    const { clock, client } = await setup('gc-foreground');
    const owner = await configMap(client, 'owner');
    // A blocking dependent that cannot go yet: it carries its own finalizer.
    await configMap(client, 'held', [ownerRef(owner as KubeObject, true)], ['example.com/hold']);
    await configMap(client, 'plain', [ownerRef(owner as KubeObject, true)]);

    await client.configmaps('default').delete('owner', { propagationPolicy: 'Foreground' });
    expect(await clock.runUntil(() => isGone(() => client.configmaps('default').get('plain')), { timeoutMs: 60_000 })).toBe(true);
    const held = await client.configmaps('default').get('held');
    expect(held.metadata?.deletionTimestamp).toBeDefined();
    await clock.advance(30_000);
    const waiting = await client.configmaps('default').get('owner');
    expect(waiting.metadata?.deletionTimestamp).toBeDefined();
    expect(waiting.metadata?.finalizers).toEqual(['foregroundDeletion']);

    // Releasing the dependent's finalizer lets it go, and then the owner.
    await client.configmaps('default').update({ ...held, metadata: { ...held.metadata, finalizers: [] } });
    expect(await clock.runUntil(() => isGone(() => client.configmaps('default').get('owner')), { timeoutMs: 60_000 })).toBe(true);
  });

  it('foreground deletion does not wait for dependents without blockOwnerDeletion', async () => {
    const { clock, client } = await setup('gc-foreground-nonblocking');
    const owner = await configMap(client, 'owner');
    await configMap(client, 'lingering', [ownerRef(owner as KubeObject, false)], ['example.com/hold']);

    await client.configmaps('default').delete('owner', { propagationPolicy: 'Foreground' });
    expect(await clock.runUntil(() => isGone(() => client.configmaps('default').get('owner')), { timeoutMs: 60_000 })).toBe(true);
    // The dependent was still asked to go; its own finalizer keeps it for now.
    expect((await client.configmaps('default').get('lingering')).metadata?.deletionTimestamp).toBeDefined();
  });

  it('foreground deletion waits for a scheduled Pod to finish its graceful termination', async () => {
    const { clock, client } = await setup('gc-foreground-pod');
    const rs = await createReplicaSet(client, 'web');
    await createPod(client, 'web-a', [ownerRef(rs as KubeObject)], { nodeName: 'node-1' });

    await client.replicasets('default').delete('web', { propagationPolicy: 'Foreground' });
    expect(
      await clock.runUntil(async () => (await client.pods('default').get('web-a')).metadata?.deletionTimestamp !== undefined, { timeoutMs: 60_000 }),
    ).toBe(true);
    await clock.advance(10_000);
    expect((await client.replicasets('default').get('web')).metadata?.finalizers).toEqual(['foregroundDeletion']);

    // The kubelet's final delete (grace 0) removes the pod; then the ReplicaSet goes.
    await client.pods('default').delete('web-a', { gracePeriodSeconds: 0 });
    expect(await clock.runUntil(() => isGone(() => client.replicasets('default').get('web')), { timeoutMs: 60_000 })).toBe(true);
  });

  it('foreground deletion cascades down several levels, deepest first (Deployment → ReplicaSet → Pod shape)', async () => {
    const { clock, client } = await setup('gc-foreground-chain');
    const top = await configMap(client, 'top');
    const middle = await configMap(client, 'middle', [ownerRef(top as KubeObject)]);
    await configMap(client, 'leaf', [ownerRef(middle as KubeObject)], ['example.com/hold']);

    await client.configmaps('default').delete('top', { propagationPolicy: 'Foreground' });
    // The middle object is itself deleted in the foreground, because it has a dependent.
    expect(
      await clock.runUntil(async () => (await client.configmaps('default').get('middle')).metadata?.finalizers?.includes('foregroundDeletion') === true, {
        timeoutMs: 60_000,
      }),
    ).toBe(true);
    await clock.advance(30_000);
    expect((await client.configmaps('default').get('top')).metadata?.deletionTimestamp).toBeDefined();

    const leaf = await client.configmaps('default').get('leaf');
    await client.configmaps('default').update({ ...leaf, metadata: { ...leaf.metadata, finalizers: [] } });
    expect(await clock.runUntil(() => isGone(() => client.configmaps('default').get('top')), { timeoutMs: 60_000 })).toBe(true);
    expect(await isGone(() => client.configmaps('default').get('middle'))).toBe(true);
  });

  it('orphan deletion: dependents survive, with the owner reference stripped', async () => {
    const { clock, client } = await setup('gc-orphan');
    const rs = await createReplicaSet(client, 'web');
    const other = await configMap(client, 'second-owner');
    await createPod(client, 'web-a', [ownerRef(rs as KubeObject)]);
    await createPod(client, 'web-b', [ownerRef(rs as KubeObject), ownerRef(other as KubeObject, false, false)]);

    await client.replicasets('default').delete('web', { propagationPolicy: 'Orphan' });
    expect(await clock.runUntil(() => isGone(() => client.replicasets('default').get('web')), { timeoutMs: 60_000 })).toBe(true);
    await clock.advance(30_000);
    const a = await client.pods('default').get('web-a');
    const b = await client.pods('default').get('web-b');
    expect(a.metadata?.ownerReferences ?? []).toEqual([]);
    expect(b.metadata?.ownerReferences?.map((r) => r.name)).toEqual(['second-owner']);
  });

  it('a reference whose uid does not match the live owner (deleted and recreated) is dangling', async () => {
    const { clock, client } = await setup('gc-dangling');
    await configMap(client, 'owner');
    const stale: OwnerReference = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'uid-of-an-older-owner', blockOwnerDeletion: true };
    await configMap(client, 'dependent', [stale]);
    expect(await clock.runUntil(() => isGone(() => client.configmaps('default').get('dependent')), { timeoutMs: 60_000 })).toBe(true);
    // The namesake owner itself is untouched.
    expect((await client.configmaps('default').get('owner')).metadata?.deletionTimestamp).toBeUndefined();
  });

  it('a reference to an owner that never existed is dangling', async () => {
    const { clock, client } = await setup('gc-never-existed');
    const ghost: OwnerReference = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'ghost', uid: 'ghost-uid' };
    await createPod(client, 'web-a', [ghost]);
    expect(await clock.runUntil(() => isGone(() => client.pods('default').get('web-a')), { timeoutMs: 60_000 })).toBe(true);
  });

  it('a cluster-scoped dependent naming a namespaced owner is never collected and gets an OwnerRefInvalidNamespace warning', async () => {
    const { clock, client } = await setup('gc-invalid-namespace');
    const ghost: OwnerReference = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid' };
    await client.persistentvolumes().create({
      metadata: { name: 'pv-1', ownerReferences: [ghost] },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } },
    });
    await clock.advance(60_000);
    expect((await client.persistentvolumes().get('pv-1')).metadata?.deletionTimestamp).toBeUndefined();
    const events = (await client.events('default').list()).items.filter((e) => e.reason === 'OwnerRefInvalidNamespace');
    expect(events.map((e) => e.involvedObject.name)).toEqual(['pv-1']);
  });

  it('a dependent with one living owner left keeps living, owned by that one', async () => {
    const { clock, client, gc } = await setup('gc-two-owners');
    const a = await configMap(client, 'owner-a');
    const b = await configMap(client, 'owner-b');
    await configMap(client, 'shared', [ownerRef(a as KubeObject), ownerRef(b as KubeObject, true, false)]);
    await client.configmaps('default').delete('owner-a');
    expect(
      await clock.runUntil(async () => (await client.configmaps('default').get('shared')).metadata?.ownerReferences?.length === 1, { timeoutMs: 60_000 }),
    ).toBe(true);
    expect((await client.configmaps('default').get('shared')).metadata?.ownerReferences?.[0]?.name).toBe('owner-b');
    expect(gc.graph.get(b.metadata!.uid!)?.dependents.size).toBe(1);
  });

  it('the collector writes as garbage-collector-controller in the trace', async () => {
    const { clock, client } = await setup('gc-trace');
    const owner = await configMap(client, 'owner');
    await configMap(client, 'dependent', [ownerRef(owner as KubeObject)]);
    await client.configmaps('default').delete('owner');
    await clock.runUntil(() => isGone(() => client.configmaps('default').get('dependent')), { timeoutMs: 60_000 });
    const deletes = bed!.cluster.trace.entries().filter((e) => e.verb === 'delete' && e.name === 'dependent');
    expect(deletes.map((e) => e.user)).toEqual([GARBAGE_COLLECTOR_CONTROLLER]);
  });
});
