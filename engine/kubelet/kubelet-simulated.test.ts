/**
 * The kubelet on the real simulated runtime (engine/runtime): images from the catalog, busybox
 * scripts, nginx serving HTTP, memory limits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { corev1 } from '../api/types.ts';
import { createSimulatedNetwork, createSimulatedRuntime } from '../runtime/index.ts';
import { containerLifecycle } from '../../solutions/runtime/container-lifecycle.ts';
import { parseImageReference } from '../../solutions/runtime/image-reference.ts';
import { kubeletParts } from '../../solutions/kubelet/index.ts';
import { startKubelet, type KubeletHarness } from './testing/harness.ts';
import { resolveMount } from '../../solutions/volume/mounts.ts';

let h: KubeletHarness;
let sim: ReturnType<typeof createSimulatedRuntime>;
let net: ReturnType<typeof createSimulatedNetwork>;
afterEach(async () => {
  await h?.close();
});

const S = 1000;
const cond = (p: corev1.Pod, type: string) => p.status?.conditions?.find((c) => c.type === type);
const isReady = (p: corev1.Pod) => cond(p, 'Ready')?.status === 'True';
const web = (p: corev1.Pod) => p.status?.containerStatuses?.find((c) => c.name === 'web');

async function start(): Promise<KubeletHarness> {
  return startKubelet(kubeletParts, {}, {
    runtime: (cluster) => {
      const network = createSimulatedNetwork({ clock: cluster.clock });
      const runtime = createSimulatedRuntime({ clock: cluster.clock, random: cluster.random.fork('runtime'), nodeName: 'node-1', podCIDR: '10.244.1.0/24', nodeIP: '172.18.0.2', network, containerLifecycle, parseImageReference, resolveMount, memoryBytes: 8 * 1024 ** 3 });
      sim = runtime;
      net = network;
      return { runtime, network };
    },
  });
}

describe('kubelet on the simulated runtime', () => {
  it('an nginx pod with an httpGet readiness probe becomes Running and Ready', async () => {
    h = await start();
    await h.createPod({ metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: '/', port: 80 } } }] } });
    const pod = await h.waitForPod('web', isReady, 2 * 60 * S);
    expect(pod.status?.phase).toBe('Running');
    expect(web(pod)).toMatchObject({ ready: true, restartCount: 0 });
    expect(pod.status?.podIP).toMatch(/^10\.244\.1\.\d+$/);
    expect(h.errors).toEqual([]);
  });

  it('a busybox `exit 1` pod reaches CrashLoopBackOff with restarts 10 s then 20 s apart', async () => {
    h = await start();
    await h.createPod({ metadata: { name: 'crash' }, spec: { containers: [{ name: 'web', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] } });
    const pod = await h.waitForPod('crash', (p) => web(p)?.state?.waiting?.reason === 'CrashLoopBackOff', 2 * 60 * S);
    expect(web(pod)?.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    const t1 = h.cluster.clock.now();
    await h.waitForPod('crash', (p) => web(p)?.restartCount === 2);
    const t2 = h.cluster.clock.now();
    await h.waitForPod('crash', (p) => web(p)?.restartCount === 3);
    const t3 = h.cluster.clock.now();
    expect(Math.round((t2 - t1) / S)).toBe(10);
    expect(Math.round((t3 - t2) / S)).toBe(20);
  });

  it('init containers run in order and the app container sees what they wrote to a shared emptyDir', async () => {
    h = await start();
    await h.createPod({
      metadata: { name: 'init' },
      spec: {
        volumes: [{ name: 'work', emptyDir: {} }],
        initContainers: [
          { name: 'a', image: 'busybox:1.36', command: ['sh', '-c', 'echo a >> /work/log'], volumeMounts: [{ name: 'work', mountPath: '/work' }] },
          { name: 'b', image: 'busybox:1.36', command: ['sh', '-c', 'echo b >> /work/log'], volumeMounts: [{ name: 'work', mountPath: '/work' }] },
        ],
        containers: [{ name: 'web', image: 'busybox:1.36', command: ['sh', '-c', 'cat /work/log; sleep 3600'], volumeMounts: [{ name: 'work', mountPath: '/work' }] }],
      },
    });
    const pod = await h.waitForPod('init', (p) => p.status?.phase === 'Running', 2 * 60 * S);
    expect(pod.status?.initContainerStatuses?.map((s) => s.state?.terminated?.reason)).toEqual(['Completed', 'Completed']);
    const id = web(pod)!.containerID!.replace('containerd://', '');
    expect((await sim.readLogs(id)).map((l) => l.line)).toEqual(['a', 'b']);
  });

  it('a container using more memory than its limit is OOMKilled (137)', async () => {
    h = await start();
    await h.createPod({ metadata: { name: 'oom' }, spec: { restartPolicy: 'Never', containers: [{ name: 'web', image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'], resources: { limits: { memory: '100Mi' } } }] } });
    const pod = await h.waitForPod('oom', (p) => p.status?.phase === 'Failed', 2 * 60 * S);
    expect(web(pod)?.state?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });

  it('the docs liveness-exec example: the container is restarted once /tmp/healthy is gone', async () => {
    h = await start();
    await h.createPod({
      metadata: { name: 'liveness-exec' },
      spec: {
        containers: [{
          name: 'web',
          image: 'busybox', // the docs use registry.k8s.io/busybox, which the catalog lacks
          args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
          livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
        }],
      },
    });
    await h.waitForPod('liveness-exec', (p) => web(p)?.state?.running !== undefined, 2 * 60 * S);
    const pod = await h.waitForPod('liveness-exec', (p) => web(p)?.restartCount === 1 && web(p)?.state?.running !== undefined, 5 * 60 * S);
    expect(web(pod)?.lastState?.terminated).toBeDefined();
    const [unhealthy] = await h.events({ reason: 'Unhealthy' });
    expect(unhealthy?.message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    const [killing] = await h.events({ reason: 'Killing' });
    expect(killing?.message).toBe('Container web failed liveness probe, will be restarted');
  });

  it('graceful deletion: a shell that ignores SIGTERM is killed when terminationGracePeriodSeconds ends', async () => {
    h = await start();
    await h.createPod({ metadata: { name: 'sleeper' }, spec: { terminationGracePeriodSeconds: 15, containers: [{ name: 'web', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }] } });
    await h.waitForPod('sleeper', isReady, 2 * 60 * S);
    const t0 = h.cluster.clock.now();
    await h.cluster.client().pods('default').delete('sleeper');
    await h.cluster.clock.runUntil(async () => (await h.pod('sleeper')) === undefined, { timeoutMs: 2 * 60 * S });
    expect(await h.pod('sleeper')).toBeUndefined();
    const took = (h.cluster.clock.now() - t0) / S;
    expect(took).toBe(15);
    const killing = await h.events({ reason: 'Killing' });
    expect(killing.map((e) => e.message)).toEqual(['Stopping container web']);
  });

  it('after a node reboot (runtime shut down, kubelet restarted) the pod gets a new sandbox and runs again', async () => {
    h = await start();
    await h.createPod({ metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    const before = await h.waitForPod('web', isReady, 2 * 60 * S);
    await h.kubelet.stop();
    sim.shutdown();
    await h.cluster.clock.advance(60 * S);
    await h.kubelet.start();
    const after = await h.waitForPod('web', (p) => isReady(p) && web(p)?.restartCount === 1, 2 * 60 * S);
    expect(after.metadata?.uid).toBe(before.metadata?.uid);
    expect(after.status?.podIP).toMatch(/^10\.244\.1\.\d+$/);
    const sandboxes = await sim.listPodSandbox({ labelSelector: { 'io.kubernetes.pod.uid': after.metadata!.uid! } });
    expect(sandboxes.map((x) => [x.metadata.attempt, x.state]).sort()).toEqual([[0, 'SANDBOX_NOTREADY'], [1, 'SANDBOX_READY']]);
  });

  it('a ConfigMap mounted into the nginx html directory is what nginx serves; a downwardAPI file holds the labels', async () => {
    h = await start();
    await h.cluster.client().configmaps('default').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'site', namespace: 'default' }, data: { 'index.html': 'hello from a configmap' } });
    await h.createPod({
      metadata: { name: 'site', labels: { app: 'site' } },
      spec: {
        volumes: [{ name: 'html', configMap: { name: 'site' } }, { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }],
        containers: [{ name: 'web', image: 'nginx:1.27', volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html' }, { name: 'info', mountPath: '/etc/podinfo' }] }],
      },
    });
    const pod = await h.waitForPod('site', isReady, 2 * 60 * S);
    const res = await net.httpRequest(undefined, pod.status!.podIP!, 80, { method: 'GET', path: '/', headers: {} }, 1000);
    expect(res.status).toBe(200);
    expect(res.body).toContain('hello from a configmap');
    const id = web(pod)!.containerID!.replace('containerd://', '');
    expect((await sim.execSync(id, ['cat', '/etc/podinfo/labels'], 1)).stdout.trim()).toBe('app="site"');
    const cm = await h.cluster.client().configmaps('default').get('site');
    await h.cluster.client().configmaps('default').update({ ...cm, data: { 'index.html': 'updated' } });
    await h.cluster.clock.advance(60 * S);
    const again = await net.httpRequest(undefined, pod.status!.podIP!, 80, { method: 'GET', path: '/', headers: {} }, 1000);
    expect(again.body).toContain('updated');
  });
});
