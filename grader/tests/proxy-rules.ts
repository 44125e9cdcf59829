/**
 * Pristine tests of the exercise `proxy-rules` (part `proxy.rules`): a two-node cluster whose
 * kube-proxies build their rule tables with the graded part, checked the way a user checks a
 * Service — `kubectl exec client -- wget -qO- http://<clusterIP>` from a busybox pod, and
 * `curl http://<nodeIP>:<nodePort>` from the host — then the part's edge cases one by one
 * (engine/proxy/rule-table-suite.ts).
 *
 * Upstream behaviour checked here: pkg/proxy/iptables/proxier.go (a Service with no endpoints is
 * REJECTed: `connect: connection refused`; NodePorts answer on every node),
 * pkg/proxy/topology.go CategorizeEndpoints (only ready endpoints take traffic), and
 * pkg/proxy/endpointslicecache.go (endpoints are matched to a Service port by its name).
 */
import { expect } from 'vitest';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { BuildRuleTable } from '../../engine/proxy/rule-table.ts';
import { ruleTableCases } from '../../engine/proxy/rule-table-suite.ts';
import { AGNHOST, busyboxPod, execInPod, hostGet, service, serveHostnameDeployment, kubeProxyErrors, waitForReadyPod, wget, wgetUntil } from '../../engine/proxy/testing.ts';
import { defineExerciseTests, exportOf, type CaseContext, type GradeCase } from '../exercise-tests.ts';

const NS = 'default';
const S = 1000;

async function withClient(t: CaseContext): Promise<Cluster> {
  const c = await t.cluster({ nodes: 2 });
  t.step('created pod client (busybox, sleeps)');
  await c.client('kubectl').pods(NS).create(busyboxPod('client'));
  await waitForReadyPod(c, NS, 'client');
  return c;
}

const refusedBy = (ip: string) => `wget: can't connect to remote host (${ip}): Connection refused`;

const clusterCases: GradeCase<BuildRuleTable>[] = [
  {
    name: 'wget from a busybox pod reaches nginx through its Service ClusterIP (targetPort by name)',
    kind: 'cluster',
    async run(_part, t) {
      const c = await withClient(t);
      const api = c.client('kubectl');
      t.step('created pod web (nginx, containerPort 80 named http) and Service web (port 80 → targetPort http)');
      await api.pods(NS).create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] }] } });
      const svc = await api.services(NS).create(service('web', { ports: [{ name: 'web', port: 80, targetPort: 'http' }] }));
      await waitForReadyPod(c, NS, 'web');
      const ip = svc.spec!.clusterIP!;
      t.step(`kubectl exec client -- wget -qO- http://${ip} (repeated until it answers, 60 s)`);
      const r = await wgetUntil(c, NS, 'client', `http://${ip}`, (x) => x.ok);
      expect(r.error, `what wget printed${kubeProxyErrors(c)}`).toBe('');
      expect(r.body).toContain('Welcome to nginx!');
    },
  },
  {
    name: 'a Service whose only pod is not ready refuses connections; once the pod is ready, it answers',
    kind: 'cluster',
    async run(_part, t) {
      const c = await withClient(t);
      const api = c.client('kubectl');
      const d = serveHostnameDeployment('hostnames', 1);
      d.spec!.template.spec!.containers[0]!.readinessProbe = { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 1 };
      t.step('created Deployment hostnames (1 agnhost serve-hostname, readiness probe `cat /tmp/ready`) and Service hostnames');
      await api.deployments(NS).create(d);
      const svc = await api.services(NS).create(service('hostnames', { ports: [{ name: 'http', port: 80, targetPort: 'http' }] }));
      const ip = svc.spec!.clusterIP!;
      await c.clock.advance(10 * S);
      t.step(`kubectl exec client -- wget -qO- http://${ip} while the pod runs but is not ready`);
      const before = await wgetUntil(c, NS, 'client', `http://${ip}`, (x) => x.error === refusedBy(ip) || x.ok, 20 * S);
      expect(before.ok, `the Service answered (${before.body.trim()}) although its pod is not ready`).toBe(false);
      expect(before.error).toBe(refusedBy(ip));
      const pod = (await api.pods(NS).list({ labelSelector: 'app=hostnames' })).items[0]!.metadata!.name!;
      t.step(`kubectl exec ${pod} -- touch /tmp/ready`);
      await execInPod(c, NS, pod, ['touch', '/tmp/ready']);
      const after = await wgetUntil(c, NS, 'client', `http://${ip}`, (x) => x.ok, 30 * S);
      expect(after.error, `what wget printed once the pod was ready${kubeProxyErrors(c)}`).toBe('');
      expect(after.body).toBe(pod);
    },
  },
  {
    name: "a deleted pod keeps answering through its Service during its grace period while no other pod is ready; then the Service refuses",
    kind: 'cluster',
    async run(_part, t) {
      const c = await withClient(t);
      const api = c.client('kubectl');
      t.step('created pod lonely (agnhost serve-hostname, port http 9376) and Service lonely (port 80 → http)');
      await api.pods(NS).create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'lonely', labels: { app: 'lonely' } },
        spec: { containers: [{ name: 'serve-hostname', image: AGNHOST, args: ['serve-hostname'], ports: [{ name: 'http', containerPort: 9376 }], readinessProbe: { tcpSocket: { port: 9376 }, periodSeconds: 1 } }] },
      });
      const svc = await api.services(NS).create(service('lonely', { ports: [{ name: 'http', port: 80, targetPort: 'http' }] }));
      await waitForReadyPod(c, NS, 'lonely');
      const ip = svc.spec!.clusterIP!;
      const up = await wgetUntil(c, NS, 'client', `http://${ip}`, (x) => x.ok);
      expect(up.error, `wget http://${ip}${kubeProxyErrors(c)}`).toBe('');
      t.step('kubectl delete pod lonely --wait=false (serve-hostname keeps serving until SIGKILL after the 30 s grace period)');
      await api.pods(NS).delete('lonely');
      await c.clock.advance(3 * S);
      t.step(`kubectl exec client -- wget -qO- http://${ip} 3 s after the delete`);
      const draining = await wget(c, NS, 'client', `http://${ip}`);
      expect(draining.error, 'while the only pod is terminating but still serving').toBe('');
      expect(draining.body).toBe('lonely');
      await c.clock.advance(40 * S);
      t.step(`kubectl exec client -- wget -qO- http://${ip} once the pod is gone`);
      expect((await wget(c, NS, 'client', `http://${ip}`)).error).toBe(refusedBy(ip));
    },
  },
  {
    name: 'a Service with two named ports sends each port to the container port of the same name',
    kind: 'cluster',
    async run(_part, t) {
      const c = await withClient(t);
      const api = c.client('kubectl');
      t.step('created pod multi (agnhost serve-hostname on 9376 named hostname, agnhost netexec on 8080 named netexec)');
      await api.pods(NS).create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'multi', labels: { app: 'multi' } },
        spec: {
          containers: [
            { name: 'hostname', image: AGNHOST, args: ['serve-hostname'], ports: [{ name: 'hostname', containerPort: 9376 }] },
            { name: 'netexec', image: AGNHOST, args: ['netexec', '--http-port=8080'], ports: [{ name: 'netexec', containerPort: 8080 }] },
          ],
        },
      });
      t.step('created Service multi: port 80 (hostname) → targetPort hostname, port 8080 (echo) → targetPort netexec');
      const svc = await api.services(NS).create(service('multi', { ports: [{ name: 'hostname', port: 80, targetPort: 'hostname' }, { name: 'echo', port: 8080, targetPort: 'netexec' }] }));
      await waitForReadyPod(c, NS, 'multi');
      const ip = svc.spec!.clusterIP!;
      const a = await wgetUntil(c, NS, 'client', `http://${ip}:80/`, (x) => x.ok);
      expect(a.error, `wget http://${ip}:80/${kubeProxyErrors(c)}`).toBe('');
      expect(a.body).toBe('multi');
      const b = await wget(c, NS, 'client', `http://${ip}:8080/echo?msg=by-name`);
      expect(b.error, `wget http://${ip}:8080/echo?msg=by-name`).toBe('');
      expect(b.body).toBe('by-name');
    },
  },
  {
    name: 'a NodePort Service answers from the host at every node IP and port; deleting it closes the port',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 2 });
      const api = c.client('kubectl');
      t.step('created Deployment hostnames (2 agnhost serve-hostname) and Service hostnames type NodePort');
      await api.deployments(NS).create(serveHostnameDeployment('hostnames', 2));
      const svc = await api.services(NS).create(service('hostnames', { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http' }] }));
      const nodePort = svc.spec!.ports![0]!.nodePort!;
      await c.clock.advance(20 * S);
      for (const node of c.nodes.list()) {
        t.step(`curl http://${node.spec.nodeIP}:${nodePort}/ from the host`);
        const r = await hostGet(c, node.spec.nodeIP, nodePort);
        expect(r.error, `curl http://${node.spec.nodeIP}:${nodePort}/${kubeProxyErrors(c)}`).toBeUndefined();
        expect(r.body).toMatch(/^hostnames-/);
      }
      t.step('kubectl delete service hostnames');
      await api.services(NS).delete('hostnames');
      await c.clock.advance(5 * S);
      const ip = c.nodes.list()[0]!.spec.nodeIP;
      expect((await hostGet(c, ip, nodePort)).error).toBe(`dial tcp ${ip}:${nodePort}: connect: connection refused`);
    },
  },
];

export default defineExerciseTests({
  part: 'proxy.rules',
  load: (m) => exportOf<BuildRuleTable>(m, 'buildRuleTable'),
  cases: [
    ...clusterCases,
    ...ruleTableCases.map((c): GradeCase<BuildRuleTable> => ({ name: c.name, kind: 'part', run: (build) => c.run(build) })),
  ],
});
