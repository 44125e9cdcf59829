/**
 * Pristine tests of the exercise `runtime-container` (part `runtime.container`): a cluster whose
 * container runtime keeps every container's state with the graded part, seen through the API as
 * `kubectl get pod -o yaml` shows it, then the state machine event by event
 * (engine/runtime/container-lifecycle-suite.ts).
 *
 * Upstream behaviour checked here: containerd's CRI plugin records the exit code and the reason
 * (Completed / Error / OOMKilled: internal/cri/server/events.go, container_stop.go), the kubelet
 * copies them to status.containerStatuses[].state.terminated (pkg/kubelet/kubelet_pods.go), a
 * pod under restartPolicy Never whose container failed is Failed, a container killed by the OOM
 * killer or by SIGKILL exits 137 (128 + 9), and deleting a pod gives its containers
 * terminationGracePeriodSeconds between SIGTERM and SIGKILL (kuberuntime_container.go
 * killContainer).
 */
import { expect } from 'vitest';
import type { corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { ContainerLifecycle } from '../../engine/runtime/container-lifecycle.ts';
import { containerLifecycleCases } from '../../engine/runtime/container-lifecycle-suite.ts';
import { defineExerciseTests, exportOf, type GradeCase } from '../exercise-tests.ts';

const NS = 'default';
const WAIT = { timeoutMs: 120_000 };

function pod(name: string, container: corev1.Container, spec: Partial<corev1.PodSpec> = {}): corev1.Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [container], ...spec } };
}

const getPod = (c: Cluster, name: string) => c.client().pods(NS).get(name);

async function waitForPod(c: Cluster, name: string, what: string, predicate: (p: corev1.Pod) => boolean): Promise<corev1.Pod> {
  const ok = await c.clock.runUntil(async () => predicate(await getPod(c, name)), WAIT);
  const last = await getPod(c, name);
  if (!ok) {
    const state = JSON.stringify(last.status?.containerStatuses?.[0]?.state ?? null);
    throw new Error(`timed out (${WAIT.timeoutMs / 1000} s of cluster time) waiting until ${what}; phase ${last.status?.phase}, container state ${state}`);
  }
  return last;
}

const terminatedOf = (p: corev1.Pod) => p.status?.containerStatuses?.[0]?.state?.terminated;
const isFinished = (p: corev1.Pod) => p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded';
const isRunning = (p: corev1.Pod) => p.status?.containerStatuses?.[0]?.state?.running !== undefined;

const clusterCases: GradeCase<ContainerLifecycle>[] = [
  {
    name: "a busybox pod running `sh -c 'exit 3'` under restartPolicy Never is Failed, its container terminated with exit code 3, reason Error",
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      t.step("created pod fail (busybox:1.36, sh -c 'exit 3', restartPolicy Never)");
      await c.client('kubectl').pods(NS).create(pod('fail', { name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'exit 3'] }, { restartPolicy: 'Never' }));
      const p = await waitForPod(c, 'fail', 'the pod has finished', isFinished);
      expect(p.status?.phase).toBe('Failed');
      expect(terminatedOf(p)).toMatchObject({ exitCode: 3, reason: 'Error' });
    },
  },
  {
    name: "a busybox pod running `sh -c 'exit 0'` under restartPolicy Never is Succeeded, its container terminated with reason Completed",
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      t.step("created pod done (busybox:1.36, sh -c 'exit 0', restartPolicy Never)");
      await c.client('kubectl').pods(NS).create(pod('done', { name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'exit 0'] }, { restartPolicy: 'Never' }));
      const p = await waitForPod(c, 'done', 'the pod has finished', isFinished);
      expect(p.status?.phase).toBe('Succeeded');
      expect(terminatedOf(p)).toMatchObject({ exitCode: 0, reason: 'Completed' });
    },
  },
  {
    name: 'a container that allocates more memory than its limit (polinux/stress 250M, limit 100Mi) is OOMKilled with exit code 137',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      t.step('created pod hog (polinux/stress --vm-bytes 250M, memory limit 100Mi, restartPolicy Never)');
      await c.client('kubectl').pods(NS).create(
        pod(
          'hog',
          { name: 'app', image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'], resources: { limits: { memory: '100Mi' } } },
          { restartPolicy: 'Never' },
        ),
      );
      const p = await waitForPod(c, 'hog', 'the pod has finished', isFinished);
      expect(p.status?.phase).toBe('Failed');
      expect(terminatedOf(p)).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    },
  },
  {
    name: 'deleting a pod whose process ignores SIGTERM kills it after terminationGracePeriodSeconds (15 s): exit code 137',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      t.step('created pod stubborn (busybox:1.36, sh -c "sleep 3600" as PID 1, terminationGracePeriodSeconds 15)');
      const pods = c.client('kubectl').pods(NS);
      await pods.create(pod('stubborn', { name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }, { terminationGracePeriodSeconds: 15 }));
      await waitForPod(c, 'stubborn', 'the container is running', isRunning);
      // Every status the pod goes through on its way out, as `kubectl get pod -w` shows them.
      const seen: corev1.ContainerStateTerminated[] = [];
      let gone = false;
      const list = await pods.list();
      const watch = pods.watch({ resourceVersion: list.metadata.resourceVersion }, (e) => {
        const p = e.object as corev1.Pod;
        if (p.metadata?.name !== 'stubborn') return;
        const term = terminatedOf(p);
        if (term) seen.push(term);
        if (e.type === 'DELETED') gone = true;
      });
      try {
        const start = c.clock.now();
        t.step('deleted pod stubborn');
        await pods.delete('stubborn');
        if (!(await c.clock.runUntil(() => gone, WAIT))) throw new Error(`the pod was still there ${WAIT.timeoutMs / 1000} s after its deletion (its process ignores SIGTERM: was it ever killed?)`);
        const tookSeconds = (c.clock.now() - start) / 1000;
        expect(tookSeconds, 'seconds between the delete and the pod going away').toBeGreaterThanOrEqual(15);
        expect(tookSeconds, 'seconds between the delete and the pod going away').toBeLessThan(20);
        expect(seen.at(-1), 'the last terminated state the pod showed').toMatchObject({ exitCode: 137, reason: 'Error' });
      } finally {
        watch.stop();
      }
    },
  },
];

export default defineExerciseTests({
  part: 'runtime.container',
  load: (m) => exportOf<ContainerLifecycle>(m, 'containerLifecycle', 'object'),
  cases: [
    ...clusterCases,
    ...containerLifecycleCases.map((c): GradeCase<ContainerLifecycle> => ({ name: c.name, kind: 'part', run: (impl) => c.run(impl) })),
  ],
});
