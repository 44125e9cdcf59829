/**
 * The real kubectl against `tinykube up`: version, nodes as a Table, apply of the documentation's
 * nginx Deployment until its pods run, and restart persistence (stop with SIGTERM, start on the
 * same data dir, every object is still there and the nodes are Ready again), and the same with
 * the state in a real etcd (`--etcd`, when etcd-server is installed).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ETCD_BINARY, createEtcdKV, startEtcdServer } from '../../engine/node/etcd/index.ts';
import { REPO_ROOT, kubectlAvailable, startTinykube, stopAllTinykubes, waitFor, type Tinykube } from './harness.ts';

const NGINX = join(REPO_ROOT, 'examples', 'nginx-deployment.yaml');

describe.skipIf(!kubectlAvailable)('kubectl against tinykube up', { timeout: 120_000 }, () => {
  let tk: Tinykube;
  afterAll(stopAllTinykubes);

  it('serves a version kubectl accepts, a minor between 27 and 33', async () => {
    tk = await startTinykube({ nodes: 3, speed: 20 });
    const r = await tk.kubectl(['version', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const minor = Number(JSON.parse(r.stdout).serverVersion.minor);
    expect(minor).toBeGreaterThanOrEqual(27);
    expect(minor).toBeLessThanOrEqual(33);
  });

  it('lists the nodes as a table: NAME STATUS ROLES AGE VERSION, every node Ready', async () => {
    const r = await waitFor(() => tk.kubectl(['get', 'nodes']), (r) => r.code === 0 && (r.stdout.match(/\bReady\b/g) ?? []).length === 3);
    const [header, ...rows] = r.stdout.trim().split('\n');
    expect(header!.split(/\s+/)).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(['node-1', 'node-2', 'node-3']);
  });

  it('applies the nginx Deployment with default validation and runs its 3 pods', async () => {
    const r = await tk.kubectl(['apply', '-f', NGINX]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('namespace/demo created');
    expect(r.stdout).toContain('deployment.apps/nginx-deployment created');
    const pods = await waitFor(
      () => tk.kubectl(['get', 'pods', '-n', 'demo']),
      (p) => p.code === 0 && (p.stdout.match(/\bRunning\b/g) ?? []).length === 3,
    );
    expect(pods.stdout.split('\n')[0]!.split(/\s+/)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    const deploy = await waitFor(() => tk.kubectl(['get', 'deploy', '-n', 'demo']), (d) => / 3\/3 /.test(d.stdout));
    expect(deploy.stdout).toMatch(/nginx-deployment\s+3\/3\s+3\s+3\s/);
  });

  it('keeps every object across a restart on the same data dir', async () => {
    const before = await tk.kubectl(['get', 'deploy,rs,pods', '-n', 'demo', '-o', 'name']);
    expect(before.code, before.stderr).toBe(0);
    expect(await tk.stop(), tk.output()).toBe(0);

    tk = await startTinykube({ nodes: 3, speed: 20, dataDir: tk.dataDir });
    const after = await tk.kubectl(['get', 'deploy,rs,pods', '-n', 'demo', '-o', 'name']);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout.split('\n').sort()).toEqual(before.stdout.split('\n').sort());
    await waitFor(() => tk.kubectl(['get', 'deploy', '-n', 'demo']), (d) => / 3\/3 /.test(d.stdout));
    await waitFor(() => tk.kubectl(['get', 'nodes']), (n) => (n.stdout.match(/\bReady\b/g) ?? []).length === 3);
    expect(await tk.stop(), tk.output()).toBe(0);
  });
});

describe.skipIf(!kubectlAvailable || !existsSync(ETCD_BINARY))('tinykube up --etcd (a real etcd-server)', { timeout: 120_000 }, () => {
  it('keeps the cluster in etcd, under upstream keys, across a restart', async () => {
    const etcd = await startEtcdServer();
    try {
      const args = ['--etcd', etcd.endpoint];
      const first = await startTinykube({ nodes: 1, speed: 20, args });
      expect(first.output()).toContain(`state in etcd ${etcd.endpoint}`);
      const created = await first.kubectl(['create', 'configmap', 'in-etcd', '--from-literal=a=b']);
      expect(created.code, created.stderr).toBe(0);
      const kv = await createEtcdKV({ endpoints: [etcd.endpoint] });
      try {
        expect((await kv.range('/registry/configmaps/default/in-etcd')).kvs).toHaveLength(1);
      } finally {
        await kv.close();
      }
      expect(await first.stop(), first.output()).toBe(0);

      const second = await startTinykube({ nodes: 1, speed: 20, args, dataDir: first.dataDir });
      const got = await second.kubectl(['get', 'configmap', 'in-etcd', '-o', 'jsonpath={.data.a}']);
      expect(got.code, got.stderr).toBe(0);
      expect(got.stdout).toBe('b');
      expect(await second.stop(), second.output()).toBe(0);
    } finally {
      await etcd.stop();
    }
  });
});
