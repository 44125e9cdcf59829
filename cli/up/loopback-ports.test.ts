/**
 * The ingress port and the NodePort listeners against a bare cluster (apiserver only, virtual
 * clock): Nodes and Services are written through the API, the "node" is an IP attached on the
 * simulated network with a stand-in handler, and requests are real HTTP on loopback.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { createSelfSignedCert } from './self-signed-cert.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { corev1 } from '../../engine/api/types.ts';
import { createCluster, type Cluster } from '../../engine/cluster/index.ts';
import type { HttpRequest } from '../../engine/runtime/network.ts';
import { pickNodeIp, startLoopbackPorts, wantedNodePorts, withHostHttpsPort, type LoopbackPorts } from './loopback-ports.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function node(name: string, ip: string | undefined, ready: boolean): corev1.Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    status: {
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'Unknown' }],
      addresses: ip ? [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: name }] : [{ type: 'Hostname', address: name }],
    },
  };
}

function service(name: string, type: string, nodePort: number, extra: Partial<corev1.ServicePort> = {}): corev1.Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { type, selector: { app: name }, ports: [{ port: 80, nodePort, ...extra }] } };
}

/** A free port in the NodePort range on this machine (probed, then released). */
async function freeNodePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 30000 + Math.floor(Math.random() * 2768);
    const ok = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error('no free port in 30000-32767');
}

function get(port: number, path = '/', headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface Setup {
  cluster: Cluster;
  ports: LoopbackPorts;
  seen: Array<{ ip: string; port: number; request: HttpRequest }>;
  logs: string[];
  warnings: string[];
}

async function setup(ingressPort: number | undefined = 0): Promise<Setup> {
  const cluster = await createCluster();
  cleanups.push(() => cluster.close());
  const seen: Setup['seen'] = [];
  const logs: string[] = [];
  const warnings: string[] = [];
  // Node IPs with a stand-in for whatever listens there (ingress controller on 80, kube-proxy's NodePorts).
  for (const ip of ['172.18.0.2', '172.18.0.3']) {
    cluster.network.attachIp(ip, ip);
    for (const port of [80, 443]) {
      cluster.network.listen(ip, port, (request) => {
        seen.push({ ip, port, request });
        return { status: 200, headers: { 'content-type': 'text/plain' }, body: `ingress on ${ip}:${port} for ${request.headers.host}${request.path}\n` };
      });
    }
  }
  const ports = await startLoopbackPorts({ cluster, host: '127.0.0.1', ingressPort, ingressHttpsPort: 0, log: (l) => logs.push(l), warn: (w) => warnings.push(w) });
  cleanups.push(() => ports.close());
  return { cluster, ports, seen, logs, warnings };
}

describe('loopback ports: the ingress controller and NodePorts on host ports', () => {
  it('picks the first Ready node by name that has an InternalIP', () => {
    expect(pickNodeIp([node('b', '172.18.0.3', true), node('a', '172.18.0.2', false), node('c', '172.18.0.4', true)])).toBe('172.18.0.3');
    expect(pickNodeIp([node('a', undefined, true), node('b', '172.18.0.3', true)])).toBe('172.18.0.3');
    expect(pickNodeIp([node('a', '172.18.0.2', false)])).toBeUndefined();
  });

  it('wants one listener per TCP nodePort of NodePort and LoadBalancer Services only', () => {
    const wanted = wantedNodePorts([
      service('np', 'NodePort', 30001),
      service('lb', 'LoadBalancer', 30002),
      service('cip', 'ClusterIP', 0),
      service('udp', 'NodePort', 30003, { protocol: 'UDP' }),
    ]);
    expect([...wanted]).toEqual([[30001, 'default/np'], [30002, 'default/lb']]);
  });

  it("forwards an ingress request with its Host header to port 80 of the first Ready node", async () => {
    const { cluster, ports, seen } = await setup();
    const client = cluster.client();
    await client.nodes().create(node('kind-worker2', '172.18.0.3', true));
    await client.nodes().create(node('kind-worker', '172.18.0.2', false));
    await ports.settled();
    expect(ports.ingressUrl).toBe(`http://127.0.0.1:${ports.ingressPort}`);
    const res = await get(ports.ingressPort, '/shop?x=1', { host: 'shop.example.com' });
    expect(res).toEqual({ status: 200, body: 'ingress on 172.18.0.3:80 for shop.example.com/shop?x=1\n' });
    expect(seen.map((s) => [s.ip, s.port, s.request.method])).toEqual([['172.18.0.3', 80, 'GET']]);
  });

  it('answers 502 when no node is Ready, and 502 with the network error when nothing listens', async () => {
    const { cluster, ports } = await setup();
    const none = await get(ports.ingressPort, '/');
    expect(none).toEqual({ status: 502, body: 'no Ready node to forward to\n' });
    cluster.network.attachIp('172.18.0.9', 'bare');
    await cluster.client().nodes().create(node('bare', '172.18.0.9', true));
    await ports.settled();
    // Wait for the node informer to see it (it is not part of settled(), which tracks Services).
    for (let i = 0; i < 100 && (await get(ports.ingressPort, '/')).body.startsWith('no Ready'); i++) await new Promise((r) => setTimeout(r, 5));
    expect(await get(ports.ingressPort, '/')).toEqual({ status: 502, body: 'dial tcp 172.18.0.9:80: connect: connection refused\n' });
  });

  it('serves a NodePort Service on 127.0.0.1:<nodePort>, forwarding to <nodeIP>:<nodePort>, and stops when the Service goes', async () => {
    const { cluster, ports, logs } = await setup();
    const client = cluster.client();
    await client.nodes().create(node('kind-worker', '172.18.0.2', true));
    const nodePort = await freeNodePort();
    cluster.network.listen('172.18.0.2', nodePort, (request) => ({ status: 200, headers: {}, body: `nodeport ${nodePort} ${request.path}\n` }));
    await client.services('default').create(service('web', 'NodePort', nodePort));
    await ports.settled();
    expect(ports.nodePorts()).toEqual([nodePort]);
    expect(logs).toContain(`NodePort ${nodePort} (service default/web) served on http://127.0.0.1:${nodePort}`);
    expect(await get(nodePort, '/hello')).toEqual({ status: 200, body: `nodeport ${nodePort} /hello\n` });

    await client.services('default').delete('web');
    await ports.settled();
    expect(ports.nodePorts()).toEqual([]);
    await expect(get(nodePort)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('moves the listener when a Service changes its nodePort, and closes it when the type becomes ClusterIP', async () => {
    const { cluster, ports } = await setup();
    const svc = cluster.client().services('default');
    const [a, b] = [await freeNodePort(), await freeNodePort()];
    await svc.create(service('web', 'NodePort', a));
    await ports.settled();
    expect(ports.nodePorts()).toEqual([a]);
    const current = await svc.get('web');
    await svc.update({ ...current, spec: { ...current.spec, ports: [{ ...current.spec!.ports![0]!, nodePort: b }] } });
    await ports.settled();
    expect(ports.nodePorts()).toEqual([b]);
    const moved = await svc.get('web');
    await svc.update({ ...moved, spec: { ...moved.spec, type: 'ClusterIP', ports: [{ port: 80 }] } });
    await ports.settled();
    expect(ports.nodePorts()).toEqual([]);
  });

  it('skips a NodePort whose host port is taken, with a warning, and keeps serving the others', async () => {
    const { cluster, ports, warnings } = await setup();
    const taken = await freeNodePort();
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(taken, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => blocker.close(() => r())));
    const other = await freeNodePort();
    await cluster.client().services('default').create(service('busy', 'NodePort', taken));
    await cluster.client().services('default').create(service('free', 'LoadBalancer', other));
    await ports.settled();
    expect(ports.nodePorts()).toEqual([other]);
    expect(warnings).toEqual([`NodePort ${taken} (service default/busy) not served on 127.0.0.1:${taken}: EADDRINUSE`]);
  });

  it('falls back to a free port when the default ingress port is taken, but refuses a taken --ingress-port', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => blocker.close(() => r())));
    const taken = (blocker.address() as { port: number }).port;
    const cluster = await createCluster();
    cleanups.push(() => cluster.close());
    const warnings: string[] = [];
    const ports = await startLoopbackPorts({ cluster, host: '127.0.0.1', defaultIngressPort: taken, ingressHttpsPort: 0, log: () => {}, warn: (w) => warnings.push(w) });
    cleanups.push(() => ports.close());
    expect(ports.ingressPort).not.toBe(taken);
    expect(warnings).toEqual([`port ${taken} is taken: the ingress controller is served on port ${ports.ingressPort} instead`]);
    expect(await get(ports.ingressPort)).toEqual({ status: 502, body: 'no Ready node to forward to\n' });

    await expect(startLoopbackPorts({ cluster, host: '127.0.0.1', ingressPort: taken, ingressHttpsPort: 0, log: () => {}, warn: () => {} })).rejects.toThrow(
      `cannot serve the ingress controller on 127.0.0.1:${taken}: EADDRINUSE (pick another with --ingress-port; 0 = any free port)`,
    );
  });

  it('serves HTTPS with the certificate of the Ingress TLS Secret for the SNI host, and the fake ingress.local one otherwise', async () => {
    const { cluster, ports, seen } = await setup();
    const client = cluster.client();
    await client.nodes().create(node('kind-worker', '172.18.0.2', true));
    const shop = createSelfSignedCert({ now: Date.now(), dnsNames: ['shop.example.com'], ips: [] });
    const b64 = (t: string) => Buffer.from(t).toString('base64');
    await client.secrets('default').create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'shop-tls' }, type: 'kubernetes.io/tls', data: { 'tls.crt': b64(shop.certPem), 'tls.key': b64(shop.keyPem) } });
    await client.ingresses('default').create({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'shop' },
      spec: { tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
    });
    const fetchTls = (servername: string, ca?: string) =>
      new Promise<{ status: number; body: string; altName: string | undefined }>((resolve, reject) => {
        const req = httpsRequest({ host: '127.0.0.1', port: ports.ingressHttpsPort, path: '/cart', servername, headers: { host: servername }, agent: false, ...(ca ? { ca } : { rejectUnauthorized: false }) }, (res) => {
          const altName = (res.socket as TLSSocket).getPeerCertificate().subjectaltname;
          let body = '';
          res.setEncoding('utf8').on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, altName }));
        });
        req.on('error', reject);
        req.end();
      });
    let verified: Awaited<ReturnType<typeof fetchTls>> | undefined;
    for (let i = 0; i < 100 && !verified; i++) verified = await fetchTls('shop.example.com', shop.certPem).catch(() => new Promise<undefined>((r) => setTimeout(() => r(undefined), 10)));
    expect(verified).toEqual({ status: 200, body: 'ingress on 172.18.0.2:443 for shop.example.com/cart\n', altName: 'DNS:shop.example.com' });
    expect(seen.at(-1)?.port).toBe(443);
    expect((await fetchTls('other.example.com')).altName).toBe('DNS:ingress.local');
    await expect(fetchTls('other.example.com', shop.certPem)).rejects.toThrow();
  });

  it('points https:// redirects at the host HTTPS port', () => {
    const redirect = { status: 308, headers: { location: 'https://shop.example.com/cart?x=1' }, body: '' };
    expect(withHostHttpsPort(redirect, 8443).headers.location).toBe('https://shop.example.com:8443/cart?x=1');
    expect(withHostHttpsPort({ ...redirect, headers: { location: 'https://shop.example.com' } }, 8443).headers.location).toBe('https://shop.example.com:8443/');
    expect(withHostHttpsPort(redirect, 443)).toBe(redirect);
    expect(withHostHttpsPort({ status: 200, headers: { location: 'https://x/' }, body: '' }, 8443).headers.location).toBe('https://x/');
    expect(withHostHttpsPort({ status: 302, headers: { location: 'http://x/' }, body: '' }, 8443).headers.location).toBe('http://x/');
  });

  it('closes the ingress listener and every NodePort listener on close', async () => {
    const { cluster, ports } = await setup();
    const nodePort = await freeNodePort();
    await cluster.client().services('default').create(service('web', 'NodePort', nodePort));
    await ports.settled();
    await ports.close();
    await expect(get(nodePort)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(get(ports.ingressPort)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(get(ports.ingressHttpsPort)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
