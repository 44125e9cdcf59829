/**
 * Pristine tests of the exercise `ctrl-deployment` (part `controllers.deployment`): rollouts on a
 * cluster whose Deployment controller takes its RollingUpdate arithmetic from the graded part,
 * watched pod by pod as `kubectl get pods -w` and `kubectl rollout status` would show them, then
 * the arithmetic's edge cases (engine/controllers/deployment/rolling-update-suite.ts).
 *
 * Upstream behaviour checked here: pkg/controller/deployment/rolling.go (a RollingUpdate never
 * has more than replicas + maxSurge pods nor fewer than replicas − maxUnavailable available ones),
 * deployment/util ResolveFenceposts (maxSurge rounds up, maxUnavailable rounds down, both 0 → 1),
 * the ScalingReplicaSet events `Scaled up|down replica set <name> from <a> to <b>`, and the
 * status counters of a finished rollout.
 */
import { expect } from 'vitest';
import type { appsv1, corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { RollingUpdateArithmetic } from '../../engine/controllers/deployment/rolling-update.ts';
import { rollingUpdateCases } from '../../engine/controllers/deployment/rolling-update-suite.ts';
import { defineExerciseTests, exportOf, type CaseContext, type GradeCase } from '../exercise-tests.ts';
import { waitFor } from './helpers.ts';

const NS = 'default';
const WAIT = { timeoutMs: 5 * 60_000 };
const LABELS = { app: 'web' };

function deployment(replicas: number, maxSurge: number | string, maxUnavailable: number | string): appsv1.Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas,
      selector: { matchLabels: LABELS },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } },
      template: { metadata: { labels: LABELS }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } },
    },
  };
}

const isReady = (p: corev1.Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** The Deployment is rolled out: every counter equals spec.replicas and the generation is observed. */
async function rolledOut(c: Cluster, replicas: number): Promise<boolean> {
  const d = await c.client().deployments(NS).get('web');
  const s = d.status;
  return (
    (s?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1) &&
    s?.updatedReplicas === replicas &&
    s?.replicas === replicas &&
    s?.availableReplicas === replicas &&
    (s?.unavailableReplicas ?? 0) === 0
  );
}

async function scalingEvents(c: Cluster): Promise<string[]> {
  const events = (await c.client().events(NS).list()).items;
  return events.filter((e) => e.involvedObject?.kind === 'Deployment' && e.reason === 'ScalingReplicaSet').map((e) => e.message ?? '');
}

interface RolloutWatch {
  /** Most pods that existed at once (not counting terminating ones). */
  maxPods: number;
  /** Fewest Ready pods (not terminating) seen at once during the rollout. */
  minReady: number;
  /** Every change of a ReplicaSet's spec.replicas, in order (a new ReplicaSet counts as from 0). */
  scaling: Array<{ name: string; from: number; to: number }>;
  stop(): void;
}

/**
 * Lists the pods and ReplicaSets, then watches them from there (`kubectl get pods,rs -w`),
 * keeping the extremes and every change of size.
 */
async function watchRollout(c: Cluster): Promise<RolloutWatch> {
  const client = c.client();
  const pods = new Map<string, corev1.Pod>();
  const sizes = new Map<string, number>();
  const podList = await client.pods(NS).list();
  for (const p of podList.items) if (!p.metadata?.deletionTimestamp) pods.set(p.metadata?.name ?? '', p);
  const rsList = await client.replicasets(NS).list();
  for (const rs of rsList.items) sizes.set(rs.metadata?.name ?? '', rs.spec?.replicas ?? 0);
  const w: RolloutWatch = { maxPods: pods.size, minReady: [...pods.values()].filter(isReady).length, scaling: [], stop: () => undefined };
  const podWatch = client.pods(NS).watch({ resourceVersion: podList.metadata?.resourceVersion }, (ev) => {
    if (ev.type === 'ERROR' || ev.type === 'BOOKMARK' || ev.object.kind === 'Status') return;
    const pod = ev.object as corev1.Pod;
    const name = pod.metadata?.name ?? '';
    if (ev.type === 'DELETED' || pod.metadata?.deletionTimestamp) pods.delete(name);
    else pods.set(name, pod);
    w.maxPods = Math.max(w.maxPods, pods.size);
    w.minReady = Math.min(w.minReady, [...pods.values()].filter(isReady).length);
  });
  const rsWatch = client.replicasets(NS).watch({ resourceVersion: rsList.metadata?.resourceVersion }, (ev) => {
    if (ev.type === 'ERROR' || ev.type === 'BOOKMARK' || ev.type === 'DELETED' || ev.object.kind === 'Status') return;
    const rs = ev.object as appsv1.ReplicaSet;
    const name = rs.metadata?.name ?? '';
    const from = sizes.get(name) ?? 0;
    const to = rs.spec?.replicas ?? 0;
    sizes.set(name, to);
    if (from !== to) w.scaling.push({ name, from, to });
  });
  w.stop = () => {
    podWatch.stop();
    rsWatch.stop();
  };
  return w;
}

const describeScaling = (s: RolloutWatch['scaling']) => s.map((x) => `${x.name} ${x.from}→${x.to}`);

/**
 * Creates Deployment web, waits for it to be available, then changes its image and watches the
 * rollout to its end.
 */
async function rollout(t: CaseContext, replicas: number, maxSurge: number | string, maxUnavailable: number | string) {
  const c = await t.cluster({ nodes: 2 });
  const kubectl = c.client('kubectl');
  t.step(`created Deployment web (replicas ${replicas}, maxSurge ${maxSurge}, maxUnavailable ${maxUnavailable}, image nginx:1.25)`);
  await kubectl.deployments(NS).create(deployment(replicas, maxSurge, maxUnavailable));
  await waitFor(c, `web has ${replicas} available replicas`, () => rolledOut(c, replicas), WAIT.timeoutMs);
  const before = (await scalingEvents(c)).length;
  const watch = await watchRollout(c);
  t.step('changed the image to nginx:1.26 (a new rollout)');
  const d = await kubectl.deployments(NS).get('web');
  const containers = d.spec!.template.spec!.containers.map((x) => ({ ...x, image: 'nginx:1.26' }));
  await kubectl.deployments(NS).update({ ...d, spec: { ...d.spec!, template: { ...d.spec!.template, spec: { ...d.spec!.template.spec!, containers } } } });
  await waitFor(c, `the rollout is complete (${replicas} updated, available replicas)`, () => rolledOut(c, replicas), WAIT.timeoutMs);
  await c.clock.advance(5_000);
  watch.stop();
  return { c, watch, events: (await scalingEvents(c)).slice(before) };
}

const clusterCases: GradeCase<RollingUpdateArithmetic>[] = [
  {
    name: 'a rollout of 4 replicas with maxSurge 1 and maxUnavailable 1 never has more than 5 pods nor fewer than 3 ready ones, and ends with every replica updated and available',
    kind: 'cluster',
    async run(_part, t) {
      const { c, watch, events } = await rollout(t, 4, 1, 1);
      expect(watch.maxPods, 'most pods at once (replicas + maxSurge = 5)').toBeLessThanOrEqual(5);
      expect(watch.minReady, 'fewest ready pods at once (replicas − maxUnavailable = 3)').toBeGreaterThanOrEqual(3);
      const d = await c.client().deployments(NS).get('web');
      expect(d.status, 'status of Deployment web').toMatchObject({ replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
      const pods = (await c.client().pods(NS).list()).items.filter((p) => !p.metadata?.deletionTimestamp);
      expect(pods.map((p) => p.spec?.containers[0]?.image), 'images of the pods left').toEqual(['nginx:1.26', 'nginx:1.26', 'nginx:1.26', 'nginx:1.26']);
      const rss = (await c.client().replicasets(NS).list()).items;
      expect(rss.map((rs) => rs.spec?.replicas).sort(), 'spec.replicas of the old and new ReplicaSets').toEqual([0, 4]);
      expect(events.length, 'ScalingReplicaSet events of the rollout').toBeGreaterThanOrEqual(2);
      expect(events[0], 'first ScalingReplicaSet event of the rollout').toMatch(/^Scaled up replica set web-[a-z0-9]+ from 0 to 1$/);
      for (const e of events) expect(e).toMatch(/^Scaled (up|down) replica set web-[a-z0-9]+ from \d+ to \d+$/);
    },
  },
  {
    name: '25% of 10 replicas is a surge of 3 (rounded up) and 2 unavailable (rounded down): the new ReplicaSet starts at 3 and the old one first shrinks from 10 to 8',
    kind: 'cluster',
    async run(_part, t) {
      const { watch } = await rollout(t, 10, '25%', '25%');
      const steps = describeScaling(watch.scaling);
      expect(steps.slice(0, 2), 'first two ReplicaSet size changes (name from→to)').toEqual([expect.stringMatching(/^web-[a-z0-9]+ 0→3$/), expect.stringMatching(/^web-[a-z0-9]+ 10→8$/)]);
      expect(steps.at(-1), 'last ReplicaSet size change').toMatch(/^web-[a-z0-9]+ \d+→0$/);
      expect(watch.maxPods, 'most pods at once (10 + 3)').toBeLessThanOrEqual(13);
      expect(watch.minReady, 'fewest ready pods at once (10 − 2)').toBeGreaterThanOrEqual(8);
    },
  },
  {
    name: 'with maxSurge 0% and maxUnavailable 25% of 1 replica (both round to 0) the rollout still moves: the old pod goes first',
    kind: 'cluster',
    async run(_part, t) {
      const { watch } = await rollout(t, 1, '0%', '25%');
      expect(watch.maxPods, 'never more than 1 pod (maxSurge 0)').toBeLessThanOrEqual(1);
      const steps = describeScaling(watch.scaling);
      expect(steps, 'ReplicaSet size changes in order (name from→to)').toEqual([expect.stringMatching(/^web-[a-z0-9]+ 1→0$/), expect.stringMatching(/^web-[a-z0-9]+ 0→1$/)]);
    },
  },
];

export default defineExerciseTests({
  part: 'controllers.deployment',
  load: (m) => exportOf<RollingUpdateArithmetic>(m, 'rollingUpdate', 'object'),
  cases: [
    ...clusterCases,
    ...rollingUpdateCases.map((c): GradeCase<RollingUpdateArithmetic> => ({ name: c.name, kind: 'part', run: (impl) => c.run(impl) })),
  ],
});
