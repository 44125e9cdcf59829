/**
 * Pristine tests of the exercise `proxy-affinity` (part `proxy.affinity`): a two-node cluster
 * whose kube-proxies choose endpoints with the graded part, checked from a busybox pod with
 * `wget` against a Deployment of agnhost serve-hostname (each answer is the pod's name), then
 * the part's edge cases (engine/proxy/session-affinity-suite.ts).
 *
 * Upstream behaviour checked here: iptables' KUBE-SVC chains spread new connections at random
 * (`statistic --mode random`); sessionAffinity ClientIP uses `recent --rcheck --seconds
 * <timeoutSeconds>` refreshed by `recent --set` on every use (pkg/proxy/iptables/proxier.go), so
 * the timeout counts from the last connection; the default timeout is 10800 s.
 */
import { expect } from 'vitest';
import type { corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { LoadBalancerFactory } from '../../engine/proxy/session-affinity.ts';
import { affinityCases } from '../../engine/proxy/session-affinity-suite.ts';
import { busyboxPod, execInPod, service, serveHostnameDeployment, kubeProxyErrors, waitForReadyPod, wgetUntil } from '../../engine/proxy/testing.ts';
import { defineExerciseTests, exportOf, type CaseContext, type GradeCase } from '../exercise-tests.ts';

const NS = 'default';
const S = 1000;

/** Deployment hostnames (3 replicas) behind Service hostnames, a busybox client; waits until the Service answers. */
async function hostnames(t: CaseContext, spec: Partial<corev1.ServiceSpec>): Promise<{ c: Cluster; ip: string }> {
  const c = await t.cluster({ nodes: 2 });
  const api = c.client('kubectl');
  t.step(`created Deployment hostnames (3 agnhost serve-hostname), Service hostnames ${JSON.stringify(spec)}, pod client (busybox)`);
  await api.deployments(NS).create(serveHostnameDeployment('hostnames', 3));
  const svc = await api.services(NS).create(service('hostnames', { ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec }));
  await api.pods(NS).create(busyboxPod('client'));
  await waitForReadyPod(c, NS, 'client');
  const ip = svc.spec!.clusterIP!;
  // Let all three replicas become ready (their readiness probes run every 5 s).
  const pods = async () => (await api.pods(NS).list({ labelSelector: 'app=hostnames' })).items;
  await c.clock.runUntil(async () => (await pods()).filter((p) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')).length === 3, { timeoutMs: 60 * S });
  await c.clock.advance(3 * S);
  const r = await wgetUntil(c, NS, 'client', `http://${ip}`, (x) => x.ok);
  if (!r.ok) throw new Error(`the Service never answered: ${r.error}${kubeProxyErrors(c)}`);
  return { c, ip };
}

/** `kubectl exec client -- sh -c 'for i in $(seq n); do wget -qO- http://ip; echo; done'`. */
async function answers(c: Cluster, t: CaseContext, ip: string, n: number): Promise<string[]> {
  t.step(`kubectl exec client -- sh -c 'for i in $(seq ${n}); do wget -qO- http://${ip}; echo; done'`);
  const r = await execInPod(c, NS, 'client', ['sh', '-c', `for i in $(seq ${n}); do wget -qO- -T 2 http://${ip}; echo; done`]);
  return r.stdout.split('\n').filter(Boolean);
}

const clusterCases: GradeCase<LoadBalancerFactory>[] = [
  {
    name: 'without session affinity, 30 requests to a 3-replica serve-hostname Service are answered by at least two pods',
    kind: 'cluster',
    async run(_part, t) {
      const { c, ip } = await hostnames(t, {});
      const seen = await answers(c, t, ip, 30);
      expect(seen, 'answers received').toHaveLength(30);
      expect(new Set(seen).size, `distinct pods among the answers (${[...new Set(seen)].join(', ')})`).toBeGreaterThanOrEqual(2);
    },
  },
  {
    name: 'with sessionAffinity ClientIP, 30 requests from one pod are all answered by the same pod',
    kind: 'cluster',
    async run(_part, t) {
      const { c, ip } = await hostnames(t, { sessionAffinity: 'ClientIP' });
      const svc = await c.client().services(NS).get('hostnames');
      expect(svc.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds, 'the default timeout').toBe(10800);
      const seen = await answers(c, t, ip, 30);
      expect(seen).toHaveLength(30);
      expect([...new Set(seen)], 'pods that answered').toHaveLength(1);
      t.step('waited 20 minutes (far below the default 10800 s)');
      await c.clock.advance(1200 * S);
      expect(await answers(c, t, ip, 5)).toEqual(Array(5).fill(seen[0]));
    },
  },
  {
    name: 'with sessionAffinity ClientIP, each of four client pods keeps its own pod, and they are not all sent to the same one',
    kind: 'cluster',
    async run(_part, t) {
      const { c, ip } = await hostnames(t, { sessionAffinity: 'ClientIP' });
      const clients = ['client', 'client-2', 'client-3', 'client-4'];
      t.step(`created pods ${clients.slice(1).join(', ')} (busybox)`);
      for (const name of clients.slice(1)) await c.client('kubectl').pods(NS).create(busyboxPod(name));
      for (const name of clients) await waitForReadyPod(c, NS, name);
      const seen: Record<string, string[]> = {};
      for (let round = 0; round < 3; round++) {
        for (const name of clients) {
          t.step(`kubectl exec ${name} -- wget -qO- http://${ip}`);
          const r = await execInPod(c, NS, name, ['sh', '-c', `for i in 1 2 3; do wget -qO- -T 2 http://${ip}; echo; done`]);
          (seen[name] ??= []).push(...r.stdout.split('\n').filter(Boolean));
        }
        await c.clock.advance(30 * S);
      }
      for (const name of clients) expect([...new Set(seen[name])], `pods that answered ${name}`).toHaveLength(1);
      const chosen = clients.map((n) => seen[n]![0]);
      expect(new Set(chosen).size, `pods chosen for the four clients: ${chosen.join(', ')}`).toBeGreaterThanOrEqual(2);
    },
  },
  {
    name: 'ClientIP affinity with timeoutSeconds 60: a client back within 60 s keeps its pod; idle longer, it is balanced again',
    kind: 'cluster',
    async run(_part, t) {
      const { c, ip } = await hostnames(t, { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } });
      const first = (await answers(c, t, ip, 3))[0]!;
      for (let i = 1; i <= 6; i++) {
        t.step('waited 50 s');
        await c.clock.advance(50 * S);
        expect(await answers(c, t, ip, 1), `after ${i} × 50 s, each within 60 s of the last request`).toEqual([first]);
      }
      const after: string[] = [];
      for (let i = 0; i < 8; i++) {
        t.step('waited 61 s');
        await c.clock.advance(61 * S);
        after.push(...(await answers(c, t, ip, 1)));
      }
      expect(new Set([first, ...after]).size, `pods that answered after each 61 s pause: ${after.join(', ')} (first: ${first})`).toBeGreaterThanOrEqual(2);
    },
  },
];

export default defineExerciseTests({
  part: 'proxy.affinity',
  load: (m) => exportOf<LoadBalancerFactory>(m, 'newLoadBalancer'),
  cases: [
    ...clusterCases,
    ...affinityCases.map((c): GradeCase<LoadBalancerFactory> => ({ name: c.name, kind: 'part', run: (factory) => c.run(factory) })),
  ],
});
