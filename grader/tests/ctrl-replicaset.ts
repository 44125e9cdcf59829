/**
 * Pristine tests of the exercise `ctrl-replicaset` (part `controllers.replicaset`): a cluster whose
 * ReplicaSet controller decides with the graded part, seen through the API as `kubectl get pods`
 * and `kubectl describe rs` would show it, then the decision's edge cases one by one
 * (engine/controllers/replicaset/manage-replicas-suite.ts).
 *
 * Upstream behaviour checked here: pkg/controller/replicaset/replica_set.go (manageReplicas:
 * SuccessfulCreate / SuccessfulDelete events, getPodsToDelete), controller_utils.go
 * (ActivePodsWithRanks: unassigned < Pending < not ready < ready), and ClaimPods (an orphan whose
 * labels match the selector is adopted with a controller ownerReference).
 */
import { expect } from 'vitest';
import type { appsv1, corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { ManageReplicas } from '../../engine/controllers/replicaset/manage-replicas.ts';
import { manageReplicasCases } from '../../engine/controllers/replicaset/manage-replicas-suite.ts';
import { defineExerciseTests, exportOf, type GradeCase } from '../exercise-tests.ts';
import { waitFor } from './helpers.ts';

const NS = 'default';
const WAIT = { timeoutMs: 120_000 };
const LABELS = { app: 'web' };

function replicaSet(name: string, replicas: number): appsv1.ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: LABELS },
      template: { metadata: { labels: LABELS }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
    },
  };
}

function pod(name: string, spec: corev1.PodSpec): corev1.Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: LABELS }, spec };
}

const isReady = (p: corev1.Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** `kubectl get pods` without the ones already terminating. */
async function livePods(c: Cluster): Promise<corev1.Pod[]> {
  return (await c.client().pods(NS).list()).items.filter((p) => !p.metadata?.deletionTimestamp);
}

const podNames = (pods: readonly corev1.Pod[]) => pods.map((p) => p.metadata?.name ?? '').sort();

async function eventsOf(c: Cluster, kind: string, name: string, reason: string): Promise<string[]> {
  const events = (await c.client().events(NS).list()).items;
  return events.filter((e) => e.involvedObject?.kind === kind && e.involvedObject?.name === name && e.reason === reason).map((e) => e.message ?? '');
}

const clusterCases: GradeCase<ManageReplicas>[] = [
  {
    name: 'a ReplicaSet of 3 gets 3 pods it owns as controller, each announced by a SuccessfulCreate event',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 2 });
      t.step('created ReplicaSet web (replicas 3, image nginx)');
      const rs = await c.client('kubectl').replicasets(NS).create(replicaSet('web', 3));
      await waitFor(c, 'web has 3 pods', async () => (await livePods(c)).length >= 3, WAIT.timeoutMs);
      await c.clock.advance(5_000);
      const pods = await livePods(c);
      expect(pods, 'pods of web').toHaveLength(3);
      for (const p of pods) {
        expect(p.metadata?.ownerReferences, `ownerReferences of ${p.metadata?.name}`).toEqual([
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata?.uid, controller: true, blockOwnerDeletion: true },
        ]);
      }
      expect((await eventsOf(c, 'ReplicaSet', 'web', 'SuccessfulCreate')).sort(), 'SuccessfulCreate events of web').toEqual(podNames(pods).map((n) => `Created pod: ${n}`));
      await waitFor(c, 'web reports 3 ready replicas', async () => (await c.client().replicasets(NS).get('web')).status?.readyReplicas === 3, WAIT.timeoutMs);
    },
  },
  {
    name: 'a deleted pod is replaced, and the ReplicaSet goes back to its replicas',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 2 });
      const kubectl = c.client('kubectl');
      t.step('created ReplicaSet web (replicas 2)');
      await kubectl.replicasets(NS).create(replicaSet('web', 2));
      await waitFor(c, 'web has 2 running pods', async () => (await livePods(c)).filter((p) => p.status?.phase === 'Running').length === 2, WAIT.timeoutMs);
      const [victim] = podNames(await livePods(c));
      t.step(`deleted pod ${victim}`);
      await kubectl.pods(NS).delete(victim!);
      await waitFor(c, `a new pod replaces ${victim}`, async () => {
        const names = podNames(await livePods(c));
        return names.length === 2 && !names.includes(victim!);
      }, WAIT.timeoutMs);
      await c.clock.advance(10_000);
      expect(await livePods(c), 'pods of web').toHaveLength(2);
    },
  },
  {
    name: 'a matching orphan pod is adopted (it gets the ReplicaSet as controller owner) and counts towards replicas',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 2 });
      const kubectl = c.client('kubectl');
      t.step('created pod orphan (label app=web, no owner)');
      await kubectl.pods(NS).create(pod('orphan', { containers: [{ name: 'nginx', image: 'nginx' }] }));
      t.step('created ReplicaSet web (replicas 2, selector app=web)');
      const rs = await kubectl.replicasets(NS).create(replicaSet('web', 2));
      await waitFor(c, 'web reports 2 replicas', async () => (await kubectl.replicasets(NS).get('web')).status?.replicas === 2, WAIT.timeoutMs);
      await c.clock.advance(10_000);
      const pods = await livePods(c);
      expect(pods, 'pods (the orphan and the ones web created)').toHaveLength(2);
      expect(podNames(pods), 'pods left').toContain('orphan');
      const orphan = pods.find((p) => p.metadata?.name === 'orphan');
      expect(orphan?.metadata?.ownerReferences?.[0], 'owner of the adopted pod').toMatchObject({ kind: 'ReplicaSet', name: 'web', uid: rs.metadata?.uid, controller: true });
      expect(await eventsOf(c, 'ReplicaSet', 'web', 'SuccessfulCreate'), 'SuccessfulCreate events of web (one pod was missing)').toHaveLength(1);
    },
  },
  {
    name: 'scaling down deletes the unscheduled pod first, then the Pending one, then the not-ready one: the ready pod stays',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 2 });
      const kubectl = c.client('kubectl');
      // Created in an order that neither "oldest first" nor "newest first" can reproduce, two
      // seconds apart so that their ages differ.
      t.step('created pod pending (on a node, its image cannot be pulled)');
      await kubectl.pods(NS).create(pod('pending', { containers: [{ name: 'app', image: 'no-such-image:0.0' }] }));
      await c.clock.advance(2_000);
      t.step('created pod ready (nginx: Running and Ready)');
      await kubectl.pods(NS).create(pod('ready', { containers: [{ name: 'nginx', image: 'nginx' }] }));
      await c.clock.advance(2_000);
      t.step('created pod unscheduled (its nodeSelector matches no node)');
      await kubectl.pods(NS).create(pod('unscheduled', { nodeSelector: { disk: 'none' }, containers: [{ name: 'nginx', image: 'nginx' }] }));
      await c.clock.advance(2_000);
      t.step('created pod not-ready (Running, its readiness probe always fails)');
      await kubectl.pods(NS).create(
        pod('not-ready', {
          containers: [
            { name: 'app', image: 'busybox', command: ['sh', '-c', 'sleep 3600'], readinessProbe: { exec: { command: ['false'] }, periodSeconds: 5 } },
          ],
        }),
      );
      await waitFor(c, 'ready is Ready, not-ready is Running and pending is on a node', async () => {
        const [re, nr, pe] = await Promise.all(['ready', 'not-ready', 'pending'].map((n) => kubectl.pods(NS).get(n)));
        return isReady(re!) && nr!.status?.phase === 'Running' && !!pe!.spec?.nodeName;
      }, WAIT.timeoutMs);
      await c.clock.advance(20_000);

      t.step('created ReplicaSet web (replicas 2, selector app=web): it adopts the 4 pods');
      await kubectl.replicasets(NS).create(replicaSet('web', 2));
      await waitFor(c, 'only 2 pods remain', async () => (await livePods(c)).length === 2, WAIT.timeoutMs);
      await c.clock.advance(5_000);
      expect(podNames(await livePods(c)), 'pods left after web (replicas 2) adopted the 4 pods').toEqual(['not-ready', 'ready']);

      t.step('scaled ReplicaSet web to 1');
      const scale = await kubectl.replicasets(NS).getScale('web');
      await kubectl.replicasets(NS).updateScale('web', { ...scale, spec: { replicas: 1 } });
      await waitFor(c, 'only 1 pod remains', async () => (await livePods(c)).length === 1, WAIT.timeoutMs);
      await c.clock.advance(5_000);
      expect(podNames(await livePods(c)), 'pods left after scaling web to 1').toEqual(['ready']);
      expect(await eventsOf(c, 'ReplicaSet', 'web', 'SuccessfulDelete'), 'SuccessfulDelete events of web').toHaveLength(3);
    },
  },
];

export default defineExerciseTests({
  part: 'controllers.replicaset',
  load: (m) => exportOf<ManageReplicas>(m, 'manageReplicas', 'function'),
  cases: [
    ...clusterCases,
    ...manageReplicasCases.map((c): GradeCase<ManageReplicas> => ({ name: c.name, kind: 'part', run: (manage) => c.run(manage) })),
  ],
});
