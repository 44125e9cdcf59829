/**
 * kube-proxy through a whole cluster, as a user sees it: `kubectl exec client -- wget ...` from a
 * busybox pod, and requests from the host to a NodePort at each node's IP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster/index.ts';
import type { corev1 } from '../api/types.ts';
import { AGNHOST, busyboxPod, execInPod, hostGet, service, serveHostnameDeployment, waitForEndpoints, waitForReadyPod, wget } from './testing.ts';

const NS = 'default';
const S = 1000;
let c: Cluster | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

/** A 2-node cluster with a busybox `client` pod and `replicas` agnhost serve-hostname pods behind Service `hostnames`. */
async function hostnames(replicas: number, spec: Partial<corev1.ServiceSpec> = {}): Promise<{ c: Cluster; svc: corev1.Service }> {
  c = await createCluster({ nodes: 2 });
  const api = c.client('kubectl');
  await api.deployments(NS).create(serveHostnameDeployment('hostnames', replicas));
  const svc = await api.services(NS).create(service('hostnames', { ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec }));
  await api.pods(NS).create(busyboxPod('client'));
  await waitForReadyPod(c, NS, 'client');
  await waitForEndpoints(c, 'default/hostnames:http', replicas);
  return { c, svc };
}

/** `for i in $(seq n); do wget -qO- http://ip; echo; done` in the client pod: the hostnames answered. */
async function fetchHostnames(cl: Cluster, ip: string, n: number): Promise<string[]> {
  const r = await execInPod(cl, NS, 'client', ['sh', '-c', `for i in $(seq ${n}); do wget -qO- http://${ip}; echo; done`]);
  return r.stdout.split('\n').filter(Boolean);
}

describe('kube-proxy routes Service traffic', () => {
  it('a busybox pod reaches nginx through a Service ClusterIP with wget', async () => {
    c = await createCluster({ nodes: 2 });
    const api = c.client('kubectl');
    await api.pods(NS).create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } });
    const svc = await api.services(NS).create(service('web', { ports: [{ port: 80, targetPort: 80 }] }));
    await api.pods(NS).create(busyboxPod('client'));
    await waitForReadyPod(c, NS, 'web');
    await waitForReadyPod(c, NS, 'client');
    await waitForEndpoints(c, 'default/web:', 1);
    const r = await wget(c, NS, 'client', `http://${svc.spec!.clusterIP}`);
    expect(r.error).toBe('');
    expect(r.body).toContain('Welcome to nginx!');
  });

  it('wget -qO- http://web.default.svc.cluster.local (and http://web) from a busybox pod reaches nginx: DNS gives the ClusterIP, kube-proxy the pod', async () => {
    c = await createCluster({ nodes: 2 });
    const api = c.client('kubectl');
    await api.pods(NS).create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } });
    await api.services(NS).create(service('web', { ports: [{ port: 80, targetPort: 80 }] }));
    await api.pods(NS).create(busyboxPod('client'));
    await waitForReadyPod(c, NS, 'web');
    await waitForReadyPod(c, NS, 'client');
    await waitForEndpoints(c, 'default/web:', 1);
    for (const url of ['http://web.default.svc.cluster.local', 'http://web']) {
      const r = await wget(c, NS, 'client', url);
      expect(r.error, url).toBe('');
      expect(r.body).toContain('Welcome to nginx!');
    }
  });

  it("curl resolves like the container's libc: its resolv.conf search path, so `web` is the Service of the pod's own namespace", async () => {
    c = await createCluster({ nodes: 1 });
    const api = c.client('kubectl');
    await api.namespaces().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
    await api.pods(NS).create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } });
    await api.services(NS).create(service('web', { ports: [{ port: 80, targetPort: 80 }] }));
    const curler = (ns: string): corev1.Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'curler', namespace: ns }, spec: { containers: [{ name: 'curl', image: 'curlimages/curl', command: ['sleep', '3600'] }] } });
    await api.pods(NS).create(curler(NS));
    await api.pods('other').create(curler('other'));
    await waitForReadyPod(c, NS, 'web');
    await waitForReadyPod(c, NS, 'curler');
    await waitForReadyPod(c, 'other', 'curler');
    await waitForEndpoints(c, 'default/web:', 1);
    const here = await execInPod(c, NS, 'curler', ['curl', '-s', 'http://web']);
    expect(here.stdout).toContain('Welcome to nginx!');
    const there = await execInPod(c, 'other', 'curler', ['curl', '-sS', 'http://web']);
    expect([there.exitCode, there.stderr.trim()]).toEqual([6, 'curl: (6) Could not resolve host: web']);
    expect((await execInPod(c, 'other', 'curler', ['curl', '-s', 'http://web.default'])).stdout).toContain('Welcome to nginx!');
    // It is the file, not the pod's namespace, that decides: dnsPolicy None searching only `other`.
    const custom = curler(NS);
    custom.metadata!.name = 'custom-dns';
    custom.spec!.dnsPolicy = 'None';
    custom.spec!.dnsConfig = { nameservers: ['10.96.0.10'], searches: ['other.svc.cluster.local'] };
    await api.pods(NS).create(custom);
    await waitForReadyPod(c, NS, 'custom-dns');
    expect((await execInPod(c, NS, 'custom-dns', ['curl', '-sS', 'http://web'])).exitCode).toBe(6);
    expect((await execInPod(c, NS, 'custom-dns', ['curl', '-s', 'http://web.default.svc.cluster.local'])).stdout).toContain('Welcome to nginx!');
  });

  it('30 requests to a 3-replica serve-hostname Service are answered by several pods', async () => {
    const { c, svc } = await hostnames(3);
    const seen = await fetchHostnames(c, svc.spec!.clusterIP!, 30);
    expect(seen).toHaveLength(30);
    const pods = (await c.client().pods(NS).list({ labelSelector: 'app=hostnames' })).items.map((p) => p.metadata!.name!);
    for (const h of seen) expect(pods).toContain(h);
    expect(new Set(seen).size).toBeGreaterThanOrEqual(2);
  });

  it('sessionAffinity ClientIP keeps a client on one pod, until the timeout passes without use', async () => {
    const { c, svc } = await hostnames(3, { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } });
    const ip = svc.spec!.clusterIP!;
    const first = await fetchHostnames(c, ip, 30);
    expect(new Set(first).size).toBe(1);
    // Used again 50 s later: still the same pod, and the 60 s count again from this use.
    await c.clock.advance(50 * S);
    expect(await fetchHostnames(c, ip, 1)).toEqual([first[0]]);
    await c.clock.advance(50 * S);
    expect(await fetchHostnames(c, ip, 1)).toEqual([first[0]]);
    // Each time the binding expires the client gets a fresh choice: over a few expiries, another pod.
    const after = new Set<string>();
    for (let i = 0; i < 8; i++) {
      await c.clock.advance(61 * S);
      after.add((await fetchHostnames(c, ip, 1))[0]!);
    }
    expect([...after].some((h) => h !== first[0])).toBe(true);
  });

  it('scaling the Deployment down takes the deleted pods out of the rules', async () => {
    const { c, svc } = await hostnames(3);
    const d = await c.client('kubectl').deployments(NS).get('hostnames');
    await c.client('kubectl').deployments(NS).update({ ...d, spec: { ...d.spec!, replicas: 1 } });
    await waitForEndpoints(c, 'default/hostnames:http', 1);
    const seen = await fetchHostnames(c, svc.spec!.clusterIP!, 10);
    expect(new Set(seen).size).toBe(1);
    const remaining = (await c.client().pods(NS).list({ labelSelector: 'app=hostnames' })).items.filter((p) => !p.metadata?.deletionTimestamp);
    expect(remaining.map((p) => p.metadata!.name)).toContain(seen[0]);
  });

  it('only ready pods get traffic: a pod whose readiness probe fails leaves the rules, and comes back', async () => {
    c = await createCluster({ nodes: 2 });
    const api = c.client('kubectl');
    const d = serveHostnameDeployment('hostnames', 2);
    d.spec!.template.spec!.containers[0]!.readinessProbe = { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 1 };
    await api.deployments(NS).create(d);
    const svc = await api.services(NS).create(service('hostnames', { ports: [{ name: 'http', port: 80, targetPort: 'http' }] }));
    await api.pods(NS).create(busyboxPod('client'));
    await waitForReadyPod(c, NS, 'client');
    await c.clock.advance(5 * S);
    const ip = svc.spec!.clusterIP!;
    // Running but not ready: no usable endpoint, the connection is refused.
    expect((await wget(c, NS, 'client', `http://${ip}`)).error).toBe(`wget: can't connect to remote host (${ip}): Connection refused`);
    const pods = (await api.pods(NS).list({ labelSelector: 'app=hostnames' })).items.map((p) => p.metadata!.name!).sort();
    for (const p of pods) expect((await execInPod(c, NS, p, ['touch', '/tmp/ready'])).exitCode).toBe(0);
    await waitForEndpoints(c, 'default/hostnames:http', 2);
    expect(new Set(await fetchHostnames(c, ip, 20))).toEqual(new Set(pods));
    await execInPod(c, NS, pods[0]!, ['rm', '/tmp/ready']);
    await waitForEndpoints(c, 'default/hostnames:http', 1);
    expect(new Set(await fetchHostnames(c, ip, 10))).toEqual(new Set([pods[1]]));
  });

  it('a pod that is shutting down still answers while it is the only one serving (ProxyTerminatingEndpoints), then the Service refuses', async () => {
    c = await createCluster({ nodes: 2 });
    const api = c.client('kubectl');
    await api.pods(NS).create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'lonely', labels: { app: 'lonely' } },
      spec: { containers: [{ name: 'serve-hostname', image: AGNHOST, args: ['serve-hostname'], ports: [{ name: 'http', containerPort: 9376 }], readinessProbe: { tcpSocket: { port: 9376 }, periodSeconds: 1 } }] },
    });
    const svc = await api.services(NS).create(service('lonely', { ports: [{ name: 'http', port: 80, targetPort: 'http' }] }));
    await api.pods(NS).create(busyboxPod('client'));
    await waitForReadyPod(c, NS, 'lonely');
    await waitForReadyPod(c, NS, 'client');
    await waitForEndpoints(c, 'default/lonely:http', 1);
    const ip = svc.spec!.clusterIP!;
    await api.pods(NS).delete('lonely');
    await c.clock.advance(3 * S);
    const slice = (await c.client().endpointslices(NS).list({ labelSelector: 'kubernetes.io/service-name=lonely' })).items[0];
    expect(slice?.endpoints?.[0]?.conditions).toEqual({ ready: false, serving: true, terminating: true });
    expect((await wget(c, NS, 'client', `http://${ip}`)).body).toBe('lonely');
    // SIGKILL after the 30 s grace period: the pod and its endpoint are gone.
    await c.clock.advance(40 * S);
    expect((await wget(c, NS, 'client', `http://${ip}`)).error).toBe(`wget: can't connect to remote host (${ip}): Connection refused`);
  });

  it('a Service with no ready endpoints refuses the connection', async () => {
    c = await createCluster({ nodes: 2 });
    const api = c.client('kubectl');
    const svc = await api.services(NS).create(service('nothing', { ports: [{ port: 80, targetPort: 8080 }] }));
    await api.pods(NS).create(busyboxPod('client'));
    await waitForReadyPod(c, NS, 'client');
    await c.clock.advance(2 * S);
    const r = await wget(c, NS, 'client', `http://${svc.spec!.clusterIP}`);
    expect(r.ok).toBe(false);
    expect(r.error).toBe(`wget: can't connect to remote host (${svc.spec!.clusterIP}): Connection refused`);
    expect((await hostGet(c, svc.spec!.clusterIP!, 80)).error).toBe(`dial tcp ${svc.spec!.clusterIP}:80: connect: connection refused`);
  });

  it('a Service labelled service.kubernetes.io/service-proxy-name belongs to another proxy: kube-proxy programs nothing for it', async () => {
    const { c, svc } = await hostnames(1);
    const api = c.client('kubectl').services(NS);
    const other = await api.create({ ...service('hostnames-other', { ports: [{ name: 'http', port: 80, targetPort: 'http' }], selector: { app: 'hostnames' } }), metadata: { name: 'hostnames-other', labels: { 'service.kubernetes.io/service-proxy-name': 'cilium' } } });
    await c.clock.advance(3 * S);
    const ips = c.nodes.get('node-1').kubeProxy.rules().rules.map((r) => r.clusterIP);
    expect(ips).toContain(svc.spec!.clusterIP);
    expect(ips).not.toContain(other.spec!.clusterIP);
  });

  it('a port the Service does not define is refused on its ClusterIP', async () => {
    const { c, svc } = await hostnames(1);
    const r = await wget(c, NS, 'client', `http://${svc.spec!.clusterIP}:8080`);
    expect(r.error).toBe(`wget: can't connect to remote host (${svc.spec!.clusterIP}): Connection refused`);
  });

  it('a NodePort answers from the host at every node IP, and a ClusterIP Service opens no node port', async () => {
    const { c, svc } = await hostnames(2, { type: 'NodePort' });
    const nodePort = svc.spec!.ports![0]!.nodePort!;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    for (const node of c.nodes.list()) {
      const res = await hostGet(c, node.spec.nodeIP, nodePort);
      expect(res.status).toBe(200);
      expect(res.body).toMatch(/^hostnames-/);
    }
    // From a pod, too.
    const r = await wget(c, NS, 'client', `http://${c.nodes.get('node-2').spec.nodeIP}:${nodePort}`);
    expect(r.body).toMatch(/^hostnames-/);
    expect((await hostGet(c, c.nodes.get('node-1').spec.nodeIP, 31999)).error).toBe(`dial tcp ${c.nodes.get('node-1').spec.nodeIP}:31999: connect: connection refused`);
  });

  it('externalTrafficPolicy Local: the NodePort answers only on the node running a pod; the other node drops it', async () => {
    const { c, svc } = await hostnames(1, { type: 'NodePort', externalTrafficPolicy: 'Local' });
    const nodePort = svc.spec!.ports![0]!.nodePort!;
    const pod = (await c.client().pods(NS).list({ labelSelector: 'app=hostnames' })).items[0]!;
    const here = c.nodes.get(pod.spec!.nodeName!).spec.nodeIP;
    const other = c.nodes.list().find((n) => n.name !== pod.spec!.nodeName)!.spec.nodeIP;
    expect(await hostGet(c, here, nodePort)).toEqual({ status: 200, body: pod.metadata!.name });
    expect((await hostGet(c, other, nodePort)).error).toBe(`dial tcp ${other}:${nodePort}: i/o timeout`);
    // ClusterIP traffic (internalTrafficPolicy Cluster) still reaches it from either node.
    expect((await wget(c, NS, 'client', `http://${svc.spec!.clusterIP}`)).body).toBe(pod.metadata!.name);
  });

  it('syncs follow changes that matter: an annotation on a Service triggers no sync, a new port does', async () => {
    const { c } = await hostnames(1);
    const proxy = c.nodes.get('node-1').kubeProxy;
    await c.clock.advance(2 * S);
    const before = proxy.syncCount();
    const api = c.client('kubectl').services(NS);
    const s1 = await api.get('hostnames');
    await api.update({ ...s1, metadata: { ...s1.metadata!, annotations: { note: 'x' } } });
    await c.clock.advance(2 * S);
    expect(proxy.syncCount()).toBe(before);
    const s2 = await api.get('hostnames');
    await api.update({ ...s2, spec: { ...s2.spec!, ports: [...s2.spec!.ports!, { name: 'alt', port: 8080, targetPort: 'http' }] } });
    await c.clock.advance(2 * S);
    expect(proxy.syncCount()).toBeGreaterThan(before);
    expect(proxy.rules().rules.map((r) => r.servicePortName)).toContain('default/hostnames:alt');
  });

  it('a node cut off from the API keeps its installed rules (stale), and catches up once the partition heals', async () => {
    const { c, svc } = await hostnames(2);
    const ip = svc.spec!.clusterIP!;
    const client = await c.client().pods(NS).get('client');
    const cut = c.nodes.list().find((n) => n.name !== client.spec!.nodeName)!;
    c.nodes.partition(cut.name);
    await c.client('kubectl').services(NS).delete('hostnames');
    await c.clock.advance(5 * S);
    // The client's node saw the delete; the cut-off node still routes the old ClusterIP.
    expect((await wget(c, NS, 'client', `http://${ip}`)).error).toBe('wget: download timed out');
    expect(cut.kubeProxy.rules().rules.map((r) => r.clusterIP)).toContain(ip);
    c.nodes.heal(cut.name);
    await c.clock.runUntil(() => !cut.kubeProxy.rules().rules.some((r) => r.clusterIP === ip), { timeoutMs: 120 * S });
    expect(cut.kubeProxy.rules().rules.map((r) => r.clusterIP)).not.toContain(ip);
  });

  it("a stopped node's rules vanish with it; a kubelet restart leaves them in place", async () => {
    const { c, svc } = await hostnames(2, { type: 'NodePort' });
    const nodePort = svc.spec!.ports![0]!.nodePort!;
    const node1 = c.nodes.get('node-1');
    const proxy = node1.kubeProxy;
    await c.nodes.restartKubelet('node-1');
    expect(c.nodes.get('node-1').kubeProxy).toBe(proxy);
    expect((await hostGet(c, node1.spec.nodeIP, nodePort)).status).toBe(200);

    const node2 = c.nodes.get('node-2');
    await c.nodes.stop('node-2');
    expect(c.nodes.get('node-2').kubeProxy.rules().rules).toEqual([]);
    expect((await hostGet(c, node2.spec.nodeIP, nodePort)).error).toBe(`dial tcp ${node2.spec.nodeIP}:${nodePort}: i/o timeout`);
    await c.nodes.start('node-2');
    await c.clock.runUntil(() => c.nodes.get('node-2').kubeProxy.rules().rules.length > 0, { timeoutMs: 60 * S });
    expect(c.nodes.get('node-2').kubeProxy.rules().rules.some((r) => r.nodePort === nodePort)).toBe(true);
  });

  it('an endpoint on a stopped node is not routed by another node forever: the rules follow the EndpointSlice', async () => {
    const { c, svc } = await hostnames(2);
    const ip = svc.spec!.clusterIP!;
    expect(await fetchHostnames(c, ip, 4)).toHaveLength(4);
    // Deleting a pod: the slice drops it (terminating, not ready), kube-proxy stops sending to it.
    const pods = (await c.client().pods(NS).list({ labelSelector: 'app=hostnames' })).items;
    await c.client('kubectl').pods(NS).delete(pods[0]!.metadata!.name!);
    await c.clock.advance(3 * S);
    const seen = await fetchHostnames(c, ip, 10);
    expect(seen).not.toContain(pods[0]!.metadata!.name);
  });
});
