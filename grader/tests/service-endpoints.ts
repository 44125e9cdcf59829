/**
 * Pristine tests of the exercise `service-endpoints` (part `service.endpoints`): a cluster whose
 * Endpoints controller computes subsets with the graded part, seen as `kubectl get endpoints -o
 * yaml` shows it (addresses, notReadyAddresses, ports) for the Service of a Deployment whose pods
 * pass or fail their readiness probe, with a named targetPort, and while a pod terminates; then
 * the part's edge cases one by one (engine/controllers/endpoints/endpoints-subsets-suite.ts).
 *
 * Upstream behaviour checked here: pkg/controller/endpoint/endpoints_controller.go syncService
 * (ready pods in addresses, others in notReadyAddresses), controller_utils.go
 * ShouldPodBeInEndpoints (terminating pods leave at once), pkg/api/v1/pod/util.go FindPort.
 */
import { expect } from 'vitest';
import type { appsv1, corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { EndpointsSubsets } from '../../engine/controllers/endpoints/endpoints-subsets.ts';
import { endpointsCases } from '../../engine/controllers/endpoints/endpoints-subsets-suite.ts';
import { defineExerciseTests, exportOf, type GradeCase } from '../exercise-tests.ts';
import { waitFor } from './helpers.ts';

const NS = 'default';
const S = 1000;

function deployment(name: string, replicas: number, container: Partial<corev1.Container>): appsv1.Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web', track: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }], ...container }] } },
    },
  };
}

function service(ports: corev1.ServicePort[] = [{ name: 'http', port: 80, targetPort: 80 }]): corev1.Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports } };
}

async function endpoints(c: Cluster): Promise<corev1.Endpoints | undefined> {
  try {
    return await c.client().endpoints(NS).get('web');
  } catch {
    return undefined;
  }
}

const list = (ep: corev1.Endpoints | undefined, field: 'addresses' | 'notReadyAddresses') =>
  (ep?.subsets ?? []).flatMap((s) => (s[field] ?? []).map((a) => a.targetRef?.name ?? '?')).sort();

async function podsOf(c: Cluster, track: string): Promise<string[]> {
  return (await c.client().pods(NS).list({ labelSelector: `track=${track}` })).items.map((p) => p.metadata!.name!).sort();
}

const clusterCases: GradeCase<EndpointsSubsets>[] = [
  {
    name: "a Deployment's pods that pass their readiness probe are addresses; those that fail it are notReadyAddresses",
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 2 });
      const admin = c.client('kubectl');
      await admin.services(NS).create(service());
      t.step('created service web (selector app=web, port 80 → 80)');
      await admin.deployments(NS).create(deployment('good', 2, { readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 2 } }));
      t.step('created deployment good (2 × nginx, readiness probe GET / on port 80: passes)');
      await admin.deployments(NS).create(deployment('bad', 1, { readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 2 } }));
      t.step('created deployment bad (1 × nginx, readiness probe GET / on port 8080: fails)');
      await waitFor(c, 'pods of good and bad exist', async () => (await podsOf(c, 'good')).length === 2 && (await podsOf(c, 'bad')).length === 1, 30 * S);
      const good = await podsOf(c, 'good');
      const bad = await podsOf(c, 'bad');
      await waitFor(c, `endpoints web list ${good.join(', ')} as ready and ${bad.join(', ')} as not ready`, async () => {
        const ep = await endpoints(c);
        return list(ep, 'addresses').join() === good.join() && list(ep, 'notReadyAddresses').join() === bad.join();
      }, 120 * S);
      const ep = (await endpoints(c))!;
      t.step(`endpoints web: ${JSON.stringify(ep.subsets)}`);
      expect(ep.subsets).toHaveLength(1);
      expect(ep.subsets![0]!.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);
      const ips = await Promise.all(good.map(async (n) => (await admin.pods(NS).get(n)).status?.podIP));
      expect(ep.subsets![0]!.addresses!.map((a) => a.ip).sort()).toEqual(ips.sort());
      for (const a of ep.subsets![0]!.addresses!) expect(a.nodeName).toMatch(/^node-/);
    },
  },
  {
    name: 'a named targetPort reaches each pod on the container port it names; pods naming it differently are separate subsets',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 2 });
      const admin = c.client('kubectl');
      await admin.services(NS).create(service([{ name: 'web', port: 80, targetPort: 'http' }]));
      t.step('created service web (port 80 → targetPort http)');
      await admin.deployments(NS).create(deployment('v1', 2, {}));
      t.step('created deployment v1 (2 × nginx, container port http = 80)');
      await admin.deployments(NS).create(deployment('v2', 1, { image: 'registry.k8s.io/e2e-test-images/agnhost:2.53', args: ['netexec', '--http-port=8080'], ports: [{ name: 'http', containerPort: 8080 }] }));
      t.step('created deployment v2 (1 × agnhost netexec, container port http = 8080)');
      await waitFor(c, 'pods of v1 and v2 exist', async () => (await podsOf(c, 'v1')).length === 2 && (await podsOf(c, 'v2')).length === 1, 30 * S);
      const v1 = await podsOf(c, 'v1');
      const v2 = await podsOf(c, 'v2');
      await waitFor(c, 'endpoints web list the three pods as ready', async () => list(await endpoints(c), 'addresses').length === 3, 120 * S);
      const ep = (await endpoints(c))!;
      t.step(`endpoints web: ${JSON.stringify(ep.subsets)}`);
      const byPort = Object.fromEntries(ep.subsets!.map((s) => [s.ports!.map((p) => `${p.name}:${p.port}`).join(), (s.addresses ?? []).map((a) => a.targetRef!.name).sort()]));
      expect(byPort).toEqual({ 'web:80': v1, 'web:8080': v2 });
    },
  },
  {
    name: 'a deleted pod leaves the Endpoints at once, while it is still terminating',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      const admin = c.client('kubectl');
      await admin.services(NS).create(service());
      t.step('created service web');
      // busybox's sh ignores SIGTERM as PID 1: the pod terminates for its whole grace period.
      for (const name of ['stay', 'leave']) {
        await admin.pods(NS).create({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name, labels: { app: 'web' } },
          spec: { terminationGracePeriodSeconds: 60, containers: [{ name: 'web', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'], ports: [{ name: 'http', containerPort: 80 }] }] },
        });
      }
      t.step('created pods stay and leave (busybox sleep 3600, grace period 60 s)');
      await waitFor(c, 'endpoints web list stay and leave as ready', async () => list(await endpoints(c), 'addresses').join() === 'leave,stay', 60 * S);
      await admin.pods(NS).delete('leave');
      t.step('deleted pod leave');
      await waitFor(c, 'endpoints web list only stay', async () => list(await endpoints(c), 'addresses').join() === 'stay' && list(await endpoints(c), 'notReadyAddresses').length === 0, 20 * S);
      const leaving = await admin.pods(NS).get('leave');
      expect(leaving.metadata?.deletionTimestamp, 'pod leave is still terminating').toBeDefined();
    },
  },
];

export default defineExerciseTests({
  part: 'service.endpoints',
  load: (m) => exportOf<EndpointsSubsets>(m, 'endpointsSubsets'),
  cases: [...clusterCases, ...endpointsCases.map((c): GradeCase<EndpointsSubsets> => ({ name: c.name, kind: 'part', run: (subsets) => c.run(subsets) }))],
});
