/**
 * Pristine tests of the exercise `kubelet-sync` (part `kubelet.sync`, computePodActions): a
 * one-node cluster whose kubelet decides what to start, restart and kill with the graded part,
 * seen as `kubectl get pod` (STATUS, RESTARTS) and `kubectl describe pod` (phase, init container
 * and container states) show it, then the decision's edge cases one by one
 * (engine/kubelet/pod-actions-suite.ts).
 *
 * Upstream behaviour checked here: pkg/kubelet/kuberuntime/kuberuntime_manager.go
 * (computePodActions, computeInitContainerActions: init containers one at a time, in order; a
 * failed one fails the pod under restartPolicy Never), pkg/kubelet/container/helpers.go
 * (shouldContainerBeRestarted), pkg/kubelet/kubelet_pods.go (getPhase: Succeeded / Failed /
 * Running; waiting reason PodInitializing) and kubectl's STATUS column
 * (pkg/printers/internalversion/printers.go printPod: `Init:1/2`, `Init:Error`).
 *
 * Not checked: restarting a container whose spec changed (a new image) — the simulated kubelet
 * does not compare container hashes, so that behaviour is not part of this exercise.
 */
import { expect } from 'vitest';
import type { corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { ComputePodActions } from '../../engine/kubelet/pod-actions.ts';
import { podActionsCases } from '../../engine/kubelet/pod-actions-suite.ts';
import { defineExerciseTests, exportOf, type CaseContext, type GradeCase } from '../exercise-tests.ts';

const NS = 'default';
const S = 1000;

const sh = (name: string, script: string): corev1.Container => ({ name, image: 'busybox:1.36', command: ['sh', '-c', script] });

function pod(name: string, spec: corev1.PodSpec): corev1.Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec };
}

const status = (p: corev1.Pod, name: string) => p.status?.containerStatuses?.find((s) => s.name === name);
const cond = (p: corev1.Pod, type: string) => p.status?.conditions?.find((c) => c.type === type);

/**
 * The STATUS column of `kubectl get pod` (the part of upstream printPod these cases reach): the
 * first init container that did not succeed decides (`Init:<reason>` or `Init:<done>/<total>`),
 * else the last app container that waits or terminated, else the phase.
 */
function kubectlStatus(p: corev1.Pod): string {
  let reason = p.status?.reason || p.status?.phase || '';
  const inits = p.status?.initContainerStatuses ?? [];
  for (const [i, s] of inits.entries()) {
    const term = s.state?.terminated;
    if (term && term.exitCode === 0) continue;
    if (term) return `Init:${term.reason || `ExitCode:${term.exitCode}`}`;
    const waiting = s.state?.waiting?.reason;
    if (waiting && waiting !== 'PodInitializing') return `Init:${waiting}`;
    return `Init:${i}/${p.spec?.initContainers?.length ?? 0}`;
  }
  let hasRunning = false;
  for (const s of [...(p.status?.containerStatuses ?? [])].reverse()) {
    if (s.state?.waiting?.reason) reason = s.state.waiting.reason;
    else if (s.state?.terminated?.reason) reason = s.state.terminated.reason;
    else if (s.state?.terminated) reason = `ExitCode:${s.state.terminated.exitCode}`;
    else if (s.ready && s.state?.running) hasRunning = true;
  }
  if (reason === 'Completed' && hasRunning) reason = cond(p, 'Ready')?.status === 'True' ? 'Running' : 'NotReady';
  return reason;
}

async function waitForPod(c: Cluster, t: CaseContext, name: string, what: string, predicate: (p: corev1.Pod) => boolean, timeoutMs = 2 * 60 * S): Promise<corev1.Pod> {
  let last: corev1.Pod | undefined;
  const ok = await c.clock.runUntil(async () => predicate((last = await c.client().pods(NS).get(name))), { timeoutMs });
  if (!ok) throw new Error(`timed out (${timeoutMs / S} s of cluster time) waiting until pod ${name} ${what}; kubectl shows STATUS ${last ? kubectlStatus(last) : 'none'}`);
  t.step(`pod ${name} ${what} (STATUS ${kubectlStatus(last!)})`);
  return last!;
}

const clusterCases: GradeCase<ComputePodActions>[] = [
  {
    name: 'restartPolicy Never: a container that exits 3 is not restarted and the pod is Failed; OnFailure: exit 0 makes the pod Succeeded',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      const kubectl = c.client('kubectl');
      t.step('created pod never (busybox `exit 3`, restartPolicy Never)');
      await kubectl.pods(NS).create(pod('never', { restartPolicy: 'Never', containers: [sh('app', 'exit 3')] }));
      t.step('created pod done (busybox `sleep 5; exit 0`, restartPolicy OnFailure)');
      await kubectl.pods(NS).create(pod('done', { restartPolicy: 'OnFailure', containers: [sh('app', 'sleep 5; exit 0')] }));
      const never = await waitForPod(c, t, 'never', 'is Failed', (p) => p.status?.phase === 'Failed');
      expect(status(never, 'app')).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 3, reason: 'Error' } } });
      expect(kubectlStatus(never)).toBe('Error');
      const done = await waitForPod(c, t, 'done', 'is Succeeded', (p) => p.status?.phase === 'Succeeded');
      expect(status(done, 'app')).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } });
      expect(kubectlStatus(done)).toBe('Completed');
      // Finished pods stay finished.
      await c.clock.advance(2 * 60 * S);
      for (const name of ['never', 'done']) expect(status(await kubectl.pods(NS).get(name), 'app')?.restartCount).toBe(0);
    },
  },
  {
    name: 'restartPolicy Always restarts a container even after exit 0, OnFailure only after a failure: both pods stay Running',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      const kubectl = c.client('kubectl');
      t.step('created pod always (busybox `sleep 5; exit 0`, restartPolicy Always)');
      await kubectl.pods(NS).create(pod('always', { restartPolicy: 'Always', containers: [sh('app', 'sleep 5; exit 0')] }));
      t.step('created pod retry (busybox `sleep 5; exit 1`, restartPolicy OnFailure)');
      await kubectl.pods(NS).create(pod('retry', { restartPolicy: 'OnFailure', containers: [sh('app', 'sleep 5; exit 1')] }));
      const always = await waitForPod(c, t, 'always', 'shows 2 restarts', (p) => (status(p, 'app')?.restartCount ?? 0) >= 2);
      expect(always.status?.phase).toBe('Running');
      expect(status(always, 'app')?.lastState?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
      const retry = await waitForPod(c, t, 'retry', 'shows 2 restarts', (p) => (status(p, 'app')?.restartCount ?? 0) >= 2);
      expect(retry.status?.phase).toBe('Running');
      expect(status(retry, 'app')?.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    },
  },
  {
    name: 'init containers run one at a time, in order, before the app container (Init:0/2, Init:1/2, then Running)',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      t.step('created pod init (init containers init-a `sleep 5` and init-b `sleep 3`, then app nginx)');
      await c.client('kubectl').pods(NS).create(
        pod('init', { initContainers: [sh('init-a', 'sleep 5'), sh('init-b', 'sleep 3')], containers: [{ name: 'app', image: 'nginx:1.27' }] }),
      );
      const first = await waitForPod(c, t, 'init', 'runs init-a', (p) => p.status?.initContainerStatuses?.[0]?.state?.running !== undefined);
      expect(kubectlStatus(first)).toBe('Init:0/2');
      expect(first.status?.phase).toBe('Pending');
      expect(cond(first, 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init-a init-b]' });
      expect(first.status?.initContainerStatuses?.[1]?.state?.waiting?.reason).toBe('PodInitializing');
      expect(status(first, 'app')?.state?.waiting?.reason).toBe('PodInitializing');
      const second = await waitForPod(c, t, 'init', 'runs init-b', (p) => p.status?.initContainerStatuses?.[1]?.state?.running !== undefined);
      expect(kubectlStatus(second)).toBe('Init:1/2');
      expect(second.status?.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
      expect(status(second, 'app')?.state?.waiting?.reason).toBe('PodInitializing');
      const running = await waitForPod(c, t, 'init', 'is Running', (p) => p.status?.phase === 'Running' && status(p, 'app')?.state?.running !== undefined);
      expect(kubectlStatus(running)).toBe('Running');
      expect(cond(running, 'Initialized')?.status).toBe('True');
      const [a, b] = running.status?.initContainerStatuses ?? [];
      expect([a?.state?.terminated?.reason, b?.state?.terminated?.reason]).toEqual(['Completed', 'Completed']);
      // Each one starts after the one before it finished.
      expect(Date.parse(b!.state!.terminated!.startedAt!)).toBeGreaterThanOrEqual(Date.parse(a!.state!.terminated!.finishedAt!));
      expect(Date.parse(status(running, 'app')!.state!.running!.startedAt!)).toBeGreaterThanOrEqual(Date.parse(b!.state!.terminated!.finishedAt!));
    },
  },
  {
    name: 'a failing init container fails the pod under restartPolicy Never (Init:Error) and is retried under Always (Init:CrashLoopBackOff)',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      const kubectl = c.client('kubectl');
      const spec = (restartPolicy: string): corev1.PodSpec => ({ restartPolicy, initContainers: [sh('setup', 'exit 1')], containers: [{ name: 'app', image: 'nginx:1.27' }] });
      t.step('created pod never (init container setup `exit 1`, restartPolicy Never)');
      await kubectl.pods(NS).create(pod('never', spec('Never')));
      t.step('created pod always (init container setup `exit 1`, restartPolicy Always)');
      await kubectl.pods(NS).create(pod('always', spec('Always')));
      const never = await waitForPod(c, t, 'never', 'is Failed', (p) => p.status?.phase === 'Failed');
      expect(kubectlStatus(never)).toBe('Init:Error');
      expect(never.status?.initContainerStatuses?.[0]).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error' } } });
      // The app container never ran.
      expect(status(never, 'app')?.state?.running).toBeUndefined();
      expect(status(never, 'app')?.state?.terminated?.startedAt).toBeUndefined();
      const always = await waitForPod(c, t, 'always', 'retries setup', (p) => (p.status?.initContainerStatuses?.[0]?.restartCount ?? 0) >= 2);
      expect(always.status?.phase).toBe('Pending');
      expect(status(always, 'app')?.state?.waiting?.reason).toBe('PodInitializing');
      await waitForPod(c, t, 'always', 'shows Init:CrashLoopBackOff', (p) => kubectlStatus(p) === 'Init:CrashLoopBackOff');
    },
  },
  {
    name: 'a container whose liveness probe fails is killed: restarted under restartPolicy Always, left dead (pod Failed) under Never',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      const kubectl = c.client('kubectl');
      const spec = (restartPolicy: string): corev1.PodSpec => ({
        restartPolicy,
        terminationGracePeriodSeconds: 2,
        containers: [{ ...sh('app', 'sleep 3600'), livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5, failureThreshold: 2 } }],
      });
      t.step('created pod always (busybox `sleep 3600`, liveness probe `cat /tmp/healthy` always fails, restartPolicy Always)');
      await kubectl.pods(NS).create(pod('always', spec('Always')));
      t.step('created pod never (the same, restartPolicy Never)');
      await kubectl.pods(NS).create(pod('never', spec('Never')));
      const always = await waitForPod(c, t, 'always', 'was restarted', (p) => (status(p, 'app')?.restartCount ?? 0) >= 1);
      expect(status(always, 'app')?.lastState?.terminated).toBeDefined();
      const never = await waitForPod(c, t, 'never', 'is Failed', (p) => p.status?.phase === 'Failed');
      expect(status(never, 'app')).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 137, reason: 'Error' } } });
      const killing = (await kubectl.events(NS).list()).items.filter((e) => e.reason === 'Killing').map((e) => `${e.involvedObject?.name}: ${e.message}`);
      // Under Never nothing is left to run, so the kubelet stops the whole pod (upstream SyncPod
      // then kills every container with the plain message instead of the liveness one).
      expect([...new Set(killing)].sort()).toEqual(['always: Container app failed liveness probe, will be restarted', 'never: Stopping container app']);
    },
  },
];

export default defineExerciseTests({
  part: 'kubelet.sync',
  load: (m) => exportOf<ComputePodActions>(m, 'computePodActions'),
  cases: [
    ...clusterCases,
    ...podActionsCases.map((c): GradeCase<ComputePodActions> => ({ name: c.name, kind: 'part', run: (compute) => c.run(compute) })),
  ],
});
