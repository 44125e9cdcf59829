/**
 * Pristine tests of the exercise `sts-ordering` (part `controllers.statefulset`): a cluster whose
 * StatefulSet controller decides with the graded part, watched as `kubectl get pods -l app=nginx
 * -w` shows it (the order pods appear, become Ready and terminate), then the decision's edge cases
 * one by one (engine/controllers/statefulset/ordering-suite.ts).
 *
 * Upstream behaviour checked here: pkg/controller/statefulset/stateful_set_control.go
 * (updateStatefulSet: OrderedReady creates 0..N-1 each after its predecessors are Running and
 * Ready, deletes from the highest ordinal one at a time, RollingUpdate from the highest ordinal
 * down to the partition), website concepts/workloads/controllers/statefulset.md ("Deployment and
 * Scaling Guarantees", "Partitioned rolling updates") and the StatefulSet basics tutorial.
 */
import { expect } from 'vitest';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { StatefulSetOrdering } from '../../engine/controllers/statefulset/ordering.ts';
import { orderingCases } from '../../engine/controllers/statefulset/ordering-suite.ts';
import { addedAt, addedOrder, deletionOrder, isRunningAndReady, NS, nginxService, readyAt, setEvents, watchWebPods, webPods, webStatefulSet } from '../../engine/controllers/statefulset/testing.ts';
import { defineExerciseTests, exportOf, type GradeCase } from '../exercise-tests.ts';
import { waitFor } from './helpers.ts';

const WAIT_MS = 120_000;
const OLD = 'registry.k8s.io/nginx-slim:0.24';
const NEW = 'registry.k8s.io/nginx-slim:0.21';

async function readyPods(c: Cluster, n: number, image?: string): Promise<boolean> {
  const pods = await webPods(c.client(), true);
  return pods.length === n && pods.every((p) => isRunningAndReady(p) && (!image || p.spec?.containers[0]?.image === image));
}

const images = async (c: Cluster) => (await webPods(c.client(), true)).map((p) => `${p.metadata?.name}=${p.spec?.containers[0]?.image}`);

const clusterCases: GradeCase<StatefulSetOrdering>[] = [
  {
    name: 'OrderedReady (the default): web-0, web-1, web-2 appear in order, each only once its predecessor is Running and Ready',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 2 });
      const w = await watchWebPods(c.client(), () => c.clock.now());
      t.step('created headless Service nginx and StatefulSet web (replicas 3, no claims); watching the pods');
      await c.client('kubectl').services(NS).create(nginxService());
      await c.client('kubectl').statefulsets(NS).create(webStatefulSet({ claims: false }));
      await waitFor(c, 'web has 3 Running and Ready pods', () => readyPods(c, 3), WAIT_MS);
      w.stop();
      t.step(`pods appeared in the order ${addedOrder(w.events).join(', ')}`);
      expect(addedOrder(w.events), 'order in which the pods appeared').toEqual(['web-0', 'web-1', 'web-2']);
      for (const [prev, next] of [['web-0', 'web-1'], ['web-1', 'web-2']] as const) {
        const created = addedAt(w.events, next)!;
        const ready = readyAt(w.events, prev);
        expect(ready !== undefined && created >= ready, `${next} was created (t=${created / 1000} s) only after ${prev} was Running and Ready (t=${ready === undefined ? 'never' : ready / 1000} s)`).toBe(true);
      }
      expect(await setEvents(c.client(), 'SuccessfulCreate'), 'SuccessfulCreate events of web').toEqual([
        'create Pod web-0 in StatefulSet web successful',
        'create Pod web-1 in StatefulSet web successful',
        'create Pod web-2 in StatefulSet web successful',
      ]);
    },
  },
  {
    name: 'scaling web from 3 to 1 terminates web-2 first and web-1 only once web-2 is gone; the claims stay',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 2 });
      const kubectl = c.client('kubectl');
      t.step('created headless Service nginx and StatefulSet web (replicas 3, volumeClaimTemplates www)');
      await kubectl.services(NS).create(nginxService());
      await kubectl.statefulsets(NS).create(webStatefulSet());
      await waitFor(c, 'web has 3 Running and Ready pods', () => readyPods(c, 3), WAIT_MS);
      const w = await watchWebPods(c.client(), () => c.clock.now());
      t.step('kubectl scale sts web --replicas=1');
      const scale = await kubectl.statefulsets(NS).getScale('web');
      await kubectl.statefulsets(NS).updateScale('web', { ...scale, spec: { replicas: 1 } });
      await waitFor(c, 'only web-0 is left', async () => (await webPods(c.client())).length === 1, WAIT_MS);
      w.stop();
      t.step(`pods terminated in the order ${deletionOrder(w.events).join(', ')}`);
      expect((await webPods(c.client())).map((p) => p.metadata?.name), 'pods left').toEqual(['web-0']);
      expect(deletionOrder(w.events), 'order in which the pods began terminating').toEqual(['web-2', 'web-1']);
      const gone = w.events.find((e) => e.name === 'web-2' && e.type === 'DELETED')?.at ?? Infinity;
      const next = w.events.find((e) => e.name === 'web-1' && (e.terminating || e.type === 'DELETED'))?.at ?? -1;
      expect(next >= gone, `web-1 began terminating (t=${next / 1000} s) only after web-2 was gone (t=${gone / 1000} s)`).toBe(true);
      expect((await c.client().persistentvolumeclaims(NS).list()).items.map((p) => p.metadata?.name).sort(), 'kubectl get pvc').toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    },
  },
  {
    name: 'a RollingUpdate with partition 1 replaces web-2 then web-1 (each after the previous is Ready again) and never touches web-0',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 2 });
      t.step(`created StatefulSet web (replicas 3, no claims, image ${OLD}, updateStrategy RollingUpdate partition 1)`);
      await c.client('kubectl').statefulsets(NS).create(webStatefulSet({ claims: false, image: OLD, spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } } }));
      await waitFor(c, 'web has 3 Running and Ready pods', () => readyPods(c, 3), WAIT_MS);
      const w = await watchWebPods(c.client(), () => c.clock.now());
      t.step(`changed the template's image to ${NEW}`);
      const sts = await c.client().statefulsets(NS).get('web');
      sts.spec!.template!.spec!.containers[0]!.image = NEW;
      await c.client('kubectl').statefulsets(NS).update(sts);
      await waitFor(c, `web-1 and web-2 run ${NEW} and are Ready`, async () => {
        const pods = await webPods(c.client(), true);
        return pods.length === 3 && pods.slice(1).every((p) => isRunningAndReady(p) && p.spec?.containers[0]?.image === NEW);
      }, WAIT_MS);
      await c.clock.advance(60_000);
      w.stop();
      t.step(`pods now: ${(await images(c)).join(', ')}`);
      expect(deletionOrder(w.events), 'order in which pods were replaced').toEqual(['web-2', 'web-1']);
      const web2Back = w.events.filter((e) => e.name === 'web-2' && e.ready && !e.terminating).pop()?.at ?? Infinity;
      const web1Goes = w.events.find((e) => e.name === 'web-1' && e.terminating)?.at ?? -1;
      expect(web1Goes >= web2Back, 'web-1 was replaced only after the new web-2 was Running and Ready').toBe(true);
      expect(await images(c), 'images of the pods (web-0 is below the partition)').toEqual([`web-0=${OLD}`, `web-1=${NEW}`, `web-2=${NEW}`]);
      const status = (await c.client().statefulsets(NS).get('web')).status;
      expect({ current: status?.currentReplicas, updated: status?.updatedReplicas }, 'status: currentReplicas, updatedReplicas').toEqual({ current: 1, updated: 2 });
    },
  },
  {
    name: 'Parallel: all three pods are created before any of them is Ready',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 2 });
      const w = await watchWebPods(c.client(), () => c.clock.now());
      t.step('created StatefulSet web (replicas 3, no claims, podManagementPolicy Parallel)');
      await c.client('kubectl').statefulsets(NS).create(webStatefulSet({ claims: false, spec: { podManagementPolicy: 'Parallel' } }));
      await waitFor(c, 'web has 3 Running and Ready pods', () => readyPods(c, 3), WAIT_MS);
      w.stop();
      const firstReady = Math.min(...['web-0', 'web-1', 'web-2'].map((n) => readyAt(w.events, n) ?? Infinity));
      for (const n of ['web-0', 'web-1', 'web-2']) {
        expect((addedAt(w.events, n) ?? Infinity) < firstReady, `${n} was created before the first pod became Ready`).toBe(true);
      }
    },
  },
  {
    name: 'OnDelete: after a template change no pod is replaced on its own; web-0 deleted by hand comes back on the new template',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 2 });
      t.step(`created StatefulSet web (replicas 2, no claims, image ${OLD}, updateStrategy OnDelete)`);
      await c.client('kubectl').statefulsets(NS).create(webStatefulSet({ replicas: 2, claims: false, image: OLD, spec: { updateStrategy: { type: 'OnDelete' } } }));
      await waitFor(c, 'web has 2 Running and Ready pods', () => readyPods(c, 2), WAIT_MS);
      const uids = (await webPods(c.client())).map((p) => p.metadata?.uid);
      t.step(`changed the template's image to ${NEW}, then waited 2 minutes`);
      const sts = await c.client().statefulsets(NS).get('web');
      sts.spec!.template!.spec!.containers[0]!.image = NEW;
      await c.client('kubectl').statefulsets(NS).update(sts);
      await c.clock.advance(120_000);
      expect(await images(c), 'images 2 minutes after the template change').toEqual([`web-0=${OLD}`, `web-1=${OLD}`]);
      expect((await webPods(c.client())).map((p) => p.metadata?.uid), 'the pods are the same objects as before').toEqual(uids);
      t.step('deleted pod web-0');
      await c.client('kubectl').pods(NS).delete('web-0');
      await waitFor(c, 'a new web-0 is Running and Ready', async () => {
        const p = (await webPods(c.client(), true)).find((x) => x.metadata?.name === 'web-0');
        return !!p && p.metadata?.uid !== uids[0] && isRunningAndReady(p);
      }, WAIT_MS);
      expect(await images(c), 'images after web-0 was deleted').toEqual([`web-0=${NEW}`, `web-1=${OLD}`]);
    },
  },
];

export default defineExerciseTests({
  part: 'controllers.statefulset',
  load: (m) => exportOf<StatefulSetOrdering>(m, 'decideStatefulSetActions', 'function'),
  cases: [...clusterCases, ...orderingCases.map((c): GradeCase<StatefulSetOrdering> => ({ name: c.name, kind: 'part', run: (decide) => c.run(decide) }))],
});
