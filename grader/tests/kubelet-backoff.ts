/**
 * Pristine tests of the exercise `kubelet-backoff` (part `kubelet.backoff`): a one-node cluster
 * whose kubelet delays restarts with the graded part, seen as `kubectl get pod` / `kubectl
 * describe pod` show it (RESTARTS, the CrashLoopBackOff waiting state and its message, Last State,
 * the BackOff event), then the part's edge cases one by one (engine/kubelet/backoff-suite.ts).
 *
 * Upstream behaviour checked here: pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff
 * (waiting reason CrashLoopBackOff, message `back-off <delay> restarting failed container=<name>
 * pod=<name>_<namespace>(<uid>)`, Warning event BackOff `Back-off restarting failed container
 * <name> in pod <pod>`), the kubelet's flowcontrol.NewBackOff(10s, 300s) (pkg/kubelet/kubelet.go),
 * and client-go util/flowcontrol/backoff.go (an entry untouched for 2 × max is forgotten, which
 * is why a container that ran more than 10 minutes restarts at once).
 */
import { expect } from 'vitest';
import type { corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { ContainerBackoffFactory } from '../../engine/kubelet/backoff.ts';
import { backoffCases } from '../../engine/kubelet/backoff-suite.ts';
import { defineExerciseTests, exportOf, type CaseContext, type GradeCase } from '../exercise-tests.ts';

const NS = 'default';
const S = 1000;

function busybox(name: string, script: string): corev1.Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', script] }] } };
}

const app = (p: corev1.Pod | undefined) => p?.status?.containerStatuses?.find((s) => s.name === 'app');

/** RFC 3339 with whole seconds, as the API shows container times. */
const iso = (ms: number) => new Date(Math.floor(ms / S) * S).toISOString().replace('.000Z', 'Z');

interface Restart {
  /** Seconds of cluster time since the container's first restart. */
  at: number;
  /** Cluster time (ms) of the restart. */
  now: number;
  /** The container's status when this restartCount first appeared (the new run has started). */
  status: corev1.ContainerStatus;
  /** The last status seen with this restartCount (the run exited: waiting in CrashLoopBackOff). */
  latest: corev1.ContainerStatus;
}

interface Watch {
  /** Stop once the pod shows this many restarts. */
  count: number;
  /** Give up when the first restart has not come this long after the watch began. */
  firstWithinMs: number;
  /** Give up when `count` restarts have not come this long after the first one. */
  thenWithinMs: number;
  /**
   * After the watch begins and after each restart the container surely runs this long: the
   * cluster time is advanced without looking (far fewer API reads).
   */
  quietMs?: number;
}

/**
 * Runs the cluster while watching `pod`; returns, for every restartCount from 1 on, what `kubectl
 * get pod` showed at the moment it first appeared — fewer than `count` entries when the restarts
 * did not come in time (the caller's expectation then shows what was seen).
 */
async function watchRestarts(c: Cluster, t: CaseContext, pod: string, w: Watch): Promise<Restart[]> {
  const seen: Restart[] = [];
  let first: number | undefined;
  let deadline = c.clock.now() + w.firstWithinMs;
  // `kubectl get pod -w`: every change of the pod arrives as a watch event, at its cluster time.
  const list = await c.client().pods(NS).list();
  const watch = c.client().pods(NS).watch({ resourceVersion: list.metadata?.resourceVersion }, (e) => {
    if (e.type !== 'ADDED' && e.type !== 'MODIFIED') return;
    const p = e.object as corev1.Pod;
    if (p.metadata?.name !== pod) return;
    const s = app(p);
    const n = s?.restartCount ?? 0;
    if (!s || n === 0) return;
    if (n === seen.length) seen[n - 1]!.latest = s;
    if (n <= seen.length) return;
    if (first === undefined) {
      first = c.clock.now();
      deadline = first + w.thenWithinMs;
    }
    seen.push({ at: (c.clock.now() - first) / S, now: c.clock.now(), status: s, latest: s });
  });
  const quiet = async () => {
    if (w.quietMs) await c.clock.advance(Math.min(w.quietMs, deadline - c.clock.now()));
  };
  try {
    await quiet();
    while (seen.length < w.count && c.clock.now() < deadline) {
      const before = seen.length;
      await c.clock.runUntil(() => seen.length >= w.count || (!!w.quietMs && seen.length > before), { timeoutMs: Math.max(0, deadline - c.clock.now()) });
      if (seen.length > before && seen.length < w.count) await quiet();
    }
  } finally {
    watch.stop();
  }
  if (seen.length === 0) {
    const s = app(await c.client().pods(NS).get(pod));
    const state = s?.state?.waiting ? `waiting (${s.state.waiting.reason})` : s?.state?.terminated ? `terminated (${s.state.terminated.reason})` : s?.state?.running ? 'running' : 'unknown';
    throw new Error(`pod ${pod} was never restarted within ${w.firstWithinMs / S} s of cluster time: RESTARTS 0, container ${state}`);
  }
  t.step(`watched pod ${pod}: restarts at ${seen.map((r) => `${r.at} s`).join(', ')} (relative to the first restart)`);
  return seen;
}

async function eventsOf(c: Cluster, pod: string, reason: string): Promise<corev1.Event[]> {
  return (await c.client().events(NS).list()).items.filter((e) => e.involvedObject?.name === pod && e.reason === reason);
}

const clusterCases: GradeCase<ContainerBackoffFactory>[] = [
  {
    name: 'a container that keeps exiting 1 (restartPolicy Always) is restarted at once, then after 10 s, 20 s and 40 s, in CrashLoopBackOff in between',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      t.step('created pod crash (busybox, `exit 1`, restartPolicy Always)');
      const created = await c.client('kubectl').pods(NS).create(busybox('crash', 'exit 1'));
      const uid = created.metadata?.uid;
      const restarts = await watchRestarts(c, t, 'crash', { count: 4, firstWithinMs: 60 * S, thenWithinMs: 100 * S });
      expect(restarts.map((r) => r.at)).toEqual([0, 10, 30, 70]);
      for (const [i, r] of restarts.entries()) {
        // `kubectl describe pod`: Last State Terminated, Reason Error, Exit Code 1, finished when
        // the run before ended (each run exits at once, so: at the restart before this one).
        expect(r.status.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error', finishedAt: iso((restarts[i - 1] ?? r).now) });
      }
      // Between two restarts: Waiting, CrashLoopBackOff, with the delay it waits for.
      expect(restarts.slice(0, 3).map((r) => r.latest.state?.waiting?.message?.split(' ')[1])).toEqual(['10s', '20s', '40s']);
      await c.clock.advance(5 * S);
      const pod = await c.client().pods(NS).get('crash');
      expect(app(pod)?.state?.waiting).toEqual({
        reason: 'CrashLoopBackOff',
        message: `back-off 1m20s restarting failed container=app pod=crash_default(${uid})`,
      });
      expect(app(pod)?.restartCount).toBe(4);
      expect(pod.status?.phase).toBe('Running');
      const backoff = await eventsOf(c, 'crash', 'BackOff');
      expect(backoff).toHaveLength(1);
      expect(backoff[0]).toMatchObject({ type: 'Warning', message: `Back-off restarting failed container app in pod crash_default(${uid})` });
      expect(backoff[0]?.involvedObject?.fieldPath).toBe('spec.containers{app}');
    },
  },
  {
    name: 'the restart delay stops doubling at 5 minutes: back-off 5m0s, restarts 300 s apart',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      t.step('created pod crash (busybox, `exit 1`, restartPolicy Always)');
      await c.client('kubectl').pods(NS).create(busybox('crash', 'exit 1'));
      const restarts = await watchRestarts(c, t, 'crash', { count: 7, firstWithinMs: 60 * S, thenWithinMs: 700 * S });
      // Doubling 160 s would give 320 s: the ceiling is what makes it 300.
      const gaps = restarts.slice(1).map((r, i) => r.at - restarts[i]!.at);
      expect(gaps).toEqual([10, 20, 40, 80, 160, 300]);
      expect(restarts.slice(0, 6).map((r) => r.latest.state?.waiting?.message?.split(' ')[1])).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s']);
      await c.clock.advance(5 * S);
      expect(app(await c.client().pods(NS).get('crash'))?.state?.waiting?.message).toMatch(/^back-off 5m0s restarting failed container=app pod=crash_default\(/);
    },
  },
  {
    name: 'a container that ran for more than 10 minutes before failing restarts at once, its back-off forgotten',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      t.step('created pod slow (busybox, `sleep 700; exit 1`)');
      await c.client('kubectl').pods(NS).create(busybox('slow', 'sleep 700; exit 1'));
      const restarts = await watchRestarts(c, t, 'slow', { count: 2, firstWithinMs: 760 * S, thenWithinMs: 760 * S, quietMs: 690 * S });
      expect(restarts.map((r) => r.at)).toEqual([0, 700]);
      // Never in CrashLoopBackOff: the kubelet never had to wait.
      expect(await eventsOf(c, 'slow', 'BackOff')).toEqual([]);
      expect(app(await c.client().pods(NS).get('slow'))?.state?.running).toBeDefined();
    },
  },
];

export default defineExerciseTests({
  part: 'kubelet.backoff',
  load: (m) => exportOf<ContainerBackoffFactory>(m, 'newContainerBackoff'),
  cases: [
    ...clusterCases,
    ...backoffCases.map((c): GradeCase<ContainerBackoffFactory> => ({ name: c.name, kind: 'part', run: (factory) => c.run(factory) })),
  ],
});
