/**
 * The CronJob controller on a virtual-clock cluster (which starts at 2025-01-01T00:00:00Z),
 * without a Job controller: the tests finish Jobs by writing their status.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { batchv1, corev1 } from '../../api/types.ts';
import { manageJob } from '../../../solutions/controllers/job/manage-job.ts';
import { jobController } from '../job/job-controller.ts';
import { finishPod } from '../job/testing.ts';
import { createCluster, type Cluster } from '../../cluster/index.ts';
import { rfc3339 } from '../job/job-conditions.ts';
import { runController } from '../replicaset/testing/index.ts';
import { cronJobController } from './cronjob-controller.ts';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

function cronJob(name: string, spec: Partial<batchv1.CronJobSpec> = {}): batchv1.CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule: '* * * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.36' }] } } } },
      ...spec,
    },
  };
}

const minutes = (ms: number) => Math.floor(ms / 60_000);

async function setup(seed: string) {
  const cluster: Cluster = await createCluster({ seed });
  cleanup.push(() => cluster.close());
  const cc = await runController(cluster, 'cronjob-controller', cronJobController());
  cleanup.push(() => cc.stop());
  const admin = cluster.client('kubectl');
  const cronjobs = admin.cronjobs('default');
  const jobNames = async () => ((await admin.jobs('default').list()).items as batchv1.Job[]).filter((j) => !j.metadata?.deletionTimestamp).map((j) => j.metadata!.name!).sort();
  /** Plays the Job controller: the Job ran and ended with `type`. */
  const finishJob = async (name: string, type: 'Complete' | 'Failed' = 'Complete') => {
    const job = await admin.jobs('default').get(name);
    const now = rfc3339(cluster.clock.now());
    const conditions: batchv1.JobCondition[] =
      type === 'Complete'
        ? [
            { type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: now, lastTransitionTime: now },
            { type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: now, lastTransitionTime: now },
          ]
        : [
            { type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastProbeTime: now, lastTransitionTime: now },
            { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastProbeTime: now, lastTransitionTime: now },
          ];
    const status: batchv1.JobStatus =
      type === 'Complete'
        ? { startTime: now, completionTime: now, succeeded: 1, active: 0, conditions }
        : { startTime: now, failed: 7, active: 0, conditions };
    await admin.jobs('default').updateStatus({ ...job, status });
  };
  const events = async () => {
    await cc.ctx.recorder.flush();
    return (await admin.events('default').list()).items.map((e) => `${e.reason}: ${e.message}`);
  };
  return { cluster, admin, cronjobs, jobNames, finishJob, events };
}

describe('CronJob controller', () => {
  it('creates a Job named <cronjob>-<minutes since epoch> every minute, owned by the CronJob, and records it in status', async () => {
    const { cluster, cronjobs, jobNames, events, admin } = await setup('cj-every-minute');
    const start = cluster.clock.now();
    const cj = await cronjobs.create(cronJob('hello'));
    await cluster.clock.advance(60_000 + 200);
    expect(await jobNames()).toEqual([`hello-${minutes(start) + 1}`]);
    const job = await admin.jobs('default').get(`hello-${minutes(start) + 1}`);
    expect(job.metadata?.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj.metadata?.uid, controller: true, blockOwnerDeletion: true }]);
    expect(job.metadata?.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe(rfc3339(start + 60_000));
    expect(job.spec?.template.spec?.containers[0]?.image).toBe('busybox:1.36');

    await cluster.clock.advance(2 * 60_000);
    expect(await jobNames()).toEqual([1, 2, 3].map((i) => `hello-${minutes(start) + i}`));
    const status = (await cronjobs.get('hello')).status!;
    expect(status.lastScheduleTime).toBe(rfc3339(start + 3 * 60_000));
    expect(status.active?.map((r) => r.name).sort()).toEqual(await jobNames());
    expect(await events()).toContain(`SuccessfulCreate: Created job hello-${minutes(start) + 3}`);
  });

  it('schedules on the clock: `*/5 * * * *` runs at :05 and :10, not in between', async () => {
    const { cluster, cronjobs, jobNames } = await setup('cj-every-5');
    const start = cluster.clock.now();
    await cronjobs.create(cronJob('five', { schedule: '*/5 * * * *' }));
    await cluster.clock.advance(4 * 60_000);
    expect(await jobNames()).toEqual([]);
    await cluster.clock.advance(7 * 60_000);
    expect(await jobNames()).toEqual([`five-${minutes(start) + 10}`, `five-${minutes(start) + 5}`].sort());
  });

  it('Forbid: skips schedule times while a Job is active, and runs once it finished', async () => {
    const { cluster, cronjobs, jobNames, finishJob, events } = await setup('cj-forbid');
    const start = cluster.clock.now();
    await cronjobs.create(cronJob('f', { concurrencyPolicy: 'Forbid' }));
    await cluster.clock.advance(60_000 + 200);
    const first = `f-${minutes(start) + 1}`;
    expect(await jobNames()).toEqual([first]);
    await cluster.clock.advance(3 * 60_000);
    expect(await jobNames()).toEqual([first]);
    await finishJob(first);
    await cluster.clock.advance(1_000);
    // The missed time (minute 4) runs right away; the CronJob saw its Job complete.
    expect(await jobNames()).toEqual([first, `f-${minutes(start) + 4}`]);
    const status = (await cronjobs.get('f')).status!;
    expect(status.lastSuccessfulTime).toBeTruthy();
    expect(status.active?.map((r) => r.name)).toEqual([`f-${minutes(start) + 4}`]);
    expect(await events()).toContain(`SawCompletedJob: Saw completed job: ${first}, condition: Complete`);
  });

  it('Replace: deletes the running Job and starts the new one', async () => {
    const { cluster, cronjobs, jobNames, events } = await setup('cj-replace');
    const start = cluster.clock.now();
    await cronjobs.create(cronJob('r', { concurrencyPolicy: 'Replace' }));
    await cluster.clock.advance(60_000 + 200);
    await cluster.clock.advance(60_000);
    expect(await jobNames()).toEqual([`r-${minutes(start) + 2}`]);
    expect((await cronjobs.get('r')).status?.active?.map((r) => r.name)).toEqual([`r-${minutes(start) + 2}`]);
    expect(await events()).toContain(`SuccessfulDelete: Deleted job r-${minutes(start) + 1}`);
  });

  it('keeps only successfulJobsHistoryLimit Complete and failedJobsHistoryLimit Failed Jobs, oldest deleted first', async () => {
    const { cluster, cronjobs, jobNames, finishJob } = await setup('cj-history');
    const start = cluster.clock.now();
    await cronjobs.create(cronJob('h', { successfulJobsHistoryLimit: 2, failedJobsHistoryLimit: 1 }));
    for (let i = 1; i <= 4; i++) {
      await cluster.clock.advance(60_000 + (i === 1 ? 200 : 0));
      await finishJob(`h-${minutes(start) + i}`, 'Complete');
    }
    for (let i = 5; i <= 6; i++) {
      await cluster.clock.advance(60_000);
      await finishJob(`h-${minutes(start) + i}`, 'Failed');
    }
    await cluster.clock.advance(1_000);
    expect(await jobNames()).toEqual([3, 4, 6].map((i) => `h-${minutes(start) + i}`).sort());
  });

  it('suspend: no Jobs while suspended; after a long suspension too many missed start times is reported and only the latest runs', async () => {
    const { cluster, cronjobs, jobNames, events } = await setup('cj-suspend');
    const start = cluster.clock.now();
    await cronjobs.create(cronJob('s', { suspend: true }));
    await cluster.clock.advance(150 * 60_000);
    expect(await jobNames()).toEqual([]);
    await cronjobs.patch('s', 'merge', { spec: { suspend: false } });
    await cluster.clock.advance(1_000);
    expect(await jobNames()).toEqual([`s-${minutes(start) + 150}`]);
    expect(await events()).toContain('TooManyMissedTimes: too many missed start times: 150. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
  });
});

describe('CronJob with the Job controller', () => {
  it('each run\'s Job creates its pod; when the pod succeeds the Job completes and the CronJob records lastSuccessfulTime', async () => {
    const { cluster, admin, cronjobs, jobNames } = await setup('cj-with-jobs');
    const jc = await runController(cluster, 'job-controller', jobController({ manageJob }));
    cleanup.push(() => jc.stop());
    const start = cluster.clock.now();
    await cronjobs.create(cronJob('hello', { concurrencyPolicy: 'Forbid' }));
    const job = `hello-${minutes(start) + 1}`;
    expect(await cluster.clock.runUntil(async () => (await admin.pods('default').list({ labelSelector: `batch.kubernetes.io/job-name=${job}` })).items.length === 1, { timeoutMs: 70_000 })).toBe(true);
    const pod = (await admin.pods('default').list({ labelSelector: `batch.kubernetes.io/job-name=${job}` })).items[0] as corev1.Pod;
    await finishPod(cluster, pod, 'Succeeded');
    expect(await cluster.clock.runUntil(async () => !!(await cronjobs.get('hello')).status?.lastSuccessfulTime, { timeoutMs: 10_000 })).toBe(true);
    const status = (await cronjobs.get('hello')).status!;
    expect(status.active ?? []).toEqual([]);
    expect(await jobNames()).toEqual([job]);
  });
});
