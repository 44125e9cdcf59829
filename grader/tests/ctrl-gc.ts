/**
 * Pristine tests of the exercise `ctrl-gc` (part `controllers.gc`): a cluster whose garbage
 * collector decides with the graded part, driven as `kubectl delete --cascade=...` would drive
 * it and observed with `kubectl get`, then the decision's edge cases one by one
 * (engine/controllers/garbagecollector/attempt-to-delete-suite.ts).
 *
 * Upstream behaviour checked here (website concepts/architecture/garbage-collection.md,
 * pkg/controller/garbagecollector/garbagecollector.go): Background deletes the owner at once and
 * its dependents after; Orphan removes the owner's references from its dependents and keeps them;
 * Foreground keeps the owner, with a deletionTimestamp and the `foregroundDeletion` finalizer,
 * until the dependents that block it are gone; an owner reference names an object by uid; a
 * dependent with another living owner survives, with only the dead owner's reference removed.
 *
 * The cluster has a control plane but no nodes: pods stay unscheduled, so deleting one is
 * immediate (no kubelet has to confirm it).
 */
import { expect } from 'vitest';
import type { appsv1, corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { AttemptToDeleteItem } from '../../engine/controllers/garbagecollector/attempt-to-delete.ts';
import { attemptToDeleteCases } from '../../engine/controllers/garbagecollector/attempt-to-delete-suite.ts';
import { defineExerciseTests, exportOf, type CaseContext, type GradeCase } from '../exercise-tests.ts';
import { waitFor } from './helpers.ts';

const NS = 'default';
const WAIT = { timeoutMs: 120_000 };
const LABELS = { app: 'web' };
const HOLD = 'example.com/hold';

function deployment(replicas: number): appsv1.Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas,
      selector: { matchLabels: LABELS },
      template: { metadata: { labels: LABELS }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    },
  };
}

interface Owner {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
}

function configMap(name: string, owners: Owner[] = [], finalizers: string[] = []): corev1.ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      ...(owners.length ? { ownerReferences: owners.map((o) => ({ ...o, blockOwnerDeletion: true })) } : {}),
      ...(finalizers.length ? { finalizers } : {}),
    },
    data: { k: 'v' },
  };
}

const ownerOf = (o: { apiVersion?: string; kind?: string; metadata?: { name?: string; uid?: string } }): Owner => ({
  apiVersion: o.apiVersion ?? '',
  kind: o.kind ?? '',
  name: o.metadata?.name ?? '',
  uid: o.metadata?.uid ?? '',
});

const replicaSets = async (c: Cluster) => (await c.client().replicasets(NS).list()).items;
const pods = async (c: Cluster) => (await c.client().pods(NS).list()).items;
const exists = async (get: () => Promise<unknown>) =>
  get().then(
    () => true,
    () => false,
  );

/** Deployment web (2 replicas) with its ReplicaSet and pods, created through the API. */
async function webDeployment(t: CaseContext): Promise<{ c: Cluster; deploy: appsv1.Deployment }> {
  const c = await t.cluster({ controlPlane: true });
  t.step('created Deployment web (replicas 2)');
  const deploy = await c.client('kubectl').deployments(NS).create(deployment(2));
  await waitFor(c, 'web has a ReplicaSet and 2 pods', async () => (await replicaSets(c)).length === 1 && (await pods(c)).length === 2, WAIT.timeoutMs);
  return { c, deploy };
}

const clusterCases: GradeCase<AttemptToDeleteItem>[] = [
  {
    name: 'deleting a Deployment with propagationPolicy Background removes it at once, then its ReplicaSet and pods',
    kind: 'cluster',
    async run(_part, t) {
      const { c } = await webDeployment(t);
      t.step('deleted Deployment web (propagationPolicy Background)');
      await c.client('kubectl').deployments(NS).delete('web', { propagationPolicy: 'Background' });
      expect(await exists(() => c.client().deployments(NS).get('web')), 'the Deployment is gone at once').toBe(false);
      await waitFor(c, 'no ReplicaSet and no pod remains', async () => (await replicaSets(c)).length === 0 && (await pods(c)).length === 0, WAIT.timeoutMs);
    },
  },
  {
    name: 'deleting a Deployment with propagationPolicy Orphan keeps its ReplicaSet and pods, the ReplicaSet no longer owned',
    kind: 'cluster',
    async run(_part, t) {
      const { c } = await webDeployment(t);
      t.step('deleted Deployment web (propagationPolicy Orphan)');
      await c.client('kubectl').deployments(NS).delete('web', { propagationPolicy: 'Orphan' });
      await waitFor(c, 'Deployment web is gone', async () => !(await exists(() => c.client().deployments(NS).get('web'))), WAIT.timeoutMs);
      await c.clock.advance(30_000);
      const rss = await replicaSets(c);
      expect(rss, 'ReplicaSets left').toHaveLength(1);
      expect(rss[0]!.metadata?.ownerReferences ?? [], 'ownerReferences of the orphaned ReplicaSet').toEqual([]);
      const ps = await pods(c);
      expect(ps, 'pods left').toHaveLength(2);
      for (const p of ps) expect(p.metadata?.ownerReferences?.map((r) => r.name), 'owners of each pod').toEqual([rss[0]!.metadata?.name]);
    },
  },
  {
    name: 'deleting with propagationPolicy Foreground keeps the owner (deletionTimestamp, foregroundDeletion finalizer) until its blocking dependents are gone',
    kind: 'cluster',
    async run(_part, t) {
      const { c, deploy } = await webDeployment(t);
      const kubectl = c.client('kubectl');
      t.step(`created ConfigMap held, owned by web (blockOwnerDeletion), with finalizer ${HOLD}`);
      await kubectl.configmaps(NS).create(configMap('held', [ownerOf(deploy)], [HOLD]));
      t.step('deleted Deployment web (propagationPolicy Foreground)');
      await kubectl.deployments(NS).delete('web', { propagationPolicy: 'Foreground' });
      await waitFor(c, 'the ReplicaSet and pods of web are gone', async () => (await replicaSets(c)).length === 0 && (await pods(c)).length === 0, WAIT.timeoutMs);
      await c.clock.advance(30_000);
      const waiting = await kubectl.deployments(NS).get('web');
      expect(waiting.metadata?.deletionTimestamp, 'the owner waits with a deletionTimestamp').toBeTruthy();
      expect(waiting.metadata?.finalizers, 'finalizers of the waiting owner').toContain('foregroundDeletion');
      expect((await kubectl.configmaps(NS).get('held')).metadata?.deletionTimestamp, 'the held dependent is being deleted').toBeTruthy();

      t.step(`removed finalizer ${HOLD} from ConfigMap held`);
      const held = await kubectl.configmaps(NS).get('held');
      await kubectl.configmaps(NS).update({ ...held, metadata: { ...held.metadata, finalizers: [] } });
      await waitFor(c, 'Deployment web is gone', async () => !(await exists(() => kubectl.deployments(NS).get('web'))), WAIT.timeoutMs);
    },
  },
  {
    name: 'a dependent with two owners survives the deletion of one, and only the dead owner\'s reference is removed',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ controlPlane: true });
      const kubectl = c.client('kubectl');
      t.step('created ConfigMaps owner-a and owner-b, and ConfigMap shared owned by both');
      const a = await kubectl.configmaps(NS).create(configMap('owner-a'));
      const b = await kubectl.configmaps(NS).create(configMap('owner-b'));
      await kubectl.configmaps(NS).create(configMap('shared', [ownerOf(a), ownerOf(b)]));
      await c.clock.advance(5_000);
      t.step('deleted ConfigMap owner-a (propagationPolicy Background)');
      await kubectl.configmaps(NS).delete('owner-a', { propagationPolicy: 'Background' });
      const refs = async () => ((await kubectl.configmaps(NS).get('shared').catch(() => undefined))?.metadata?.ownerReferences ?? []).map((r) => r.name);
      await c.clock.runUntil(async () => (await refs()).length !== 2, WAIT);
      await c.clock.advance(30_000);
      expect(await exists(() => kubectl.configmaps(NS).get('shared')), 'shared still exists').toBe(true);
      expect(await refs(), 'owners left in the ownerReferences of shared').toEqual(['owner-b']);
    },
  },
  {
    name: 'an owner reference names its owner by uid: a namesake with another uid does not keep the dependent alive',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ controlPlane: true });
      const kubectl = c.client('kubectl');
      t.step('created ConfigMap owner');
      const owner = await kubectl.configmaps(NS).create(configMap('owner'));
      t.step('created ConfigMap dependent whose owner reference names "owner" with another uid');
      await kubectl.configmaps(NS).create(configMap('dependent', [{ ...ownerOf(owner), uid: '00000000-0000-4000-8000-000000000000' }]));
      await waitFor(c, 'ConfigMap dependent is deleted', async () => !(await exists(() => kubectl.configmaps(NS).get('dependent'))), WAIT.timeoutMs);
      expect(await exists(() => kubectl.configmaps(NS).get('owner')), 'the namesake owner is left alone').toBe(true);
    },
  },
];

export default defineExerciseTests({
  part: 'controllers.gc',
  load: (m) => exportOf<AttemptToDeleteItem>(m, 'attemptToDeleteItem', 'function'),
  cases: [
    ...clusterCases,
    ...attemptToDeleteCases.map((c): GradeCase<AttemptToDeleteItem> => ({ name: c.name, kind: 'part', run: (impl) => c.run(impl) })),
  ],
});
