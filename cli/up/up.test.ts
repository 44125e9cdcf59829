/**
 * startUp with a stand-in HTTP server (the real one is engine/node/http, tested there and by
 * test/kubectl/): the token and kubeconfig, the shutdown order, and restart persistence — a
 * second `up` on the same data dir finds every object, the nodes re-register and the pods resume.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { appsv1 } from '../../engine/api/types.ts';
import { UP_DEFAULTS, type UpOptions } from './args.ts';
import { readyMessage, startUp, UpError, type HttpModule, type RunningUp } from './up.ts';

const dirs: string[] = [];
const running: RunningUp[] = [];
afterEach(async () => {
  for (const up of running.splice(0)) await up.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const quiet = { log: () => {}, warn: () => {} };

function fakeHttp(events: string[] = []): HttpModule & { calls: Array<{ host?: string; port?: number; token?: string }> } {
  const calls: Array<{ host?: string; port?: number; token?: string }> = [];
  return {
    calls,
    async createHttpApiServer({ host, port, token }) {
      calls.push({ host, port, token });
      return { url: `http://${host}:${port || 40000}`, port: port || 40000, close: async () => void events.push('http closed') };
    },
  };
}

function options(change: Partial<UpOptions> = {}): UpOptions {
  const dataDir = mkdtempSync(join(tmpdir(), 'tinykube-up-'));
  dirs.push(dataDir);
  return { ...UP_DEFAULTS, port: 0, ingressPort: 0, ingressHttpsPort: 0, nodes: 1, dataDir, speed: 50, ...change };
}

async function start(o: UpOptions, http = fakeHttp()): Promise<RunningUp> {
  const up = await startUp(o, quiet, { http });
  running.push(up);
  return up;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never happened: ${what}`);
}

describe('tinykube up', () => {
  it('serves HTTPS with a token kept in the data dir and writes a kubeconfig holding token and CA', async () => {
    const o = options();
    const http = fakeHttp();
    const up = await start(o, http);
    const token = readFileSync(join(o.dataDir, 'token'), 'utf8').trim();
    // The HTTP server checks the token on a private loopback port; TLS faces the clients.
    expect(http.calls).toEqual([{ host: '127.0.0.1', port: 0, token }]);
    expect(up.kubeconfigPath).toBe(join(o.dataDir, 'kubeconfig'));
    const kubeconfig = parse(readFileSync(up.kubeconfigPath, 'utf8'));
    expect(up.url).toBe(`https://127.0.0.1:${up.port}`);
    expect(up.port).not.toBe(40000);
    expect(kubeconfig.clusters[0].cluster.server).toBe(up.url);
    expect(Buffer.from(kubeconfig.clusters[0].cluster['certificate-authority-data'], 'base64').toString()).toBe(readFileSync(join(o.dataDir, 'tls.crt'), 'utf8'));
    expect(kubeconfig.users[0].user.token).toBe(token);
    const message = readyMessage(up, o);
    expect(message).toContain(`export KUBECONFIG=${up.kubeconfigPath}`);
    expect(message).toContain('kubectl get nodes');
    expect(message).not.toContain(token);
  });

  it('with --insecure serves plain HTTP on the address without a token, and a kubeconfig without one', async () => {
    const o = options({ insecure: true, port: 0 });
    const http = fakeHttp();
    const up = await start(o, http);
    expect(http.calls).toEqual([{ host: '127.0.0.1', port: 0, token: undefined }]);
    expect(up.url).toBe('http://127.0.0.1:40000');
    const kubeconfig = parse(readFileSync(up.kubeconfigPath, 'utf8'));
    expect(kubeconfig.users[0].user).toEqual({});
    expect(kubeconfig.clusters[0].cluster).toEqual({ server: 'http://127.0.0.1:40000' });
  });

  it('serves the ingress controller and every NodePort Service on loopback ports, prints where, and closes them on stop', async () => {
    const o = options();
    const up = await start(o);
    expect(up.ingressUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const message = readyMessage(up, o);
    expect(message).toContain(`tinykube: ingress controller on ${up.ingressUrl} (curl -H 'Host: <host>' ${up.ingressUrl}/<path>)`);
    expect(message).toContain('tinykube: NodePort services are served on 127.0.0.1:<nodePort> of this machine');
    const httpsPort = new URL(up.ingressHttpsUrl).port;
    expect(up.ingressHttpsUrl).toBe(`https://127.0.0.1:${httpsPort}`);
    expect(message).toContain(`tinykube: ingress controller HTTPS on ${up.ingressHttpsUrl} (curl --resolve <host>:${httpsPort}:127.0.0.1 https://<host>:${httpsPort}/<path>)`);
    const svc = await up.cluster.client().services('default').create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] } });
    const nodePort = svc.spec?.ports?.[0]?.nodePort;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    await until(async () => up.nodePorts().includes(nodePort!), 'the NodePort served on loopback');
    const ingressPort = Number(new URL(up.ingressUrl).port);
    await up.stop();
    const refused = (port: number) => fetch(`http://127.0.0.1:${port}/`).then(() => false, () => true);
    expect(await refused(ingressPort)).toBe(true);
    expect(await refused(nodePort!)).toBe(true);
  });

  it('refuses to start when the --ingress-port asked for is taken, and closes what it had started', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as AddressInfo).port;
    try {
      const events: string[] = [];
      await expect(startUp(options({ ingressPort: taken }), quiet, { http: fakeHttp(events) })).rejects.toThrow(
        new UpError(`cannot serve the ingress controller on 127.0.0.1:${taken}: EADDRINUSE (pick another with --ingress-port; 0 = any free port)`),
      );
      expect(events).toEqual(['http closed']);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('stops the HTTP server before the cluster, once however often stop is called', async () => {
    const events: string[] = [];
    const up = await start(options(), fakeHttp(events));
    const close = up.cluster.close.bind(up.cluster);
    (up.cluster as { close: () => Promise<void> }).close = async () => {
      events.push('cluster closed');
      await close();
    };
    await Promise.all([up.stop(), up.stop()]);
    await up.stop();
    expect(events).toEqual(['http closed', 'cluster closed']);
  });

  it('finds every object after a restart on the same data dir: nodes re-register, pods resume', async () => {
    const o = options({ nodes: 2 });
    const first = await start(o);
    const deployment: appsv1.Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      },
    };
    const client = first.cluster.client();
    await client.deployments('default').create(deployment);
    const running = async (c: typeof client) => (await c.pods('default').list()).items.filter((p) => p.status?.phase === 'Running').length === 2;
    await until(() => running(client), 'two pods Running');
    const pods = (await client.pods('default').list()).items.map((p) => p.metadata?.uid).sort();
    const token = readFileSync(join(o.dataDir, 'token'), 'utf8');
    const reached = first.cluster.clock.now();
    await first.stop();

    const second = await start(o);
    const again = second.cluster.client();
    expect((await again.deployments('default').get('web')).spec?.replicas).toBe(2);
    expect((await again.pods('default').list()).items.map((p) => p.metadata?.uid).sort()).toEqual(pods);
    expect(readFileSync(join(o.dataDir, 'token'), 'utf8')).toBe(token);
    // At --speed 50 simulated time ran ahead of the wall clock; it resumes, never goes back.
    expect(second.cluster.clock.now()).toBeGreaterThanOrEqual(reached);
    await until(async () => {
      const nodes = (await again.nodes().list()).items;
      return nodes.length === 2 && nodes.every((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    }, 'both nodes Ready again');
    await until(() => running(again), 'the same two pods Running again');
    expect((await again.pods('default').list()).items.map((p) => p.metadata?.uid).sort()).toEqual(pods);
  });
});
