/**
 * Pristine tests of the exercise `ctrl-job` (part `controllers.job`): Jobs of busybox pods that
 * really run on a cluster whose Job controller decides with the graded part, observed as
 * `kubectl get pods -w` and `kubectl describe job` would show them, then the decision's edge
 * cases one by one (engine/controllers/job/manage-job-suite.ts).
 *
 * Upstream behaviour checked here (pkg/controller/job/job_controller.go, website
 * concepts/workloads/controllers/job.md): never more than parallelism pods run at once, never more
 * pods than completions still missing; `succeeded`/`failed`/`active` in status; the Complete
 * condition with reason CompletionsReached (1.31+) and message `Reached expected number of
 * succeeded pods`; more failures than backoffLimit → Failed with reason BackoffLimitExceeded and
 * message `Job has reached the specified backoff limit`; with restartPolicy OnFailure the
 * container restarts count as failures.
 */
import { expect } from 'vitest';
import type { batchv1, corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { ManageJob } from '../../engine/controllers/job/manage-job.ts';
import { manageJobCases } from '../../engine/controllers/job/manage-job-suite.ts';
import { defineExerciseTests, exportOf, type GradeCase } from '../exercise-tests.ts';
import { waitFor } from './helpers.ts';

const NS = 'default';
const WAIT = { timeoutMs: 5 * 60_000 };

function job(name: string, script: string, spec: Partial<batchv1.JobSpec>, restartPolicy: 'Never' | 'OnFailure' = 'Never'): batchv1.Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { ...spec, template: { spec: { restartPolicy, containers: [{ name: 'work', image: 'busybox', command: ['sh', '-c', script] }] } } },
  };
}

const finishedCondition = (j: batchv1.Job) => j.status?.conditions?.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');

interface PodWatch {
  /** Every pod name the Job ever had. */
  seen: Set<string>;
  /** Most pods running or waiting to run (not terminal, not terminating) at once. */
  maxActive: number;
  stop(): void;
}

/** Lists the pods, then watches them from there (`kubectl get pods -w`), keeping the extremes. */
async function watchPods(c: Cluster): Promise<PodWatch> {
  const active = new Map<string, boolean>();
  const w: PodWatch = { seen: new Set(), maxActive: 0, stop: () => undefined };
  const track = (p: corev1.Pod, deleted: boolean) => {
    const name = p.metadata?.name ?? '';
    w.seen.add(name);
    const terminal = p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
    active.set(name, !deleted && !terminal && !p.metadata?.deletionTimestamp);
    w.maxActive = Math.max(w.maxActive, [...active.values()].filter(Boolean).length);
  };
  const list = await c.client().pods(NS).list();
  for (const p of list.items) track(p, false);
  const h = c.client().pods(NS).watch({ resourceVersion: list.metadata?.resourceVersion }, (ev) => {
    if (ev.type === 'ADDED' || ev.type === 'MODIFIED' || ev.type === 'DELETED') {
      if (ev.object.kind !== 'Status') track(ev.object as corev1.Pod, ev.type === 'DELETED');
    }
  });
  w.stop = () => h.stop();
  return w;
}

const clusterCases: GradeCase<ManageJob>[] = [
  {
    name: 'a Job with completions 3 and parallelism 2 runs at most 2 pods at once, 3 pods in all, and completes (CompletionsReached)',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 2 });
      const pods = await watchPods(c);
      t.step("created Job work (completions 3, parallelism 2, busybox 'sleep 5')");
      await c.client('kubectl').jobs(NS).create(job('work', 'sleep 5', { completions: 3, parallelism: 2 }));
      await waitFor(c, 'Job work has 2 active pods', async () => (await c.client().jobs(NS).get('work')).status?.active === 2, WAIT.timeoutMs);
      await waitFor(c, 'Job work is finished', async () => finishedCondition(await c.client().jobs(NS).get('work')) !== undefined, WAIT.timeoutMs);
      await c.clock.advance(30_000);
      pods.stop();
      const j = await c.client().jobs(NS).get('work');
      expect(finishedCondition(j), 'the finished condition of Job work').toMatchObject({ type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' });
      expect(j.status?.succeeded, 'status.succeeded').toBe(3);
      expect(j.status?.active ?? 0, 'status.active').toBe(0);
      expect(j.status?.failed ?? 0, 'status.failed').toBe(0);
      expect(j.status?.completionTime, 'status.completionTime').toBeTruthy();
      expect(pods.maxActive, 'most pods active at once (parallelism)').toBe(2);
      expect(pods.seen.size, 'pods created in all (completions)').toBe(3);
    },
  },
  {
    name: 'a Job whose pods keep failing is Failed with BackoffLimitExceeded after backoffLimit + 1 failed pods',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 2 });
      const pods = await watchPods(c);
      t.step("created Job crash (backoffLimit 2, restartPolicy Never, busybox 'exit 1')");
      await c.client('kubectl').jobs(NS).create(job('crash', 'exit 1', { backoffLimit: 2 }));
      await waitFor(c, 'Job crash is finished', async () => finishedCondition(await c.client().jobs(NS).get('crash')) !== undefined, WAIT.timeoutMs);
      await c.clock.advance(60_000);
      pods.stop();
      const j = await c.client().jobs(NS).get('crash');
      expect(finishedCondition(j), 'the finished condition of Job crash').toMatchObject({ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
      expect(j.status?.failed, 'status.failed').toBe(3);
      expect(j.status?.succeeded ?? 0, 'status.succeeded').toBe(0);
      expect(j.status?.active ?? 0, 'status.active').toBe(0);
      expect(pods.seen.size, 'pods created in all (backoffLimit + 1)').toBe(3);
    },
  },
  {
    name: 'with restartPolicy OnFailure, container restarts count against backoffLimit and fail the Job',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 2 });
      t.step("created Job crash (backoffLimit 1, restartPolicy OnFailure, busybox 'exit 1')");
      await c.client('kubectl').jobs(NS).create(job('crash', 'exit 1', { backoffLimit: 1 }, 'OnFailure'));
      await waitFor(c, 'Job crash is finished', async () => finishedCondition(await c.client().jobs(NS).get('crash')) !== undefined, WAIT.timeoutMs);
      const j = await c.client().jobs(NS).get('crash');
      expect(finishedCondition(j), 'the finished condition of Job crash').toMatchObject({ type: 'Failed', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    },
  },
];

export default defineExerciseTests({
  part: 'controllers.job',
  load: (m) => exportOf<ManageJob>(m, 'manageJob', 'function'),
  cases: [...clusterCases, ...manageJobCases.map((c): GradeCase<ManageJob> => ({ name: c.name, kind: 'part', run: (manage) => c.run(manage) }))],
});
