/**
 * Nodes and pod inspection with the real kubectl: `taint`, `cordon`/`uncordon`, `drain` (through
 * the pods/eviction subresource, policy/v1), `describe node` / `describe pod` with Events, `logs`
 * (--tail, -c, -f), `explain` and `api-resources`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KUBECTL, kubectlAvailable, startTinykube, stopAllTinykubes, waitFor, type Tinykube } from './harness.ts';

const TWO_CONTAINERS = `apiVersion: v1
kind: Pod
metadata:
  name: duo
spec:
  containers:
  - { name: web, image: "nginx:1.27" }
  - name: side
    image: "busybox:1.36"
    command: ["sh", "-c", "echo one; echo two; echo three; sleep 3600"]
`;

describe.skipIf(!kubectlAvailable)('kubectl nodes, describe, logs and discovery', { timeout: 120_000 }, () => {
  let tk: Tinykube;
  beforeAll(async () => {
    tk = await startTinykube({ nodes: 3, speed: 20 });
    await waitFor(() => tk.kubectl(['get', 'nodes']), (r) => (r.stdout.match(/\bReady\b/g) ?? []).length === 3);
  }, 90_000);
  afterAll(stopAllTinykubes);

  it('taint adds a taint that describe shows, and key- removes it', async () => {
    const t = await tk.kubectl(['taint', 'nodes', 'node-3', 'dedicated=gpu:NoSchedule']);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout.trim()).toBe('node/node-3 tainted');
    const d = await tk.kubectl(['describe', 'node', 'node-3']);
    expect(d.stdout).toMatch(/^Taints:\s+dedicated=gpu:NoSchedule$/m);
    const rm = await tk.kubectl(['taint', 'nodes', 'node-3', 'dedicated=gpu:NoSchedule-']);
    expect(rm.stdout.trim()).toBe('node/node-3 untainted');
    expect((await tk.kubectl(['describe', 'node', 'node-3'])).stdout).toMatch(/^Taints:\s+<none>$/m);
  });

  it('cordon marks a node SchedulingDisabled and uncordon clears it', async () => {
    const c = await tk.kubectl(['cordon', 'node-2']);
    expect(c.stdout.trim()).toBe('node/node-2 cordoned');
    expect((await tk.kubectl(['get', 'node', 'node-2'])).stdout).toMatch(/^node-2\s+Ready,SchedulingDisabled\s/m);
    const u = await tk.kubectl(['uncordon', 'node-2']);
    expect(u.stdout.trim()).toBe('node/node-2 uncordoned');
    expect((await tk.kubectl(['get', 'node', 'node-2'])).stdout).toMatch(/^node-2\s+Ready\s/m);
  });

  it('drain --ignore-daemonsets --force evicts every pod of the node, and the Deployment moves them', async () => {
    await tk.kubectl(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3']);
    await tk.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
    await tk.kubectl(['run', 'loner', '--image=nginx:1.27', '--overrides={"spec":{"nodeName":"node-1"}}']);
    await waitFor(() => tk.kubectl(['get', 'pod', 'loner']), (r) => /Running/.test(r.stdout));
    const onNode1 = async () => (await tk.kubectl(['get', 'pods', '--field-selector=spec.nodeName=node-1', '-o', 'name'])).stdout.trim();
    expect(await onNode1()).toContain('pod/loner');

    const d = await tk.kubectl(['drain', 'node-1', '--ignore-daemonsets', '--force', '--timeout=60s']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/^node\/node-1 cordoned$/m);
    expect(d.stdout).toMatch(/^evicting pod default\/loner$/m);
    expect(d.stdout).toMatch(/^pod\/loner evicted$/m);
    expect(d.stdout).toMatch(/^node\/node-1 drained$/m);
    expect(d.stderr).toContain('Warning: deleting Pods that declare no controller');
    expect(await onNode1()).toBe('');
    await waitFor(() => tk.kubectl(['get', 'deploy', 'web']), (r) => /web\s+3\/3\s/.test(r.stdout));
    expect((await tk.kubectl(['get', 'node', 'node-1'])).stdout).toMatch(/Ready,SchedulingDisabled/);
    await tk.kubectl(['uncordon', 'node-1']);
  });

  it('describe pod shows its node, containers and the scheduler and kubelet Events', async () => {
    const r = await tk.kubectl(['apply', '-f', '-'], { stdin: TWO_CONTAINERS });
    expect(r.code, r.stderr).toBe(0);
    const w = await tk.kubectl(['wait', '--for=condition=Ready', 'pod/duo', '--timeout=60s']);
    expect(w.stdout.trim(), w.stderr).toBe('pod/duo condition met');
    const d = await tk.kubectl(['describe', 'pod', 'duo']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/^Name:\s+duo$/m);
    expect(d.stdout).toMatch(/^Node:\s+node-\d\/\d+\.\d+\.\d+\.\d+$/m);
    expect(d.stdout).toMatch(/^Status:\s+Running$/m);
    expect(d.stdout).toMatch(/^ {2}web:$/m);
    expect(d.stdout).toMatch(/^ {2}side:$/m);
    expect(d.stdout).toMatch(/^Events:$/m);
    expect(d.stdout).toMatch(/Normal\s+Scheduled\s+.*default-scheduler\s+Successfully assigned default\/duo to node-\d/);
    expect(d.stdout).toMatch(/Normal\s+Started\s+.*kubelet\s+Started container web/);
  });

  it('describe node shows its conditions, capacity and the pods it runs', async () => {
    const pod = JSON.parse((await tk.kubectl(['get', 'pod', 'duo', '-o', 'json'])).stdout);
    const d = await tk.kubectl(['describe', 'node', pod.spec.nodeName]);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toMatch(new RegExp(`^Name:\\s+${pod.spec.nodeName}$`, 'm'));
    expect(d.stdout).toMatch(/^\s+Ready\s+True\s/m);
    expect(d.stdout).toMatch(/^Capacity:$/m);
    expect(d.stdout).toMatch(/^\s+default\s+duo\s/m);
  });

  it('logs prints a container\'s output; -c picks the container; --tail limits the lines', async () => {
    const noC = await tk.kubectl(['logs', 'duo']);
    expect(noC.code).toBe(0);
    expect(noC.stderr).toContain('Defaulted container "web" out of: web, side');
    const side = await tk.kubectl(['logs', 'duo', '-c', 'side']);
    expect(side.code, side.stderr).toBe(0);
    expect(side.stdout).toBe('one\ntwo\nthree\n');
    const tail = await tk.kubectl(['logs', 'duo', '-c', 'side', '--tail=2']);
    expect(tail.stdout).toBe('two\nthree\n');
    const bad = await tk.kubectl(['logs', 'duo', '-c', 'nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('container nope is not valid for pod duo');
  });

  it('logs -f streams until stopped', async () => {
    const child = spawn(KUBECTL, ['--kubeconfig', tk.kubeconfig, '--cache-dir', mkdtempSync(join(tmpdir(), 'tinykube-logs-cache-')), 'logs', '-f', 'duo', '-c', 'side'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await waitFor(async () => out, (o) => o === 'one\ntwo\nthree\n', 30_000, 100);
      // Still following: the process has not exited by itself.
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
    }
    await exited;
  });

  it('explain prints the documentation of a field from the OpenAPI document', async () => {
    const r = await tk.kubectl(['explain', 'deployment.spec.replicas']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^KIND:\s+Deployment$/m);
    expect(r.stdout).toMatch(/^GROUP:\s+apps$/m);
    expect(r.stdout).toMatch(/^FIELD:\s+replicas <integer>$/m);
    expect(r.stdout).toMatch(/DESCRIPTION:\n\s+Number of desired pods/);
  });

  it('api-resources lists names, short names, versions, scope and kinds', async () => {
    const r = await tk.kubectl(['api-resources']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]!.split(/\s+/)).toEqual(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
    expect(r.stdout).toMatch(/^pods\s+po\s+v1\s+true\s+Pod$/m);
    expect(r.stdout).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    expect(r.stdout).toMatch(/^nodes\s+no\s+v1\s+false\s+Node$/m);
    const ns = await tk.kubectl(['api-resources', '--namespaced=false', '-o', 'name']);
    expect(ns.stdout.split('\n')).toContain('nodes');
    expect(ns.stdout.split('\n')).not.toContain('pods');
  });
});
