/**
 * Pristine tests of the exercise `sts-identity` (part `statefulset.identity`): a cluster whose
 * StatefulSet controller names, labels and equips its pods with the graded part, seen as
 * `kubectl get pods -L statefulset.kubernetes.io/pod-name`, `kubectl get pvc` and `kubectl get pod
 * web-0 -o yaml` show it; then the part's edge cases one by one
 * (engine/controllers/statefulset/identity-suite.ts).
 *
 * Upstream behaviour checked here: pkg/controller/statefulset/stateful_set_utils.go (getPodName,
 * getPersistentVolumeClaimName, initIdentity: hostname = pod name, subdomain = serviceName,
 * updateStorage, getParentNameAndOrdinal), website concepts/workloads/controllers/statefulset.md
 * ("Pod Identity", "Stable Storage") and the StatefulSet basics tutorial (`web`, claims `www-web-N`).
 */
import { expect } from 'vitest';
import type { corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { StatefulSetIdentity } from '../../engine/controllers/statefulset/identity.ts';
import { identityCases } from '../../engine/controllers/statefulset/identity-suite.ts';
import { isRunningAndReady, NS, nginxService, podNames, setEvents, webPods, webStatefulSet } from '../../engine/controllers/statefulset/testing.ts';
import { defineExerciseTests, exportOf, type GradeCase } from '../exercise-tests.ts';
import { waitFor } from './helpers.ts';

const WAIT_MS = 120_000;

async function readyPods(c: Cluster, n: number): Promise<boolean> {
  const pods = await webPods(c.client(), true);
  return pods.length === n && pods.every(isRunningAndReady);
}

const claimOf = (p: corev1.Pod | undefined, volume: string) => p?.spec?.volumes?.find((v) => v.name === volume)?.persistentVolumeClaim?.claimName;

const clusterCases: GradeCase<StatefulSetIdentity>[] = [
  {
    name: "the docs' web example: pods web-0..2 with hostname = pod name, subdomain nginx, the pod-name label, and claims www-web-N they mount",
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 2 });
      const kubectl = c.client('kubectl');
      t.step('created headless Service nginx and StatefulSet web (replicas 3, volumeClaimTemplates www)');
      await kubectl.services(NS).create(nginxService());
      await kubectl.statefulsets(NS).create(webStatefulSet());
      await waitFor(c, 'web has 3 Running and Ready pods', () => readyPods(c, 3), WAIT_MS);
      const pods = await webPods(c.client());
      expect(podNames(pods), 'kubectl get pods -l app=nginx').toEqual(['web-0', 'web-1', 'web-2']);
      for (const [i, p] of pods.entries()) {
        const name = `web-${i}`;
        expect(p.spec?.hostname, `${name}: spec.hostname`).toBe(name);
        expect(p.spec?.subdomain, `${name}: spec.subdomain (the governing Service)`).toBe('nginx');
        expect(p.metadata?.labels?.['statefulset.kubernetes.io/pod-name'], `${name}: label statefulset.kubernetes.io/pod-name`).toBe(name);
        expect(p.metadata?.labels?.app, `${name}: the template's label app`).toBe('nginx');
        expect(claimOf(p, 'www'), `${name}: the claim its volume www mounts`).toBe(`www-${name}`);
      }
      const pvcs = (await c.client().persistentvolumeclaims(NS).list()).items;
      expect(pvcs.map((p) => p.metadata?.name).sort(), 'kubectl get pvc').toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
      for (const pvc of pvcs) expect(pvc.metadata?.labels?.app, `${pvc.metadata?.name}: label app (from the set's selector)`).toBe('nginx');
      expect((await setEvents(c.client(), 'SuccessfulCreate')).filter((m) => m.startsWith('create Claim')), 'claim events of web').toEqual([
        'create Claim www-web-0 Pod web-0 in StatefulSet web success',
        'create Claim www-web-1 Pod web-1 in StatefulSet web success',
        'create Claim www-web-2 Pod web-2 in StatefulSet web success',
      ]);
    },
  },
  {
    name: 'a deleted pod comes back with the same name and hostname, mounting the same claim (not a new one)',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 2 });
      const kubectl = c.client('kubectl');
      t.step('created headless Service nginx and StatefulSet web (replicas 2, volumeClaimTemplates www)');
      await kubectl.services(NS).create(nginxService());
      await kubectl.statefulsets(NS).create(webStatefulSet({ replicas: 2 }));
      await waitFor(c, 'web has 2 Running and Ready pods', () => readyPods(c, 2), WAIT_MS);
      const old = await c.client().pods(NS).get('web-1');
      const claim = await c.client().persistentvolumeclaims(NS).get('www-web-1');
      t.step('deleted pod web-1');
      await kubectl.pods(NS).delete('web-1');
      await waitFor(c, 'a new web-1 is Running and Ready', async () => {
        const p = (await webPods(c.client(), true)).find((x) => x.metadata?.name === 'web-1');
        return !!p && p.metadata?.uid !== old.metadata?.uid && isRunningAndReady(p);
      }, WAIT_MS);
      const pod = await c.client().pods(NS).get('web-1');
      expect(pod.spec?.hostname, 'hostname of the new web-1').toBe('web-1');
      expect(claimOf(pod, 'www'), 'claim of the new web-1').toBe('www-web-1');
      expect((await c.client().persistentvolumeclaims(NS).get('www-web-1')).metadata?.uid, 'uid of claim www-web-1 (the same claim as before)').toBe(claim.metadata?.uid);
      expect((await c.client().persistentvolumeclaims(NS).list()).items, 'claims').toHaveLength(2);
    },
  },
  {
    name: 'a set whose name has dashes (my-web, replicas 2) gets exactly my-web-0 and my-web-1 and reports 2 replicas',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 2 });
      t.step('created StatefulSet my-web (replicas 2, no claims)');
      const sts = webStatefulSet({ replicas: 2, claims: false });
      sts.metadata = { name: 'my-web' };
      await c.client('kubectl').statefulsets(NS).create(sts);
      await waitFor(c, 'my-web reports 2 ready replicas', async () => (await c.client().statefulsets(NS).get('my-web')).status?.readyReplicas === 2, WAIT_MS);
      await c.clock.advance(30_000);
      const pods = (await c.client().pods(NS).list()).items;
      expect(pods.map((p) => p.metadata?.name).sort(), 'pods').toEqual(['my-web-0', 'my-web-1']);
      expect(pods.map((p) => p.spec?.hostname).sort(), 'hostnames').toEqual(['my-web-0', 'my-web-1']);
      expect((await c.client().statefulsets(NS).get('my-web')).status?.replicas, 'status.replicas of my-web').toBe(2);
    },
  },
];

export default defineExerciseTests({
  part: 'statefulset.identity',
  load: (m) => exportOf<StatefulSetIdentity>(m, 'statefulSetIdentity', 'object'),
  cases: [...clusterCases, ...identityCases.map((c): GradeCase<StatefulSetIdentity> => ({ name: c.name, kind: 'part', run: (id) => c.run(id) }))],
});
