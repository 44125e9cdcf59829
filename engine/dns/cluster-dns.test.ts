/**
 * Cluster DNS on a virtual-clock cluster with two simulated nodes: what a user sees from inside a
 * busybox pod (`kubectl exec ... -- nslookup / wget / cat /etc/resolv.conf`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { corev1 } from '../api/types.ts';
import { createCluster, type Cluster } from '../cluster/index.ts';
import { isRunning, kubectlExec, nginxPod, toolboxPod } from './testing.ts';

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

const S = 1000;

function service(name: string, spec: Partial<corev1.ServiceSpec> = {}, namespace = 'default'): corev1.Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 80 }], ...spec } };
}

async function setup(seed: string) {
  cluster = await createCluster({ nodes: 2, seed });
  const c = cluster;
  const admin = c.client('kubectl');
  const until = async (what: string, cond: () => Promise<boolean>, ms = 120 * S) => expect(await c.clock.runUntil(cond, { timeoutMs: ms }), what).toBe(true);
  const running = (ns: string, ...pods: string[]) => until(`${pods.join(', ')} running`, async () => (await Promise.all(pods.map((p) => isRunning(c, ns, p)))).every(Boolean));
  const exec = (pod: string, ...cmd: string[]) => kubectlExec(c, 'default', pod, cmd);
  const podIP = async (name: string, ns = 'default') => (await admin.pods(ns).get(name)).status!.podIP!;
  return { c, admin, until, running, exec, podIP };
}

describe('cluster DNS', () => {
  it("a pod's /etc/resolv.conf names the cluster DNS with its namespace's search path and ndots:5", async () => {
    const { admin, running, c } = await setup('dns-resolv');
    await admin.namespaces().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    await admin.pods('default').create(toolboxPod('box'));
    await admin.pods('team').create(toolboxPod('box'));
    await running('default', 'box');
    await running('team', 'box');
    expect((await kubectlExec(c, 'default', 'box', ['cat', '/etc/resolv.conf'])).stdout).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
    expect((await kubectlExec(c, 'team', 'box', ['cat', '/etc/resolv.conf'])).stdout).toBe('search team.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('nslookup of a Service name prints its ClusterIP as busybox 1.36 does; an unknown name is NXDOMAIN', async () => {
    const { admin, running, exec } = await setup('dns-nslookup');
    const ip = (await admin.services('default').create(service('web'))).spec!.clusterIP!;
    await admin.pods('default').create(toolboxPod('box'));
    await running('default', 'box');

    const fqdn = await exec('box', 'nslookup', 'web.default.svc.cluster.local');
    expect(fqdn.exitCode).toBe(0);
    expect(fqdn.stdout).toBe(
      `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${ip}\n\n*** Can't find web.default.svc.cluster.local: No answer\n\n`,
    );

    // A dotless name is tried under every search domain; each miss is printed as NXDOMAIN, and
    // (busybox's quirk) makes the exit status 1 although the address was found.
    const short = await exec('box', 'nslookup', 'web');
    expect(short.exitCode).toBe(1);
    expect(short.stdout).toContain(`Name:\tweb.default.svc.cluster.local\nAddress: ${ip}\n`);
    expect(short.stdout).toContain("** server can't find web.svc.cluster.local: NXDOMAIN\n");
    expect(short.stdout).toContain("** server can't find web.cluster.local: NXDOMAIN\n");

    const missing = await exec('box', 'nslookup', 'nosuch.default.svc.cluster.local');
    expect(missing.exitCode).toBe(1);
    expect(missing.stdout).toBe("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find nosuch.default.svc.cluster.local: NXDOMAIN\n\n** server can't find nosuch.default.svc.cluster.local: NXDOMAIN\n\n");
  });

  it('wget reaches a Service by `web`, `web.default` and its full name from its namespace; from another only the qualified names', async () => {
    const { admin, running, exec, c, until } = await setup('dns-wget');
    await admin.services('default').create(service('web'));
    await admin.pods('default').create(nginxPod('web-1', { app: 'web' }));
    await admin.pods('default').create(toolboxPod('box'));
    await admin.namespaces().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
    await admin.pods('other').create(toolboxPod('box'));
    await running('default', 'web-1', 'box');
    await running('other', 'box');
    // kube-proxy programs the ClusterIP once the Service's endpoints arrive.
    await until('the Service answers', async () => (await exec('box', 'wget', '-qO-', 'http://web.default.svc.cluster.local')).exitCode === 0);
    for (const name of ['web', 'web.default', 'web.default.svc', 'web.default.svc.cluster.local']) {
      const r = await exec('box', 'wget', '-qO-', `http://${name}`);
      expect([name, r.exitCode, r.stdout, r.stderr]).toEqual([name, 0, expect.stringContaining('Welcome to nginx!'), '']);
    }
    const fromOther = (name: string) => kubectlExec(c, 'other', 'box', ['wget', '-qO-', `http://${name}`]);
    expect((await fromOther('web')).stderr).toBe("wget: bad address 'web'\n");
    expect((await fromOther('web.default')).stdout).toContain('Welcome to nginx!');
  });

  it('a headless Service resolves to the IPs of its ready pods; a pod with hostname and subdomain gets its own name', async () => {
    const { admin, running, exec, podIP, until } = await setup('dns-headless');
    await admin.services('default').create(service('nginx', { clusterIP: 'None' }));
    await admin.pods('default').create(nginxPod('web-0', { app: 'nginx' }, { hostname: 'web-0', subdomain: 'nginx' }));
    await admin.pods('default').create(nginxPod('web-1', { app: 'nginx' }, { hostname: 'web-1', subdomain: 'nginx' }));
    await admin.pods('default').create({ ...nginxPod('unready', { app: 'nginx' }), spec: { containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 1 } }] } });
    await admin.pods('default').create(toolboxPod('box'));
    await running('default', 'web-0', 'web-1', 'box');
    const ips = [await podIP('web-0'), await podIP('web-1')].sort();
    await until('both pods are in the Service\'s EndpointSlice', async () => {
      const r = await exec('box', 'nslookup', 'nginx.default.svc.cluster.local');
      return ips.every((ip) => r.stdout.includes(`Address: ${ip}\n`));
    });
    const all = await exec('box', 'nslookup', 'nginx.default.svc.cluster.local');
    expect(all.stdout.match(/Address: 10\.244\.\S+/g)!.map((l) => l.slice(9)).sort()).toEqual(ips);

    const one = await exec('box', 'nslookup', 'web-0.nginx.default.svc.cluster.local');
    expect(one.stdout).toContain(`Name:\tweb-0.nginx.default.svc.cluster.local\nAddress: ${await podIP('web-0')}\n`);
    // `wget web-0.nginx` works through the search path (3 dots < ndots 5).
    expect((await exec('box', 'wget', '-qO-', 'http://web-0.nginx')).stdout).toContain('Welcome to nginx!');
  });

  it('SRV records name the port of a ClusterIP Service, and each pod of a headless one', async () => {
    const { admin, running, exec, until } = await setup('dns-srv');
    await admin.services('default').create(service('web'));
    await admin.services('default').create(service('nginx', { clusterIP: 'None' }));
    await admin.pods('default').create(nginxPod('web-0', { app: 'nginx' }, { hostname: 'web-0', subdomain: 'nginx' }));
    await admin.pods('default').create(toolboxPod('box'));
    await running('default', 'web-0', 'box');
    const r = await exec('box', 'nslookup', '-type=srv', '_http._tcp.web.default.svc.cluster.local');
    expect(r.stdout).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n_http._tcp.web.default.svc.cluster.local\tservice = 0 100 80 web.default.svc.cluster.local\n\n');
    await until('the headless Service has its endpoint', async () => (await exec('box', 'nslookup', '-type=srv', '_http._tcp.nginx.default.svc.cluster.local')).exitCode === 0);
    const h = await exec('box', 'nslookup', '-type=srv', '_http._tcp.nginx.default.svc.cluster.local');
    expect(h.stdout).toContain('_http._tcp.nginx.default.svc.cluster.local\tservice = 0 100 80 web-0.nginx.default.svc.cluster.local\n');
    expect((await exec('box', 'nslookup', '-type=srv', '_https._tcp.web.default.svc.cluster.local')).stdout).toContain(': NXDOMAIN');
  });

  it('pod A records, ExternalName CNAMEs and reverse lookups of ClusterIPs', async () => {
    const { admin, running, exec } = await setup('dns-misc');
    const ip = (await admin.services('default').create(service('web'))).spec!.clusterIP!;
    await admin.services('default').create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'search' }, spec: { type: 'ExternalName', externalName: 'web.default.svc.cluster.local' } });
    await admin.pods('default').create(toolboxPod('box'));
    await running('default', 'box');
    const pod = await exec('box', 'nslookup', '10-244-1-7.default.pod.cluster.local');
    expect(pod.stdout).toContain('Name:\t10-244-1-7.default.pod.cluster.local\nAddress: 10.244.1.7\n');
    const cname = await exec('box', 'nslookup', 'search.default.svc.cluster.local');
    expect(cname.stdout).toContain(`search.default.svc.cluster.local\tcanonical name = web.default.svc.cluster.local\nName:\tweb.default.svc.cluster.local\nAddress: ${ip}\n`);
    const ptr = await exec('box', 'nslookup', ip);
    expect(ptr.stdout).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n${ip.split('.').reverse().join('.')}.in-addr.arpa\tname = web.default.svc.cluster.local\n\n`);
  });

  it('a new Service resolves as soon as it exists, and a deleted one stops resolving', async () => {
    const { admin, running, exec, until } = await setup('dns-live');
    await admin.pods('default').create(toolboxPod('box'));
    await running('default', 'box');
    expect((await exec('box', 'nslookup', 'late.default.svc.cluster.local')).exitCode).toBe(1);
    const ip = (await admin.services('default').create(service('late'))).spec!.clusterIP!;
    await until('late resolves', async () => (await exec('box', 'nslookup', 'late.default.svc.cluster.local')).stdout.includes(`Address: ${ip}`), 5 * S);
    await admin.services('default').delete('late');
    await until('late no longer resolves', async () => (await exec('box', 'nslookup', 'late.default.svc.cluster.local')).exitCode === 1, 5 * S);
  });

  it('the docs init-container example waits in Init:0/1 until its Service exists, then starts', async () => {
    const { admin, c, until } = await setup('dns-init');
    await admin.pods('default').create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'myapp-pod', labels: { app: 'myapp' } },
      spec: {
        containers: [{ name: 'myapp-container', image: 'busybox:1.28', command: ['sh', '-c', 'echo The app is running! && sleep 3600'] }],
        initContainers: [{ name: 'init-myservice', image: 'busybox:1.28', command: ['sh', '-c', 'until nslookup myservice.default.svc.cluster.local; do echo waiting for myservice; sleep 2; done'] }],
      },
    });
    await c.clock.advance(30 * S);
    const waiting = await admin.pods('default').get('myapp-pod');
    expect(waiting.status?.phase).toBe('Pending');
    expect(waiting.status?.initContainerStatuses?.[0]?.state?.running).toBeDefined();
    await admin.services('default').create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'myservice' }, spec: { ports: [{ protocol: 'TCP', port: 80, targetPort: 9376 }] } });
    await until('myapp-pod runs', async () => (await admin.pods('default').get('myapp-pod')).status?.phase === 'Running', 30 * S);
  });

  it("the network's resolver (used by images such as curl) applies the asking pod's search path; the host asks full names", async () => {
    const { admin, running, c, podIP } = await setup('dns-resolver');
    const ip = (await admin.services('default').create(service('web'))).spec!.clusterIP!;
    await admin.namespaces().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
    await admin.pods('default').create(toolboxPod('box'));
    await admin.pods('other').create(toolboxPod('box'));
    await running('default', 'box');
    await running('other', 'box');
    const fromDefault = await podIP('box');
    const fromOther = await podIP('box', 'other');
    expect(await c.network.resolve('web', fromDefault)).toEqual([ip]);
    expect(await c.network.resolve('web.default', fromOther)).toEqual([ip]);
    expect(await c.network.resolve('web', fromOther)).toEqual([]);
    expect(await c.network.resolve('web.default.svc.cluster.local', undefined)).toEqual([ip]);
    expect(await c.network.resolve('web', undefined)).toEqual([]);
  });

  it('names outside the cluster do not resolve (no upstream): busybox shows SERVFAIL', async () => {
    const { admin, running, exec } = await setup('dns-upstream');
    await admin.pods('default').create(toolboxPod('box'));
    await running('default', 'box');
    const r = await exec('box', 'nslookup', 'example.com');
    expect(r.stdout).toContain("** server can't find example.com: SERVFAIL\n");
    expect((await exec('box', 'wget', '-qO-', 'http://example.com')).stderr).toBe("wget: bad address 'example.com'\n");
  });
});
