/**
 * Issue 6 acceptance, with the real kubectl and the real curl against `tinykube up`: an Ingress
 * routing two hosts and several paths to two Services (nginx, and agnhost netexec), reached with
 * `curl -H 'Host: …' http://127.0.0.1:<ingress port>/path` on the loopback port `tinykube up`
 * prints; and a NodePort Service reached with curl on 127.0.0.1:<nodePort>.
 *
 * Routing rules checked (KUBERNETES-FACTS Ingress): host match, Prefix vs Exact, the longest path
 * wins, no match → 404. ingress-nginx passes the request path through unchanged, so each backend
 * sees the path the client asked for.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSelfSignedCert } from '../../cli/up/self-signed-cert.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlAvailable, run, startTinykube, stopAllTinykubes, waitFor, type Tinykube } from './harness.ts';

const CURL = '/usr/bin/curl';
const AGNHOST = 'registry.k8s.io/e2e-test-images/agnhost:2.39';

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: two-hosts
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: { name: web, port: { number: 80 } }
      - path: /echo
        pathType: Prefix
        backend:
          service: { name: echo, port: { number: 80 } }
  - host: api.example.com
    http:
      paths:
      - path: /hostname
        pathType: Exact
        backend:
          service: { name: echo, port: { number: 80 } }
      - path: /
        pathType: Prefix
        backend:
          service: { name: web, port: { number: 80 } }
`;

interface Answer {
  status: number;
  body: string;
  code: number;
  stderr: string;
}

/** curl -s with an optional Host header; the status code comes from -w. */
async function curl(url: string, host?: string): Promise<Answer> {
  const r = await run(CURL, ['-sS', '--max-time', '20', ...(host ? ['-H', `Host: ${host}`] : []), '-w', '\n%{http_code}', url], { timeoutMs: 30_000 });
  const cut = r.stdout.lastIndexOf('\n');
  return { status: Number(r.stdout.slice(cut + 1)), body: r.stdout.slice(0, cut), code: r.code, stderr: r.stderr };
}

/** A port in the NodePort range that nothing on this machine listens on (probed, then released). */
async function freeNodePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 30000 + Math.floor(Math.random() * 2768);
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port in 30000-32767');
}

describe.skipIf(!kubectlAvailable)('issue 6: Ingress and NodePort on loopback, with kubectl and curl', { timeout: 120_000 }, () => {
  let tk: Tinykube;
  let ingressUrl: string;
  let httpsPort: number;
  beforeAll(async () => {
    tk = await startTinykube({ nodes: 2, speed: 20, args: ['--ingress-port', '0', '--ingress-https-port', '0'] });
    const m = /ingress controller on (http:\/\/127\.0\.0\.1:\d+)/.exec(tk.output());
    if (!m) throw new Error(`tinykube up did not print the ingress URL:\n${tk.output()}`);
    ingressUrl = m[1]!;
    const h = /ingress controller HTTPS on https:\/\/127\.0\.0\.1:(\d+)/.exec(tk.output());
    if (!h) throw new Error(`tinykube up did not print the ingress HTTPS URL:\n${tk.output()}`);
    httpsPort = Number(h[1]);
    const steps = [
      ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2'],
      ['expose', 'deployment', 'web', '--port=80'],
      ['create', 'deployment', 'echo', `--image=${AGNHOST}`, '--replicas=2', '--', '/agnhost', 'netexec', '--http-port=8080'],
      ['expose', 'deployment', 'echo', '--port=80', '--target-port=8080'],
    ];
    for (const s of steps) {
      const r = await tk.kubectl(s);
      if (r.code !== 0) throw new Error(`kubectl ${s.join(' ')}: ${r.stderr}`);
    }
    for (const d of ['web', 'echo']) await tk.kubectl(['rollout', 'status', `deployment/${d}`, '--timeout=60s']);
  }, 120_000);
  afterAll(stopAllTinykubes);

  it('tinykube up prints the ingress URLs and where NodePorts are served', () => {
    expect(tk.output()).toContain(`ingress controller on ${ingressUrl}`);
    expect(tk.output()).toContain(`ingress controller HTTPS on https://127.0.0.1:${httpsPort}`);
    expect(tk.output()).toContain('NodePort services are served on 127.0.0.1:<nodePort> of this machine');
  });

  it('kubectl apply creates the Ingress and kubectl get ingress lists both hosts', async () => {
    const a = await tk.kubectl(['apply', '-f', '-'], { stdin: INGRESS });
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout.trim()).toBe('ingress.networking.k8s.io/two-hosts created');
    const g = await tk.kubectl(['get', 'ingress', 'two-hosts']);
    expect(g.code, g.stderr).toBe(0);
    expect(g.stdout).toMatch(/^two-hosts\s+\S+\s+shop\.example\.com,api\.example\.com\s/m);
    // The controller publishes where it serves (the nodes' addresses) in status, shown as ADDRESS.
    const addr = await waitFor(() => tk.kubectl(['get', 'ingress', 'two-hosts', '-o', 'jsonpath={.status.loadBalancer.ingress[*].ip}']), (r) => r.stdout.trim() !== '');
    const nodeIps = (await tk.kubectl(['get', 'nodes', '-o', 'jsonpath={.items[*].status.addresses[?(@.type=="InternalIP")].address}'])).stdout.split(' ');
    for (const ip of addr.stdout.trim().split(' ')) expect(nodeIps).toContain(ip);
  });

  it("routes shop.example.com/ to nginx's welcome page", async () => {
    const r = await waitFor(() => curl(`${ingressUrl}/`, 'shop.example.com'), (a) => a.status === 200);
    expect(r.body).toContain('<h1>Welcome to nginx!</h1>');
  });

  it('routes shop.example.com/echo (the longer Prefix) to agnhost netexec', async () => {
    const r = await waitFor(() => curl(`${ingressUrl}/echo?msg=through-the-ingress`, 'shop.example.com'), (a) => a.status === 200);
    expect(r.body).toBe('through-the-ingress');
  });

  it('routes api.example.com/hostname (Exact) to one of the echo pods', async () => {
    const pods = (await tk.kubectl(['get', 'pods', '-l', 'app=echo', '-o', 'jsonpath={.items[*].metadata.name}'])).stdout.split(' ');
    const r = await waitFor(() => curl(`${ingressUrl}/hostname`, 'api.example.com'), (a) => a.status === 200);
    expect(pods).toContain(r.body.trim());
  });

  it('balances across the echo pods: the ingress controller round-robin, kube-proxy behind a NodePort', async () => {
    const pods = (await tk.kubectl(['get', 'pods', '-l', 'app=echo', '-o', 'jsonpath={.items[*].metadata.name}'])).stdout.split(' ').sort();
    expect(pods).toHaveLength(2);
    const viaIngress = new Set<string>();
    for (let i = 0; i < 4; i++) viaIngress.add((await curl(`${ingressUrl}/hostname`, 'api.example.com')).body.trim());
    expect([...viaIngress].sort()).toEqual(pods);

    const nodePort = await freeNodePort();
    const svc = `apiVersion: v1\nkind: Service\nmetadata:\n  name: echo-np\nspec:\n  type: NodePort\n  selector: { app: echo }\n  ports:\n  - port: 80\n    targetPort: 8080\n    nodePort: ${nodePort}\n`;
    expect((await tk.kubectl(['apply', '-f', '-'], { stdin: svc })).code).toBe(0);
    await waitFor(() => curl(`http://127.0.0.1:${nodePort}/hostname`), (a) => a.status === 200);
    const viaNodePort = new Set<string>();
    for (let i = 0; i < 30 && viaNodePort.size < 2; i++) viaNodePort.add((await curl(`http://127.0.0.1:${nodePort}/hostname`)).body.trim());
    expect([...viaNodePort].sort()).toEqual(pods);
    expect((await tk.kubectl(['delete', 'service', 'echo-np'])).code).toBe(0);
  });

  it("sends api.example.com/hostname/more (no Exact match) to the / Prefix rule: nginx's 404 page", async () => {
    const r = await curl(`${ingressUrl}/hostname/more`, 'api.example.com');
    expect(r.status).toBe(404);
    expect(r.body).toContain('nginx/');
  });

  it('answers 404 for a host no rule matches', async () => {
    const r = await curl(`${ingressUrl}/`, 'nobody.example.com');
    expect(r.status).toBe(404);
  });

  it('with a TLS Secret on the Ingress, HTTPS answers with its certificate (verified by curl) and HTTP redirects there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tinykube-ingress-tls-'));
    try {
      const cert = createSelfSignedCert({ now: Date.now(), dnsNames: ['shop.example.com'], ips: [] });
      writeFileSync(join(dir, 'tls.crt'), cert.certPem);
      writeFileSync(join(dir, 'tls.key'), cert.keyPem);
      const c = await tk.kubectl(['create', 'secret', 'tls', 'shop-tls', `--cert=${join(dir, 'tls.crt')}`, `--key=${join(dir, 'tls.key')}`]);
      expect(c.code, c.stderr).toBe(0);
      const p = await tk.kubectl(['patch', 'ingress', 'two-hosts', '--type=merge', '-p', '{"spec":{"tls":[{"hosts":["shop.example.com"],"secretName":"shop-tls"}]}}']);
      expect(p.code, p.stderr).toBe(0);
      const url = `https://shop.example.com:${httpsPort}/`;
      const tls = await waitFor(
        () => run(CURL, ['-sS', '--max-time', '20', '--cacert', join(dir, 'tls.crt'), '--resolve', `shop.example.com:${httpsPort}:127.0.0.1`, '-w', '\n%{http_code}', url], { timeoutMs: 30_000 }),
        (r) => r.code === 0 && r.stdout.endsWith('\n200'),
      );
      expect(tls.stdout).toContain('<h1>Welcome to nginx!</h1>');
      // ingress-nginx's ssl-redirect: plain HTTP for a TLS host answers 308 to https:// (here the host's HTTPS port).
      const http = await run(CURL, ['-sS', '-o', '/dev/null', '-H', 'Host: shop.example.com', '-w', '%{http_code} %{redirect_url}', `${ingressUrl}/cart`], { timeoutMs: 30_000 });
      expect(http.stdout).toBe(`308 https://shop.example.com:${httpsPort}/cart`);
      // A host without a TLS entry gets the controller's fake certificate, which curl refuses.
      const other = await run(CURL, ['-sS', '--max-time', '20', '--cacert', join(dir, 'tls.crt'), '--resolve', `api.example.com:${httpsPort}:127.0.0.1`, `https://api.example.com:${httpsPort}/`], { timeoutMs: 30_000 });
      expect(other.code).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves a NodePort Service on 127.0.0.1:<nodePort>, reachable with curl, until the Service is deleted', async () => {
    const nodePort = await freeNodePort();
    const svc = `apiVersion: v1
kind: Service
metadata:
  name: web-np
spec:
  type: NodePort
  selector: { app: web }
  ports:
  - port: 80
    nodePort: ${nodePort}
`;
    const a = await tk.kubectl(['apply', '-f', '-'], { stdin: svc });
    expect(a.code, a.stderr).toBe(0);
    const g = await tk.kubectl(['get', 'service', 'web-np']);
    expect(g.stdout).toMatch(new RegExp(`^web-np\\s+NodePort\\s+10\\.\\d+\\.\\d+\\.\\d+\\s+<none>\\s+80:${nodePort}/TCP\\s`, 'm'));
    const r = await waitFor(() => curl(`http://127.0.0.1:${nodePort}/`), (x) => x.status === 200);
    expect(r.body).toContain('<h1>Welcome to nginx!</h1>');
    expect(tk.output()).toContain(`NodePort ${nodePort} (service default/web-np) served on http://127.0.0.1:${nodePort}`);

    expect((await tk.kubectl(['delete', 'service', 'web-np'])).code).toBe(0);
    const gone = await waitFor(() => curl(`http://127.0.0.1:${nodePort}/`), (x) => x.code !== 0);
    expect(gone.stderr).toMatch(/Failed to connect|Connection refused|couldn't connect/i);
  });

  it('from inside the cluster, a busybox pod reaches the Service by ClusterIP and by its DNS names', async () => {
    const ip = (await tk.kubectl(['get', 'service', 'web', '-o', 'jsonpath={.spec.clusterIP}'])).stdout;
    expect(ip).toMatch(/^10\.(9[6-9]|1[01]\d)\.\d+\.\d+$/);
    const script = `wget -qO- http://${ip}/ | grep h1; wget -qO- http://web/ | grep h1; wget -qO- http://web.default.svc.cluster.local/ | grep h1`;
    const r = await tk.kubectl(['run', 'inside', '--image=busybox:1.36', '--restart=Never', '--', 'sh', '-c', script]);
    expect(r.code, r.stderr).toBe(0);
    await waitFor(() => tk.kubectl(['get', 'pod', 'inside', '-o', 'jsonpath={.status.phase}']), (p) => p.stdout === 'Succeeded' || p.stdout === 'Failed');
    const logs = await tk.kubectl(['logs', 'inside']);
    expect(logs.stdout, logs.stdout).toBe('<h1>Welcome to nginx!</h1>\n'.repeat(3));
  });
});
