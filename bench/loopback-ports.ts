/**
 * `tinykube up`'s host ports: whole HTTP requests from a real client on this machine through the
 * loopback listener (cli/up/loopback-ports.ts) into the simulated cluster — ingress port → node
 * :80 → ingress controller → nginx pod, and NodePort → node:nodePort → kube-proxy → nginx pod —
 * against the same request made in process (no socket). Sequential requests on one keep-alive
 * connection, as `curl` in a loop would, minus curl's process start. Prints figures; asserts nothing.
 */
import { Agent, request } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createSelfSignedCert } from '../cli/up/self-signed-cert.ts';
import { createCluster } from '../engine/cluster/index.ts';
import { curl, deployApp, ingressObject, waitForIngressAddresses } from '../engine/ingress/testing.ts';
import { startLoopbackPorts } from '../cli/up/loopback-ports.ts';

function get(agent: Agent, port: number, path: string, host: string, tls = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = tls ? httpsRequest : request;
    const req = send({ host: '127.0.0.1', port, path, agent, headers: { host }, servername: host }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function measure(label: string, n: number, once: (i: number) => Promise<number>): Promise<void> {
  for (let i = 0; i < 50; i++) await once(i); // warm-up
  let ok = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) if ((await once(i)) === 200) ok++;
  const s = (performance.now() - t0) / 1000;
  console.log(`   ${label.padEnd(60)} ${Math.round(n / s).toLocaleString('en-US').padStart(8)} req/s  ${((s * 1000) / n).toFixed(3)} ms/req (${ok}/${n} 200)`);
}

export async function run(): Promise<void> {
  const c = await createCluster({ nodes: 2 });
  const ports = await startLoopbackPorts({ cluster: c, host: '127.0.0.1', ingressPort: 0, ingressHttpsPort: 0, log: () => {}, warn: (w) => console.log(`   warning: ${w}`) });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await deployApp(c, 'web', 'nginx', 2);
    const cert = createSelfSignedCert({ now: Date.now(), dnsNames: ['secure.test'], ips: [] });
    const b64 = (t: string) => Buffer.from(t).toString('base64');
    await c.client().secrets('default').create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'secure-tls' }, type: 'kubernetes.io/tls', data: { 'tls.crt': b64(cert.certPem), 'tls.key': b64(cert.keyPem) } });
    await c.client().ingresses('default').create(ingressObject('bench', [['bench.test', [['Prefix', '/', 'web']]]]));
    await c.client().ingresses('default').create(ingressObject('secure', [['secure.test', [['Prefix', '/', 'web']]]], { tls: [{ hosts: ['secure.test'], secretName: 'secure-tls' }] }));
    await waitForIngressAddresses(c);
    const svc = await c.client().services('default').create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-np' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] } });
    const nodePort = svc.spec!.ports![0]!.nodePort!;
    await c.clock.advance(5_000); // kube-proxy's sync of the new Service
    await ports.settled();
    const n = 2000;
    await measure('in process: network.httpRequest to node:80 (ingress)', n, async (i) => (await curl(c, 'bench.test', `/?r=${i}`)).status);
    await measure('loopback ingress port (HTTP keep-alive, 1 connection)', n, (i) => get(agent, ports.ingressPort, `/?r=${i}`, 'bench.test'));
    const tlsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 1, ca: cert.certPem });
    await measure('loopback ingress HTTPS port (TLS keep-alive, 1 connection)', n, (i) => get(tlsAgent as unknown as Agent, ports.ingressHttpsPort, `/?r=${i}`, 'secure.test', true));
    const fresh = new HttpsAgent({ keepAlive: false, ca: cert.certPem });
    await measure('loopback ingress HTTPS port (new TLS handshake per request)', 300, (i) => get(fresh as unknown as Agent, ports.ingressHttpsPort, `/?r=${i}`, 'secure.test', true));
    tlsAgent.destroy();
    if (ports.nodePorts().includes(nodePort)) {
      await measure(`loopback NodePort ${nodePort} (HTTP keep-alive, 1 connection)`, n, (i) => get(agent, nodePort, `/?r=${i}`, 'bench.test'));
    } else {
      console.log(`   NodePort ${nodePort} is taken on this machine: not measured`);
    }
  } finally {
    agent.destroy();
    await ports.close();
    await c.close();
  }
}
