/**
 * Workloads with the real kubectl: `create deployment`, `scale`, `set image`, `rollout
 * status/history/undo` (kubectl 1.31 reads the ReplicaSets' `deployment.kubernetes.io/revision`
 * and `kubernetes.io/change-cause` annotations and patches the Deployment's template back),
 * `delete --cascade=background|foreground|orphan` and `wait --for=condition=Ready`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlAvailable, startTinykube, stopAllTinykubes, waitFor, type Tinykube } from './harness.ts';

const names = (out: string) => out.trim().split('\n').filter(Boolean).sort();

describe.skipIf(!kubectlAvailable)('kubectl workloads', { timeout: 120_000 }, () => {
  let tk: Tinykube;
  beforeAll(async () => {
    tk = await startTinykube({ nodes: 2, speed: 20 });
  }, 90_000);
  afterAll(stopAllTinykubes);

  it('create deployment, then rollout status waits until it is rolled out', async () => {
    const c = await tk.kubectl(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout.trim()).toBe('deployment.apps/web created');
    const s = await tk.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout.trim().split('\n').at(-1)).toBe('deployment "web" successfully rolled out');
    const d = await tk.kubectl(['get', 'deploy', 'web']);
    expect(d.stdout).toMatch(/web\s+2\/2\s+2\s+2\s/);
  });

  it('scale changes the replicas and the pods follow', async () => {
    const s = await tk.kubectl(['scale', 'deployment/web', '--replicas=3']);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout.trim()).toBe('deployment.apps/web scaled');
    await waitFor(() => tk.kubectl(['get', 'deploy', 'web']), (d) => /web\s+3\/3\s+3\s+3\s/.test(d.stdout));
    const pods = await tk.kubectl(['get', 'pods', '-l', 'app=web', '-o', 'name']);
    expect(names(pods.stdout)).toHaveLength(3);
  });

  it('set image rolls out a new ReplicaSet; rollout history lists both revisions with the change cause', async () => {
    const s = await tk.kubectl(['set', 'image', 'deployment/web', 'nginx=nginx:1.28']);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout.trim()).toBe('deployment.apps/web image updated');
    const a = await tk.kubectl(['annotate', 'deployment/web', 'kubernetes.io/change-cause=image nginx:1.28']);
    expect(a.code, a.stderr).toBe(0);
    const st = await tk.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
    expect(st.code, st.stderr).toBe(0);
    expect(st.stdout).toContain('deployment "web" successfully rolled out');

    const h = await tk.kubectl(['rollout', 'history', 'deployment/web']);
    expect(h.code, h.stderr).toBe(0);
    const lines = h.stdout.trim().split('\n').map((l) => l.trim());
    expect(lines[0]).toBe('deployment.apps/web');
    expect(lines[1]!.split(/\s{2,}/)).toEqual(['REVISION', 'CHANGE-CAUSE']);
    expect(lines.slice(2).map((l) => l.split(/\s{2,}/))).toEqual([['1', '<none>'], ['2', 'image nginx:1.28']]);

    const rev2 = await tk.kubectl(['rollout', 'history', 'deployment/web', '--revision=2']);
    expect(rev2.stdout).toContain('Image:');
    expect(rev2.stdout).toContain('nginx:1.28');
    const rs = await tk.kubectl(['get', 'rs', '-l', 'app=web', '-o', 'jsonpath={range .items[*]}{.spec.template.spec.containers[0].image}={.spec.replicas}{"\\n"}{end}']);
    expect(names(rs.stdout)).toEqual(['nginx:1.27=0', 'nginx:1.28=3']);
  });

  it('rollout undo brings back the previous template as revision 3', async () => {
    const u = await tk.kubectl(['rollout', 'undo', 'deployment/web']);
    expect(u.code, u.stderr).toBe(0);
    expect(u.stdout.trim()).toBe('deployment.apps/web rolled back');
    const st = await tk.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
    expect(st.code, st.stderr).toBe(0);
    const img = await tk.kubectl(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);
    expect(img.stdout).toBe('nginx:1.27');
    const h = await tk.kubectl(['rollout', 'history', 'deployment/web']);
    const revisions = h.stdout.trim().split('\n').slice(2).map((l) => l.trim().split(/\s+/)[0]);
    expect(revisions).toEqual(['2', '3']);
    const rev = await tk.kubectl(['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}']);
    expect(rev.stdout).toBe('3');
  });

  it('describe deployment shows the strategy, the new ReplicaSet and the ScalingReplicaSet events', async () => {
    const d = await tk.kubectl(['describe', 'deployment', 'web']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/^Name:\s+web$/m);
    expect(d.stdout).toMatch(/^StrategyType:\s+RollingUpdate$/m);
    expect(d.stdout).toMatch(/^Replicas:\s+3 desired \| 3 updated \| 3 total \| 3 available \| 0 unavailable$/m);
    expect(d.stdout).toMatch(/^NewReplicaSet:\s+web-[a-z0-9]+ \(3\/3 replicas created\)$/m);
    expect(d.stdout).toMatch(/Normal\s+ScalingReplicaSet\s+.*deployment-controller\s+Scaled (up|down) replica set web-/);
  });

  it('get events lists what the controllers and the scheduler reported', async () => {
    const e = await tk.kubectl(['get', 'events', '--field-selector=involvedObject.kind=Deployment']);
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout.split('\n')[0]!.trim().split(/\s{2,}/)).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(e.stdout).toMatch(/Normal\s+ScalingReplicaSet\s+deployment\/web\s+Scaled up replica set web-/);
  });

  it('wait --for=condition=Ready reports each pod condition met', async () => {
    const r = await tk.kubectl(['run', 'waiter', '--image=nginx:1.27']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('pod/waiter created');
    const w = await tk.kubectl(['wait', '--for=condition=Ready', 'pod/waiter', '--timeout=60s']);
    expect(w.code, w.stderr).toBe(0);
    expect(w.stdout.trim()).toBe('pod/waiter condition met');
  });

  it('delete --cascade=orphan keeps the ReplicaSet and its pods, without an owner', async () => {
    await tk.kubectl(['create', 'deployment', 'orphans', '--image=nginx:1.27', '--replicas=1']);
    await tk.kubectl(['rollout', 'status', 'deployment/orphans', '--timeout=60s']);
    const d = await tk.kubectl(['delete', 'deployment', 'orphans', '--cascade=orphan']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout.trim()).toBe('deployment.apps "orphans" deleted');
    const rs = await waitFor(
      () => tk.kubectl(['get', 'rs', '-l', 'app=orphans', '-o', 'jsonpath={.items[*].metadata.ownerReferences}']),
      (r) => r.code === 0 && r.stdout === '',
    );
    expect(rs.code).toBe(0);
    const left = await tk.kubectl(['get', 'rs,pods', '-l', 'app=orphans', '-o', 'name']);
    expect(names(left.stdout)).toHaveLength(2);
    expect(await tk.kubectl(['get', 'deploy', 'orphans'])).toMatchObject({ code: 1 });
  });

  it('delete --cascade=background removes the Deployment at once and the garbage collector the rest', async () => {
    await tk.kubectl(['create', 'deployment', 'bg', '--image=nginx:1.27', '--replicas=2']);
    await tk.kubectl(['rollout', 'status', 'deployment/bg', '--timeout=60s']);
    const d = await tk.kubectl(['delete', 'deployment', 'bg', '--cascade=background']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout.trim()).toBe('deployment.apps "bg" deleted');
    await waitFor(() => tk.kubectl(['get', 'rs,pods', '-l', 'app=bg', '-o', 'name']), (r) => r.code === 0 && r.stdout.trim() === '');
  });

  it('delete --cascade=foreground waits until the dependents are gone', async () => {
    await tk.kubectl(['create', 'deployment', 'fg', '--image=nginx:1.27', '--replicas=2']);
    await tk.kubectl(['rollout', 'status', 'deployment/fg', '--timeout=60s']);
    const d = await tk.kubectl(['delete', 'deployment', 'fg', '--cascade=foreground']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout.trim()).toBe('deployment.apps "fg" deleted');
    // kubectl waits for the Deployment itself to disappear; with foreground deletion that happens
    // only after its ReplicaSet (and that one's pods) are gone.
    const rs = await tk.kubectl(['get', 'rs', '-l', 'app=fg', '-o', 'name']);
    expect(rs.stdout.trim()).toBe('');
    expect((await tk.kubectl(['get', 'deploy', 'fg'])).stderr.trim()).toBe('Error from server (NotFound): deployments.apps "fg" not found');
  });
});
