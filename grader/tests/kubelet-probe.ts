/**
 * Pristine tests of the exercise `kubelet-probe` (part `kubelet.probe`): a one-node cluster whose
 * kubelet turns probe outcomes into verdicts with the graded part, seen as `kubectl get pod`
 * (READY, RESTARTS) and `kubectl describe pod` (Conditions, Unhealthy and Killing events) show
 * it, then the part's edge cases one by one (engine/kubelet/probe-result-suite.ts).
 *
 * Upstream behaviour checked here: pkg/kubelet/prober/worker.go (doProbe: initialDelaySeconds,
 * periodSeconds, a verdict changes only after successThreshold / failureThreshold results in a
 * row, readiness starts as failure), prober.go (event Unhealthy `Liveness probe failed: <output>`),
 * kuberuntime_manager.go computePodActions (event Killing `Container <name> failed liveness probe,
 * will be restarted`) and pkg/kubelet/status/generate.go (ContainersReady / Ready False with reason
 * ContainersNotReady and `containers with unready status: [<names>]`).
 */
import { expect } from 'vitest';
import type { corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { ProbeResultTrackerFactory } from '../../engine/kubelet/probe-result.ts';
import { probeResultCases } from '../../engine/kubelet/probe-result-suite.ts';
import { defineExerciseTests, exportOf, type CaseContext, type GradeCase } from '../exercise-tests.ts';

const NS = 'default';
const S = 1000;

function pod(name: string, container: Partial<corev1.Container>): corev1.Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'app', image: 'busybox:1.36', ...container }] } };
}

const app = (p: corev1.Pod) => p.status?.containerStatuses?.find((s) => s.name === 'app');
const cond = (p: corev1.Pod, type: string) => p.status?.conditions?.find((c) => c.type === type);
const isReady = (p: corev1.Pod) => cond(p, 'Ready')?.status === 'True';
const isRunning = (p: corev1.Pod) => app(p)?.state?.running !== undefined;

/** Runs the cluster until `pod` satisfies `predicate`; returns the pod and the cluster time then. */
async function waitForPod(c: Cluster, t: CaseContext, name: string, what: string, predicate: (p: corev1.Pod) => boolean, timeoutMs = 5 * 60 * S): Promise<{ pod: corev1.Pod; at: number }> {
  let last: corev1.Pod | undefined;
  const ok = await c.clock.runUntil(async () => predicate((last = await c.client().pods(NS).get(name))), { timeoutMs });
  if (!ok) {
    const ready = last ? `${cond(last, 'Ready')?.status ?? 'unknown'}` : 'unknown';
    throw new Error(`timed out (${timeoutMs / S} s of cluster time) waiting until pod ${name} ${what}; it is ${last?.status?.phase ?? 'missing'}, Ready ${ready}, restarts ${last ? (app(last)?.restartCount ?? 0) : 0}`);
  }
  t.step(`pod ${name} ${what}`);
  return { pod: last!, at: c.clock.now() };
}

async function eventsOf(c: Cluster, pod: string, reason: string): Promise<corev1.Event[]> {
  return (await c.client().events(NS).list()).items.filter((e) => e.involvedObject?.name === pod && e.reason === reason);
}

const clusterCases: GradeCase<ProbeResultTrackerFactory>[] = [
  {
    name: 'a readiness probe that starts failing makes the pod unready only after 3 failures in a row (Ready and ContainersReady False, ContainersNotReady)',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      t.step('created pod web (busybox: /tmp/ready exists for 32 s; readiness probe `cat /tmp/ready` every 5 s)');
      await c.client('kubectl').pods(NS).create(
        pod('web', { command: ['sh', '-c', 'touch /tmp/ready; sleep 32; rm -f /tmp/ready; sleep 3600'], readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 5 } }),
      );
      const start = (await waitForPod(c, t, 'web', 'is running', isRunning, 60 * S)).at;
      const ready = await waitForPod(c, t, 'web', 'is Ready', isReady, 60 * S);
      expect(cond(ready.pod, 'ContainersReady')?.status).toBe('True');
      expect(app(ready.pod)?.ready).toBe(true);
      const unready = await waitForPod(c, t, 'web', 'is no longer Ready', (p) => !isReady(p), 2 * 60 * S);
      // The file is gone at 32 s; the probes at 35, 40 and 45 s fail, and only the third counts.
      expect((unready.at - start) / S).toBe(45);
      const p = unready.pod;
      expect(p.status?.phase).toBe('Running');
      expect(cond(p, 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]' });
      expect(cond(p, 'ContainersReady')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]' });
      expect(app(p)).toMatchObject({ ready: false, restartCount: 0 });
      const [unhealthy] = await eventsOf(c, 'web', 'Unhealthy');
      expect(unhealthy).toMatchObject({ type: 'Warning', message: "Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory" });
      // A readiness failure never restarts anything.
      await c.clock.advance(60 * S);
      expect(app(await c.client().pods(NS).get('web'))?.restartCount).toBe(0);
    },
  },
  {
    name: 'a liveness probe failing failureThreshold times in a row gets the container killed and restarted, with Unhealthy and Killing events',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      t.step('created pod live (busybox: /tmp/healthy exists for 32 s; liveness probe `cat /tmp/healthy` every 5 s, failureThreshold 3)');
      await c.client('kubectl').pods(NS).create(
        pod('live', {
          command: ['sh', '-c', 'touch /tmp/healthy; sleep 32; rm -f /tmp/healthy; sleep 3600'],
          livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5, failureThreshold: 3 },
        }),
      );
      const start = (await waitForPod(c, t, 'live', 'is running', isRunning, 60 * S)).at;
      // Two failures (35 s, 40 s) are not enough.
      await c.clock.advance(start + 44 * S - c.clock.now());
      const before = await c.client().pods(NS).get('live');
      expect(app(before)?.restartCount).toBe(0);
      expect(await eventsOf(c, 'live', 'Killing')).toEqual([]);
      const restarted = await waitForPod(c, t, 'live', 'was restarted', (p) => (app(p)?.restartCount ?? 0) >= 1, 2 * 60 * S);
      expect(app(restarted.pod)?.lastState?.terminated).toBeDefined();
      const unhealthy = await eventsOf(c, 'live', 'Unhealthy');
      expect(unhealthy).toHaveLength(1);
      expect(unhealthy[0]).toMatchObject({ type: 'Warning', count: 3, message: "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory" });
      const killing = await eventsOf(c, 'live', 'Killing');
      expect(killing.map((e) => e.message)).toEqual(['Container app failed liveness probe, will be restarted']);
      // The third failure (45 s after the start) decides. Event times have whole seconds.
      expect(Math.round((Date.parse(killing[0]?.firstTimestamp ?? '') - start) / S)).toBe(45);
    },
  },
  {
    name: 'a readiness probe waits initialDelaySeconds: the pod is not Ready before, even though the container runs',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      t.step('created pod slow (nginx, httpGet readiness probe on / port 80, initialDelaySeconds 20)');
      await c.client('kubectl').pods(NS).create(
        pod('slow', { image: 'nginx:1.27', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 20, periodSeconds: 10 } }),
      );
      const running = await waitForPod(c, t, 'slow', 'is running', isRunning, 60 * S);
      expect(isReady(running.pod)).toBe(false);
      expect(cond(running.pod, 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
      const ready = await waitForPod(c, t, 'slow', 'is Ready', isReady, 60 * S);
      expect((ready.at - running.at) / S).toBe(20);
    },
  },
  {
    name: 'with successThreshold 2 a pod becomes Ready only on the second successful readiness probe in a row',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      t.step('created pod twice (nginx, httpGet readiness probe every 5 s, successThreshold 2)');
      await c.client('kubectl').pods(NS).create(
        pod('twice', { image: 'nginx:1.27', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5, successThreshold: 2 } }),
      );
      const running = await waitForPod(c, t, 'twice', 'is running', isRunning, 60 * S);
      expect(isReady(running.pod)).toBe(false);
      const ready = await waitForPod(c, t, 'twice', 'is Ready', isReady, 60 * S);
      expect((ready.at - running.at) / S).toBe(5);
      expect(cond(ready.pod, 'ContainersReady')?.status).toBe('True');
    },
  },
];

export default defineExerciseTests({
  part: 'kubelet.probe',
  load: (m) => exportOf<ProbeResultTrackerFactory>(m, 'newProbeResultTracker'),
  cases: [
    ...clusterCases,
    ...probeResultCases.map((c): GradeCase<ProbeResultTrackerFactory> => ({ name: c.name, kind: 'part', run: (factory) => c.run(factory) })),
  ],
});
