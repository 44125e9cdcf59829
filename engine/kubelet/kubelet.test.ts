import { KUBERNETES_VERSION } from '../api/version.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { corev1 } from '../api/types.ts';
import { kubeletParts } from '../../solutions/kubelet/index.ts';
import { startKubelet, type KubeletHarness } from './testing/harness.ts';

let h: KubeletHarness;
afterEach(async () => {
  await h?.close();
});

const S = 1000;
const cond = (p: corev1.Pod, type: string) => p.status?.conditions?.find((c) => c.type === type);
const isReady = (p: corev1.Pod) => cond(p, 'Ready')?.status === 'True';
const web = (p: corev1.Pod) => p.status?.containerStatuses?.find((c) => c.name === 'web');
const busybox = (name: string, script: string, extra: Partial<corev1.PodSpec> = {}) => ({ metadata: { name }, spec: { containers: [{ name: 'web', image: 'busybox:1.36', command: ['sh', '-c', script] }], ...extra } });
/** Creation times (s, relative to the first) of the runtime containers named `name`. */
function starts(h: KubeletHarness, name = 'web'): number[] {
  const times = [...h.runtime.containers.values()].filter((c) => c.config.metadata.name === name).map((c) => c.status.createdAt);
  return times.map((t) => (t - times[0]!) / S);
}

describe('kubelet: node registration and heartbeats', () => {
  it('registers its Node with capacity, labels, addresses, podCIDR, nodeInfo and the four conditions', async () => {
    h = await startKubelet(kubeletParts, { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    const node = await h.cluster.client().nodes().get('node-1');
    expect(node.metadata?.labels).toMatchObject({ 'kubernetes.io/hostname': 'node-1', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'topology.kubernetes.io/zone': 'zone-a' });
    expect(node.spec?.podCIDR).toBe('10.244.1.0/24');
    expect(node.spec?.taints).toEqual([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    expect(node.status?.capacity).toMatchObject({ cpu: '4', memory: '8Gi', pods: '110' });
    expect(node.status?.allocatable).toMatchObject({ cpu: '4', memory: '8Gi', pods: '110' });
    expect(node.status?.addresses).toEqual([{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'node-1' }]);
    expect(node.status?.nodeInfo?.kubeletVersion).toBe(KUBERNETES_VERSION.gitVersion);
    expect(node.status?.nodeInfo?.containerRuntimeVersion).toBe('containerd://1.7.22');
    const conds = Object.fromEntries((node.status?.conditions ?? []).map((c) => [c.type, `${c.status} ${c.reason}: ${c.message}`]));
    expect(conds).toEqual({
      MemoryPressure: 'False KubeletHasSufficientMemory: kubelet has sufficient memory available',
      DiskPressure: 'False KubeletHasNoDiskPressure: kubelet has no disk pressure',
      PIDPressure: 'False KubeletHasSufficientPID: kubelet has sufficient PID available',
      Ready: 'True KubeletReady: kubelet is posting ready status',
    });
  });

  it('renews its Lease every 10 s, posts an unchanged status only every 5 minutes, and stops when the node goes down', async () => {
    h = await startKubelet(kubeletParts);
    const admin = h.cluster.client();
    const heartbeat = async () => (await admin.nodes().get('node-1')).status?.conditions?.find((c) => c.type === 'Ready')?.lastHeartbeatTime;
    const renew = async () => (await admin.leases('kube-node-lease').get('node-1')).spec?.renewTime;
    const lease = await admin.leases('kube-node-lease').get('node-1');
    expect(lease.spec).toMatchObject({ holderIdentity: 'node-1', leaseDurationSeconds: 40 });
    expect(lease.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: 'node-1' });
    expect(await heartbeat()).toBe('2025-01-01T00:00:00Z');
    await h.cluster.clock.advance(10 * S);
    // The Lease is the heartbeat (nodeStatusUpdateFrequency 10 s); an unchanged status waits for
    // nodeStatusReportFrequency (5 min) before it is posted again.
    expect(await renew()).toBe('2025-01-01T00:00:10.000000Z');
    expect(await heartbeat()).toBe('2025-01-01T00:00:00Z');
    await h.cluster.clock.advance(290 * S);
    expect(await renew()).toBe('2025-01-01T00:05:00.000000Z');
    expect(await heartbeat()).toBe('2025-01-01T00:05:00Z');
    await h.kubelet.stop();
    await h.cluster.clock.advance(60 * S);
    expect(await heartbeat()).toBe('2025-01-01T00:05:00Z');
    expect(await renew()).toBe('2025-01-01T00:05:00.000000Z');
    await h.kubelet.start();
    // A (re)started kubelet posts its status at once.
    expect(await heartbeat()).toBe('2025-01-01T00:06:00Z');
    await h.cluster.clock.advance(10 * S);
    expect(await renew()).toBe('2025-01-01T00:06:10.000000Z');
  });

  it('a deleted Node is registered again only when the kubelet restarts, as upstream', async () => {
    h = await startKubelet(kubeletParts);
    const admin = h.cluster.client();
    await admin.nodes().delete('node-1');
    await h.cluster.clock.advance(30 * S);
    await expect(admin.nodes().get('node-1')).rejects.toMatchObject({ code: 404 });
    await h.kubelet.stop();
    await h.kubelet.start();
    expect((await admin.nodes().get('node-1')).status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });

  it('reports the images on the node (for ImageLocality)', async () => {
    h = await startKubelet(kubeletParts);
    await h.createPod({ metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } });
    await h.waitForPod('web', isReady);
    await h.cluster.clock.advance(10 * S);
    const node = await h.cluster.client().nodes().get('node-1');
    expect(node.status?.images).toEqual([{ names: ['docker.io/library/nginx@sha256:nginx000', 'docker.io/library/nginx'], sizeBytes: 67_000_000 }]);
  });
});

describe('kubelet: running pods', () => {
  it('an nginx pod becomes Running and Ready with podIP, hostIP, startTime and the kubelet conditions', async () => {
    h = await startKubelet(kubeletParts);
    await h.createPod({ metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } });
    const pending = await h.waitForPod('web', (p) => web(p)?.state?.waiting !== undefined);
    expect(web(pending)?.state?.waiting?.reason).toBe('ContainerCreating');
    expect(pending.status?.phase).toBe('Pending');
    const pod = await h.waitForPod('web', (p) => p.status?.phase === 'Running' && isReady(p));
    expect(pod.status?.podIP).toMatch(/^10\.244\.1\.\d+$/);
    expect(pod.status?.podIPs).toEqual([{ ip: pod.status?.podIP }]);
    expect(pod.status?.hostIP).toBe('172.18.0.2');
    expect(pod.status?.startTime).toBe('2025-01-01T00:00:00Z');
    for (const t of ['PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready']) expect(cond(pod, t)?.status).toBe('True');
    expect(web(pod)).toMatchObject({ name: 'web', image: 'nginx', ready: true, restartCount: 0, started: true });
    expect(web(pod)?.state?.running?.startedAt).toBeTruthy();
    expect(web(pod)?.imageID).toContain('sha256');
    expect(web(pod)?.containerID).toMatch(/^containerd:\/\//);
    expect((await h.events({ name: 'web' })).map((e) => e.reason)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    const [pulled] = await h.events({ reason: 'Pulled' });
    expect(pulled?.message).toBe('Successfully pulled image "nginx" in 1.2s (1.2s including waiting). Image size: 67000000 bytes.');
    expect(pulled?.involvedObject.fieldPath).toBe('spec.containers{web}');
    expect(pulled?.source).toMatchObject({ component: 'kubelet', host: 'node-1' });
    expect(h.errors).toEqual([]);
  });

  it('a busybox `exit 1` pod reaches CrashLoopBackOff, restarting after 0, 10, 20, 40, 80 s', async () => {
    h = await startKubelet(kubeletParts);
    await h.createPod(busybox('crash', 'exit 1'));
    const pod = await h.waitForPod('crash', (p) => web(p)?.state?.waiting?.reason === 'CrashLoopBackOff');
    expect(web(pod)?.state?.waiting?.message).toBe(`back-off 10s restarting failed container=web pod=crash_default(${pod.metadata?.uid})`);
    expect(web(pod)?.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(web(pod)?.restartCount).toBe(1);
    expect(pod.status?.phase).toBe('Running');
    expect(cond(pod, 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' });
    await h.waitForPod('crash', (p) => (web(p)?.restartCount ?? 0) >= 5);
    expect(starts(h)).toEqual([0, 0, 10, 30, 70, 150]);
    const [backoff] = await h.events({ reason: 'BackOff' });
    expect(backoff?.type).toBe('Warning');
    expect(backoff?.message).toBe(`Back-off restarting failed container web in pod crash_default(${pod.metadata?.uid})`);
  });

  it('the restart delay caps at 5 minutes', async () => {
    h = await startKubelet(kubeletParts);
    await h.createPod(busybox('crash', 'exit 1'));
    await h.waitForPod('crash', (p) => (web(p)?.restartCount ?? 0) >= 8, 30 * 60 * S);
    expect(starts(h)).toEqual([0, 0, 10, 30, 70, 150, 310, 610, 910]);
    const pod = await h.waitForPod('crash', (p) => web(p)?.state?.waiting?.reason === 'CrashLoopBackOff');
    expect(web(pod)?.state?.waiting?.message).toMatch(/^back-off 5m0s restarting failed container=web/);
  });

  it('a container that ran for more than 10 minutes restarts at once, its backoff reset', async () => {
    h = await startKubelet(kubeletParts);
    await h.createPod(busybox('slow', 'sleep 700; exit 1'));
    await h.waitForPod('slow', (p) => (web(p)?.restartCount ?? 0) >= 3, 60 * 60 * S);
    expect(starts(h)).toEqual([0, 700, 1400, 2100]);
  });

  it('restartPolicy Never: a failed container makes the pod Failed; OnFailure: exit 0 makes it Succeeded', async () => {
    h = await startKubelet(kubeletParts);
    await h.createPod(busybox('never', 'exit 3', { restartPolicy: 'Never' }));
    await h.createPod(busybox('onfailure', 'sleep 5; exit 0', { restartPolicy: 'OnFailure' }));
    const failed = await h.waitForPod('never', (p) => p.status?.phase === 'Failed');
    expect(web(failed)?.state?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(web(failed)?.restartCount).toBe(0);
    const done = await h.waitForPod('onfailure', (p) => p.status?.phase === 'Succeeded');
    expect(web(done)?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(cond(done, 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    await h.cluster.clock.advance(60 * S);
    expect(starts(h)).toEqual([0, 0]);
  });

  it('a container over its memory limit is OOMKilled with exit code 137', async () => {
    h = await startKubelet(kubeletParts);
    await h.createPod({ metadata: { name: 'oom' }, spec: { restartPolicy: 'Never', containers: [{ name: 'web', image: 'busybox:1.36', command: ['oom'], resources: { limits: { memory: '10Mi' } } }] } });
    const pod = await h.waitForPod('oom', (p) => p.status?.phase === 'Failed');
    expect(web(pod)?.state?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });

  it('an unknown image waits with ErrImagePull, then ImagePullBackOff, retrying on the backoff', async () => {
    h = await startKubelet(kubeletParts);
    await h.createPod({ metadata: { name: 'typo' }, spec: { containers: [{ name: 'web', image: 'nginxx' }] } });
    const first = await h.waitForPod('typo', (p) => web(p)?.state?.waiting?.reason === 'ErrImagePull');
    expect(web(first)?.state?.waiting?.message).toContain('rpc error: code = NotFound');
    expect(first.status?.phase).toBe('Pending');
    const second = await h.waitForPod('typo', (p) => web(p)?.state?.waiting?.reason === 'ImagePullBackOff');
    expect(web(second)?.state?.waiting?.message).toBe('Back-off pulling image "nginxx"');
    await h.cluster.clock.advance(5 * 60 * S);
    const failedEvents = await h.events({ reason: 'Failed' });
    expect(failedEvents.map((e) => e.message)).toContain('Error: ErrImagePull');
    expect(failedEvents.find((e) => e.message?.startsWith('Failed to pull image "nginxx": rpc error: code = NotFound'))).toBeDefined();
    // Each pull takes 1.2 s and fails; the next waits 10, 20, 40, 80 s from the failure:
    // pulls at 0, 11.2, 32.4, 73.6 and 154.8 s (the next would be at 316 s).
    const pulling = (await h.events({ reason: 'Pulling' }))[0];
    expect(pulling?.count).toBe(5);
  });

  it('init containers run one at a time, in order, before the app containers', async () => {
    h = await startKubelet(kubeletParts);
    await h.createPod({
      metadata: { name: 'init' },
      spec: {
        initContainers: [
          { name: 'init-a', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5; exit 0'] },
          { name: 'init-b', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3; exit 0'] },
        ],
        containers: [{ name: 'web', image: 'nginx:1.27' }],
      },
    });
    const initializing = await h.waitForPod('init', (p) => p.status?.initContainerStatuses?.[0]?.state?.running !== undefined);
    expect(initializing.status?.phase).toBe('Pending');
    expect(cond(initializing, 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init-a init-b]' });
    expect(web(initializing)?.state?.waiting?.reason).toBe('PodInitializing');
    expect(initializing.status?.initContainerStatuses?.[1]?.state?.waiting?.reason).toBe('PodInitializing');
    const running = await h.waitForPod('init', (p) => p.status?.phase === 'Running' && isReady(p));
    expect(running.status?.initContainerStatuses?.map((s) => s.state?.terminated?.reason)).toEqual(['Completed', 'Completed']);
    const created = [...h.runtime.containers.values()].map((c) => [c.config.metadata.name, c.status.createdAt - [...h.runtime.containers.values()][0]!.status.createdAt]);
    expect(created).toEqual([
      ['init-a', 0],
      ['init-b', 5 * S],
      ['web', 8 * S + 1200],
    ]);
  });

  it('a failing init container is retried with backoff under Always and fails the pod under Never', async () => {
    h = await startKubelet(kubeletParts);
    const spec = (policy: string) => ({ restartPolicy: policy, initContainers: [{ name: 'init-a', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }], containers: [{ name: 'web', image: 'nginx:1.27' }] });
    await h.createPod({ metadata: { name: 'always' }, spec: spec('Always') });
    await h.createPod({ metadata: { name: 'never' }, spec: spec('Never') });
    const never = await h.waitForPod('never', (p) => p.status?.phase === 'Failed');
    expect(never.status?.initContainerStatuses?.[0]?.state?.terminated?.exitCode).toBe(1);
    const always = await h.waitForPod('always', (p) => p.status?.initContainerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff');
    expect(always.status?.phase).toBe('Pending');
    expect(always.status?.initContainerStatuses?.[0]?.restartCount).toBe(1);
  });
});

describe('kubelet: probes', () => {
  const probed = (probes: Partial<corev1.Container>) => ({ metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }], ...probes }] } });

  it('an httpGet readiness probe makes the pod Ready, and 3 failures in a row make it unready', async () => {
    h = await startKubelet(kubeletParts);
    await h.createPod(probed({ readinessProbe: { httpGet: { path: '/', port: 'http' }, initialDelaySeconds: 5 } }));
    const running = await h.waitForPod('web', (p) => p.status?.phase === 'Running');
    expect(isReady(running)).toBe(false);
    const ready = await h.waitForPod('web', isReady);
    const startedAt = [...h.runtime.containers.values()][0]!.status.startedAt;
    expect(h.cluster.clock.now() - startedAt).toBe(5 * S);
    expect(web(ready)?.ready).toBe(true);
    h.runtime.httpStatus.set('web', 503);
    const before = h.cluster.clock.now();
    const unready = await h.waitForPod('web', (p) => !isReady(p));
    // Probes at 15, 25 and 35 s after the start fail; the third makes it unready.
    expect(h.cluster.clock.now() - before).toBe(30 * S);
    expect(cond(unready, 'Ready')).toMatchObject({ reason: 'ContainersNotReady', message: 'containers with unready status: [web]' });
    const [unhealthy] = await h.events({ reason: 'Unhealthy' });
    expect(unhealthy?.message).toBe('Readiness probe failed: HTTP probe failed with statuscode: 503');
    expect(web(unready)?.restartCount).toBe(0);
  });

  it('a failing liveness probe restarts the container after failureThreshold periods', async () => {
    h = await startKubelet(kubeletParts);
    await h.createPod(probed({ livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5 } }));
    await h.waitForPod('web', isReady);
    h.runtime.execExit.set('web', 1);
    const restarted = await h.waitForPod('web', (p) => web(p)?.restartCount === 1 && web(p)?.state?.running !== undefined);
    expect(web(restarted)?.lastState?.terminated).toBeDefined();
    const killing = (await h.events({ reason: 'Killing' }))[0];
    expect(killing?.message).toBe('Container web failed liveness probe, will be restarted');
    const [unhealthy] = await h.events({ reason: 'Unhealthy' });
    expect(unhealthy?.message).toMatch(/^Liveness probe failed: /);
    expect(unhealthy?.count).toBe(3);
  });

  it('a tcpSocket liveness probe on a closed port restarts the container', async () => {
    h = await startKubelet(kubeletParts);
    await h.createPod(probed({ livenessProbe: { tcpSocket: { port: 8080 } } }));
    await h.waitForPod('web', (p) => web(p)?.restartCount === 1, 5 * 60 * S);
    const [unhealthy] = await h.events({ reason: 'Unhealthy' });
    expect(unhealthy?.message).toMatch(/^Liveness probe failed: dial tcp 10\.244\.1\.\d+:8080: connect: connection refused$/);
  });

  it('a startup probe holds liveness and readiness until it succeeds', async () => {
    h = await startKubelet(kubeletParts);
    h.runtime.execExit.set('web', 1);
    await h.createPod(probed({
      startupProbe: { exec: { command: ['startup'] }, periodSeconds: 10, failureThreshold: 30 },
      livenessProbe: { exec: { command: ['live'] } },
      readinessProbe: { exec: { command: ['ready'] } },
    }));
    await h.cluster.clock.advance(60 * S);
    let pod = (await h.pod('web'))!;
    expect(web(pod)).toMatchObject({ started: false, ready: false, restartCount: 0 });
    expect(new Set(h.runtime.execs.map((e) => e.cmd[0]))).toEqual(new Set(['startup']));
    h.runtime.execExit.set('web', 0);
    pod = await h.waitForPod('web', isReady);
    expect(web(pod)?.started).toBe(true);
    await h.cluster.clock.advance(20 * S);
    expect(new Set(h.runtime.execs.map((e) => e.cmd[0]))).toEqual(new Set(['startup', 'live', 'ready']));
  });
});

describe('kubelet: termination and admission', () => {
  it('graceful deletion runs preStop, stops the container, and deletes the pod once it is gone', async () => {
    h = await startKubelet(kubeletParts);
    await h.createPod({ metadata: { name: 'web' }, spec: { terminationGracePeriodSeconds: 20, containers: [{ name: 'web', image: 'busybox:1.36', command: ['sh', '-c', 'sleep infinity'], lifecycle: { preStop: { exec: { command: ['nginx', '-s', 'quit'] } } } }] } });
    await h.waitForPod('web', isReady);
    const admin = h.cluster.client();
    await admin.pods('default').delete('web');
    const deleting = (await h.pod('web'))!;
    expect(deleting.metadata?.deletionTimestamp).toBeTruthy();
    const t0 = h.cluster.clock.now();
    // busybox's sh ignores SIGTERM: the pod stays until the grace period ends with a SIGKILL.
    await h.cluster.clock.advance(19 * S);
    expect(await h.pod('web')).toBeDefined();
    await h.cluster.clock.runUntil(async () => (await h.pod('web')) === undefined, { timeoutMs: 60 * S });
    expect(h.cluster.clock.now() - t0).toBe(20 * S);
    expect(h.runtime.execs.map((e) => e.cmd.join(' '))).toContain('nginx -s quit');
    const killing = await h.events({ reason: 'Killing' });
    expect(killing.map((e) => e.message)).toEqual(['Stopping container web']);
    expect(h.runtime.sandboxes.size).toBe(0);
  });

  it('a container that exits on SIGTERM lets the pod go at once', async () => {
    h = await startKubelet(kubeletParts);
    await h.createPod({ metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    await h.waitForPod('web', isReady);
    const t0 = h.cluster.clock.now();
    await h.cluster.client().pods('default').delete('web');
    await h.cluster.clock.runUntil(async () => (await h.pod('web')) === undefined, { timeoutMs: 60 * S });
    expect(h.cluster.clock.now() - t0).toBeLessThan(S);
  });

  it('a pod that does not fit the node is rejected: Failed, OutOfcpu, with the upstream message', async () => {
    h = await startKubelet(kubeletParts);
    await h.createPod({ metadata: { name: 'small' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '3' } } }] } });
    await h.waitForPod('small', isReady);
    await h.createPod({ metadata: { name: 'big' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '2' } } }] } });
    const big = await h.waitForPod('big', (p) => p.status?.phase === 'Failed');
    expect(big.status?.reason).toBe('OutOfcpu');
    expect(big.status?.message).toBe("Pod was rejected: Node didn't have enough resource: cpu, requested: 2000, used: 3000, capacity: 4000");
    const [event] = await h.events({ reason: 'OutOfcpu', name: 'big' });
    expect(event?.type).toBe('Warning');
    expect([...h.runtime.sandboxes.values()].filter((s) => s.metadata.name === 'big')).toEqual([]);
  });

  it('env from fields and ConfigMaps reaches the container; a missing ConfigMap is CreateContainerConfigError', async () => {
    h = await startKubelet(kubeletParts);
    await h.createPod({ metadata: { name: 'env' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } }] }] } });
    const waiting = await h.waitForPod('env', (p) => web(p)?.state?.waiting?.reason === 'CreateContainerConfigError');
    expect(web(waiting)?.state?.waiting?.message).toBe('configmap "cfg" not found');
    await h.cluster.client().configmaps('default').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { mode: 'fast' } });
    await h.waitForPod('env', isReady, 60 * S);
    const c = [...h.runtime.containers.values()].find((x) => x.config.metadata.name === 'web')!;
    expect(c.config.envs).toEqual([{ key: 'POD', value: 'env' }, { key: 'MODE', value: 'fast' }]);
  });
});

describe('kubelet: surviving a partition', () => {
  it('keeps running while cut off from the apiserver, retries without spinning, and catches up when access returns', async () => {
    h = await startKubelet(kubeletParts, {}, { partitionable: true });
    const admin = h.cluster.client();
    await h.createPod({ metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    await h.waitForPod('web', isReady);
    h.partition!.cut();
    const cutAt = h.cluster.clock.now();
    await h.createPod({ metadata: { name: 'late' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    await h.cluster.clock.advance(2 * 60 * S);
    const errorsWhileCut = h.errors.length;
    expect(errorsWhileCut).toBeGreaterThan(0);
    expect(errorsWhileCut).toBeLessThan(200);
    const lease = await admin.leases('kube-node-lease').get('node-1');
    expect(Date.parse(lease.spec!.renewTime!)).toBeLessThanOrEqual(cutAt);
    expect((await h.pod('late'))?.status?.phase).toBe('Pending');
    expect([...h.runtime.containers.values()].filter((c) => c.status.state === 'CONTAINER_RUNNING')).toHaveLength(1);
    h.partition!.restore();
    await h.waitForPod('late', isReady, 2 * 60 * S);
    await h.cluster.clock.advance(10 * S);
    const renewed = await admin.leases('kube-node-lease').get('node-1');
    expect(Date.parse(renewed.spec!.renewTime!)).toBeGreaterThan(cutAt + 2 * 60 * S);
    expect(isReady((await h.pod('web'))!)).toBe(true);
  });
});

describe('kubelet: the status manager', () => {
  it('keeps conditions it does not own (PodScheduled) and writes nothing while nothing changes', async () => {
    h = await startKubelet(kubeletParts);
    const admin = h.cluster.client();
    const created = await h.createPod({ metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    await admin.pods('default').updateStatus({ ...created, status: { ...created.status, conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z' }] } }).catch(async () => {
      const latest = (await h.pod('web'))!;
      await admin.pods('default').updateStatus({ ...latest, status: { ...latest.status, conditions: [...(latest.status?.conditions ?? []), { type: 'PodScheduled', status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z' }] } });
    });
    const ready = await h.waitForPod('web', isReady);
    expect(cond(ready, 'PodScheduled')?.status).toBe('True');
    const rv = ready.metadata?.resourceVersion;
    await h.cluster.clock.advance(5 * 60 * S);
    expect((await h.pod('web'))?.metadata?.resourceVersion).toBe(rv);
  });
});

describe('kubelet: parts are injected', () => {
  it('restart timings come from the kubelet.backoff part it is given', async () => {
    h = await startKubelet({ ...kubeletParts, 'kubelet.backoff': () => kubeletParts['kubelet.backoff']({ initialMs: 5 * S, maxMs: 5 * S }) });
    await h.createPod(busybox('crash', 'exit 1'));
    await h.waitForPod('crash', (p) => (web(p)?.restartCount ?? 0) >= 4);
    expect(starts(h)).toEqual([0, 0, 5, 10, 15]);
  });

  it('a kubelet.probe part that throws is survived: the error is reported and the pod stays unready', async () => {
    const broken = () => {
      throw new Error('broken tracker');
    };
    h = await startKubelet({ ...kubeletParts, 'kubelet.probe': () => ({ observe: broken, verdict: broken, done: broken }) });
    await h.createPod({ metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 } } }] } });
    await h.cluster.clock.advance(60 * S);
    const pod = (await h.pod('web'))!;
    expect(isReady(pod)).toBe(false);
    expect(h.errors.map((e) => (e as Error).message)).toContain('broken tracker');
  });

  it('the decision what to start comes from the kubelet.sync part it is given', async () => {
    h = await startKubelet({ ...kubeletParts, 'kubelet.sync': (pod, view, probes) => ({ ...kubeletParts['kubelet.sync'](pod, view, probes), containersToStart: [] }) });
    await h.createPod({ metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    await h.cluster.clock.advance(60 * S);
    const pod = (await h.pod('web'))!;
    expect(pod.status?.phase).toBe('Pending');
    expect(web(pod)?.state?.waiting?.reason).toBe('ContainerCreating');
  });
});
