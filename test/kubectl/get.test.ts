/**
 * `kubectl get` output formats against `tinykube up`: the Table columns with -o wide, yaml, json,
 * jsonpath and name, label selectors, all namespaces, the `all` category and a watch (-w) that
 * prints a line when something changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KUBECTL, kubectlAvailable, startTinykube, stopAllTinykubes, waitFor, type Tinykube } from './harness.ts';

const MANIFEST = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: { tier: front }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web, tier: front } }
    spec:
      containers: [{ name: nginx, image: "nginx:1.27" }]
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
---
apiVersion: v1
kind: Pod
metadata:
  name: solo
  labels: { tier: back }
spec:
  containers: [{ name: app, image: "nginx:1.27" }]
`;

const cols = (line: string | undefined) => (line ?? '').trim().split(/\s{2,}/);

describe.skipIf(!kubectlAvailable)('kubectl get', { timeout: 120_000 }, () => {
  let tk: Tinykube;
  beforeAll(async () => {
    tk = await startTinykube({ nodes: 2, speed: 20 });
    const r = await tk.kubectl(['apply', '-f', '-'], { stdin: MANIFEST });
    if (r.code !== 0) throw new Error(r.stderr);
    await waitFor(() => tk.kubectl(['get', 'pods', '-A']), (p) => (p.stdout.match(/\bRunning\b/g) ?? []).length === 3);
  }, 90_000);
  afterAll(stopAllTinykubes);

  it('-o wide adds IP and NODE to the pod columns', async () => {
    const r = await tk.kubectl(['get', 'pods', '-n', 'shop', '-o', 'wide']);
    expect(r.code, r.stderr).toBe(0);
    const [header, ...rows] = r.stdout.trim().split('\n');
    expect(cols(header)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const c = row.trim().split(/\s+/);
      expect(c[0]).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}$/);
      expect(c.slice(1, 4)).toEqual(['1/1', 'Running', '0']);
      expect(c[5]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(c[6]).toMatch(/^node-\d$/);
    }
  });

  it('shows deployments as READY UP-TO-DATE AVAILABLE and services with TYPE CLUSTER-IP PORT(S)', async () => {
    const d = await tk.kubectl(['get', 'deploy', '-n', 'shop']);
    expect(cols(d.stdout.split('\n')[0])).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    expect(d.stdout).toMatch(/web\s+2\/2\s+2\s+2\s/);
    const s = await tk.kubectl(['get', 'svc', 'web', '-n', 'shop']);
    expect(cols(s.stdout.split('\n')[0])).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
    // CLUSTER-IP comes from the service range, 10.96.0.0/12 as kubeadm sets it.
    expect(s.stdout).toMatch(/web\s+ClusterIP\s+10\.(9[6-9]|1[01]\d)\.\d+\.\d+\s+<none>\s+80\/TCP\s/);
  });

  it('-o yaml and -o json print the stored object', async () => {
    const y = await tk.kubectl(['get', 'pod', 'solo', '-o', 'yaml']);
    expect(y.code, y.stderr).toBe(0);
    expect(y.stdout).toMatch(/^apiVersion: v1\nkind: Pod\n/);
    expect(y.stdout).toContain('  name: solo\n');
    expect(y.stdout).toContain('phase: Running');
    const j = JSON.parse((await tk.kubectl(['get', 'deploy', 'web', '-n', 'shop', '-o', 'json'])).stdout);
    expect(j).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 2 } });
  });

  it('-o jsonpath and -o name print just what was asked', async () => {
    const p = await tk.kubectl(['get', 'deploy', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);
    expect(p.stdout).toBe('nginx:1.27');
    const n = await tk.kubectl(['get', 'deploy,svc', '-n', 'shop', '-o', 'name']);
    expect(n.stdout.trim().split('\n')).toEqual(['deployment.apps/web', 'service/web']);
  });

  it('-l selects by label and -A lists every namespace with a NAMESPACE column', async () => {
    const l = await tk.kubectl(['get', 'pods', '-A', '-l', 'tier=back', '-o', 'name']);
    expect(l.stdout.trim()).toBe('pod/solo');
    const front = await tk.kubectl(['get', 'pods', '-A', '-l', 'tier=front', '-o', 'name']);
    expect(front.stdout.trim().split('\n')).toHaveLength(2);
    const a = await tk.kubectl(['get', 'pods', '-A']);
    expect(cols(a.stdout.split('\n')[0])).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(a.stdout).toMatch(/^default\s+solo\s+1\/1\s+Running/m);
    expect(a.stdout).toMatch(/^shop\s+web-/m);
  });

  it('`get all` lists pods, services, deployments and replicasets of the namespace', async () => {
    const r = await tk.kubectl(['get', 'all', '-n', 'shop']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^pod\/web-/m);
    expect(r.stdout).toMatch(/^service\/web\s+ClusterIP/m);
    expect(r.stdout).toMatch(/^deployment\.apps\/web\s+2\/2/m);
    expect(r.stdout).toMatch(/^replicaset\.apps\/web-[a-z0-9]+\s+2\s+2\s+2/m);
  });

  it('a nonexistent namespace has no resources', async () => {
    const r = await tk.kubectl(['get', 'pods', '-n', 'nowhere']);
    expect(r.code).toBe(0);
    expect(r.stderr.trim()).toBe('No resources found in nowhere namespace.');
  });

  it('-w prints the current rows, then a line for each change', async () => {
    await tk.kubectl(['create', 'configmap', 'first', '--from-literal=a=1']);
    const child = spawn(KUBECTL, ['--kubeconfig', tk.kubeconfig, '--cache-dir', mkdtempSync(join(tmpdir(), 'tinykube-watch-cache-')), 'get', 'configmaps', '-w', '--request-timeout=0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    try {
      await waitFor(async () => out, (o) => /^first\s+1\s/m.test(o), 30_000, 100);
      const c = await tk.kubectl(['create', 'configmap', 'watched', '--from-literal=a=1']);
      expect(c.code, c.stderr).toBe(0);
      await waitFor(async () => out, (o) => /^watched\s+1\s/m.test(o), 30_000, 100);
      await tk.kubectl(['label', 'configmap', 'watched', 'seen=yes']);
      await waitFor(async () => out, (o) => (o.match(/^watched\s/gm) ?? []).length >= 2, 30_000, 100);
      expect(out.split('\n')[0]!.split(/\s+/)).toEqual(['NAME', 'DATA', 'AGE']);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
