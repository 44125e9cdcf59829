/**
 * What kubectl prints when tinykube cannot do something, or the object is not there: `top`
 * (no metrics API), `exec` / `port-forward` (the simulated runtime has no streams), an unknown
 * resource type and an unknown name — each with kubectl's own wording and a non-zero exit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlAvailable, startTinykube, stopAllTinykubes, waitFor, type Tinykube } from './harness.ts';

describe.skipIf(!kubectlAvailable)('kubectl errors', { timeout: 120_000 }, () => {
  let tk: Tinykube;
  beforeAll(async () => {
    tk = await startTinykube({ nodes: 1, speed: 20 });
    const r = await tk.kubectl(['run', 'web', '--image=nginx:1.27']);
    if (r.code !== 0) throw new Error(r.stderr);
    await waitFor(() => tk.kubectl(['get', 'pod', 'web']), (p) => /Running/.test(p.stdout));
  }, 90_000);
  afterAll(stopAllTinykubes);

  it('top nodes / top pods: the metrics API is not available', async () => {
    for (const what of ['nodes', 'pods']) {
      const r = await tk.kubectl(['top', what]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe('error: Metrics API not available');
    }
  });

  it('exec fails with a clear message and leaves the pod running', async () => {
    const r = await tk.kubectl(['exec', 'web', '--', 'ls']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('kubectl exec is not supported by the simulated runtime');
    expect((await tk.kubectl(['get', 'pod', 'web'])).stdout).toMatch(/web\s+1\/1\s+Running/);
  });

  it('port-forward fails with a clear message', async () => {
    const r = await tk.kubectl(['port-forward', 'pod/web', '18080:80'], { timeoutMs: 20_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('kubectl port-forward is not supported by the simulated runtime');
  });

  it('an unknown resource type: the server doesn\'t have a resource type', async () => {
    const r = await tk.kubectl(['get', 'widgets']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('error: the server doesn\'t have a resource type "widgets"');
  });

  it('an unknown name is NotFound with the resource and name, for get, describe and delete', async () => {
    const get = await tk.kubectl(['get', 'pod', 'ghost']);
    expect(get.code).toBe(1);
    expect(get.stderr.trim()).toBe('Error from server (NotFound): pods "ghost" not found');
    const dep = await tk.kubectl(['get', 'deployment', 'ghost']);
    expect(dep.stderr.trim()).toBe('Error from server (NotFound): deployments.apps "ghost" not found');
    const describe = await tk.kubectl(['describe', 'pod', 'ghost']);
    expect(describe.code).toBe(1);
    expect(describe.stderr.trim()).toBe('Error from server (NotFound): pods "ghost" not found');
    const del = await tk.kubectl(['delete', 'configmap', 'ghost']);
    expect(del.code).toBe(1);
    expect(del.stderr.trim()).toBe('Error from server (NotFound): configmaps "ghost" not found');
  });

  it('an unknown namespace for a create is NotFound on the namespace', async () => {
    const r = await tk.kubectl(['create', 'configmap', 'x', '-n', 'nowhere']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('error: failed to create configmap: namespaces "nowhere" not found');
  });

  it('an invalid object is Invalid with the field path', async () => {
    const r = await tk.kubectl(['create', 'deployment', 'Bad_Name', '--image=nginx']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: failed to create deployment: Deployment.apps "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name"');
  });
});
