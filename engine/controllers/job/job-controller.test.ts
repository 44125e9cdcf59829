/**
 * The Job controller on a virtual-clock cluster without kubelets: the tests play the kubelet by
 * writing pod statuses (Running, Succeeded, Failed) through the status subresource.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { batchv1, corev1 } from '../../api/types.ts';
import { createCluster, type Cluster } from '../../cluster/index.ts';
import { manageJob } from '../../../solutions/controllers/job/manage-job.ts';
import { runController } from '../replicaset/testing/index.ts';
import { jobController } from './job-controller.ts';
import { finishPod, jobObject } from './testing.ts';
import { ttlAfterFinishedController } from './ttl-after-finished-controller.ts';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

async function setup(seed: string) {
  const cluster = await createCluster({ seed });
  cleanup.push(() => cluster.close());
  const jc = await runController(cluster, 'job-controller', jobController({ manageJob }));
  cleanup.push(() => jc.stop());
  const admin = cluster.client('kubectl');
  const jobs = admin.jobs('default');
  const podsOf = async (job: string) =>
    ((await admin.pods('default').list({ labelSelector: `batch.kubernetes.io/job-name=${job}` })).items as corev1.Pod[]).filter((p) => !p.metadata?.deletionTimestamp);
  const running = async (job: string) => (await podsOf(job)).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const waitFor = async (pred: () => Promise<boolean>, timeoutMs = 60_000) => expect(await cluster.clock.runUntil(pred, { timeoutMs })).toBe(true);
  const cond = async (job: string, type: string) => (await jobs.get(job)).status?.conditions?.find((c) => c.type === type && c.status === 'True');
  return { cluster, admin, jobs, podsOf, running, waitFor, cond, jc };
}

describe('Job controller', () => {
  it('runs pods owned by the Job, labelled and finalized for tracking, and completes after `completions` successes', async () => {
    const { cluster, jobs, running, waitFor, cond, jc, admin } = await setup('job-complete');
    await jobs.create(jobObject('pi', { completions: 3, parallelism: 2 }));
    await waitFor(async () => (await running('pi')).length === 2);
    const job = await jobs.get('pi');
    const uid = job.metadata?.uid;
    const first = await running('pi');
    for (const p of first) {
      expect(p.metadata?.name).toMatch(/^pi-[a-z0-9]{5}$/);
      expect(p.metadata?.labels).toMatchObject({ 'batch.kubernetes.io/job-name': 'pi', 'batch.kubernetes.io/controller-uid': uid, 'job-name': 'pi', 'controller-uid': uid });
      expect(p.metadata?.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
      expect(p.metadata?.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid, controller: true, blockOwnerDeletion: true }]);
    }
    await waitFor(async () => (await jobs.get('pi')).status?.active === 2);
    expect((await jobs.get('pi')).status?.startTime).toBeTruthy();

    // Parallelism 2 is respected: never more than 2 running at once.
    let done = 0;
    while (done < 3) {
      const r = await running('pi');
      expect(r.length).toBeLessThanOrEqual(2);
      await finishPod(cluster, r[0]!, 'Succeeded');
      done++;
      await waitFor(async () => ((await jobs.get('pi')).status?.succeeded ?? 0) === done);
    }
    await waitFor(async () => !!(await cond('pi', 'Complete')));
    const status = (await jobs.get('pi')).status!;
    expect(status).toMatchObject({ succeeded: 3, failed: 0, active: 0, uncountedTerminatedPods: { succeeded: [], failed: [] } });
    expect(status.completionTime).toBeTruthy();
    expect(status.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached'],
      ['Complete', 'True', 'CompletionsReached'],
    ]);
    // Counted pods lose the tracking finalizer.
    await waitFor(async () => ((await admin.pods('default').list()).items as corev1.Pod[]).every((p) => !p.metadata?.finalizers?.length));
    await jc.ctx.recorder.flush();
    const reasons = (await admin.events('default').list()).items.map((e) => `${e.reason}: ${e.message}`);
    expect(reasons.filter((r) => r.startsWith('SuccessfulCreate: Created pod: pi-'))).toHaveLength(3);
    expect(reasons).toContain('Completed: Job completed');
  });

  it('fails with BackoffLimitExceeded after more than backoffLimit failures, waiting 10 s, then 20 s, before replacements', async () => {
    const { cluster, jobs, running, waitFor, cond, jc, admin } = await setup('job-backoff');
    await jobs.create(jobObject('flaky', { backoffLimit: 2 }));
    await waitFor(async () => (await running('flaky')).length === 1);

    await finishPod(cluster, (await running('flaky'))[0]!, 'Failed');
    await waitFor(async () => (await jobs.get('flaky')).status?.failed === 1);
    const t1 = cluster.clock.now();
    await waitFor(async () => (await running('flaky')).length === 1);
    expect(cluster.clock.now() - t1).toBeGreaterThanOrEqual(9_000);

    await finishPod(cluster, (await running('flaky'))[0]!, 'Failed');
    await waitFor(async () => (await jobs.get('flaky')).status?.failed === 2);
    const t2 = cluster.clock.now();
    await waitFor(async () => (await running('flaky')).length === 1);
    expect(cluster.clock.now() - t2).toBeGreaterThanOrEqual(19_000);

    await finishPod(cluster, (await running('flaky'))[0]!, 'Failed');
    await waitFor(async () => !!(await cond('flaky', 'Failed')));
    const failed = await cond('flaky', 'Failed');
    expect(failed).toMatchObject({ reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    expect((await jobs.get('flaky')).status).toMatchObject({ failed: 3, succeeded: 0, active: 0 });
    expect(await cond('flaky', 'FailureTarget')).toBeTruthy();
    await cluster.clock.advance(600_000);
    expect(await running('flaky')).toHaveLength(0);
    await jc.ctx.recorder.flush();
    const events = (await admin.events('default').list()).items;
    expect(events.some((e) => e.type === 'Warning' && e.reason === 'BackoffLimitExceeded' && e.message === 'Job has reached the specified backoff limit')).toBe(true);
  });

  it('Indexed: one pod per completion index, annotated and labelled with its index and given JOB_COMPLETION_INDEX', async () => {
    const { cluster, jobs, running, waitFor, cond } = await setup('job-indexed');
    await jobs.create(jobObject('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    await waitFor(async () => (await running('idx')).length === 3);
    const pods = await running('idx');
    const indexes = pods.map((p) => p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index']).sort();
    expect(indexes).toEqual(['0', '1', '2']);
    for (const p of pods) {
      const i = p.metadata!.annotations!['batch.kubernetes.io/job-completion-index'];
      expect(p.metadata?.name).toMatch(new RegExp(`^idx-${i}-[a-z0-9]{5}$`));
      expect(p.metadata?.labels?.['batch.kubernetes.io/job-completion-index']).toBe(i);
      expect(p.spec?.hostname).toBe(`idx-${i}`);
      expect(p.spec?.containers[0]?.env).toContainEqual({
        name: 'JOB_COMPLETION_INDEX',
        valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } },
      });
    }
    const byIndex = (i: string) => pods.find((p) => p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'] === i)!;
    await finishPod(cluster, byIndex('0'), 'Succeeded');
    await finishPod(cluster, byIndex('2'), 'Succeeded');
    await waitFor(async () => (await jobs.get('idx')).status?.completedIndexes === '0,2');
    // A failed index is retried with a new pod for the same index.
    await finishPod(cluster, byIndex('1'), 'Failed');
    await waitFor(async () => (await running('idx')).length === 1);
    const retry = (await running('idx'))[0]!;
    expect(retry.metadata?.annotations?.['batch.kubernetes.io/job-completion-index']).toBe('1');
    await finishPod(cluster, retry, 'Succeeded');
    await waitFor(async () => !!(await cond('idx', 'Complete')));
    expect((await jobs.get('idx')).status).toMatchObject({ completedIndexes: '0-2', succeeded: 3, failed: 1 });
  });

  it('activeDeadlineSeconds: deletes the running pods and fails with DeadlineExceeded', async () => {
    const { cluster, jobs, running, waitFor, cond, podsOf } = await setup('job-deadline');
    await jobs.create(jobObject('slow', { activeDeadlineSeconds: 30, parallelism: 2, completions: 4 }));
    await waitFor(async () => (await running('slow')).length === 2);
    for (const p of await running('slow')) await finishPod(cluster, p, 'Running');
    await cluster.clock.advance(20_000);
    expect(await cond('slow', 'Failed')).toBeUndefined();
    await waitFor(async () => !!(await cond('slow', 'Failed')), 30_000);
    expect(await cond('slow', 'Failed')).toMatchObject({ reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
    expect(await podsOf('slow')).toHaveLength(0);
    expect((await jobs.get('slow')).status).toMatchObject({ active: 0, failed: 2 });
  });

  it('suspend deletes the active pods and sets Suspended; resuming starts them again', async () => {
    const { cluster, jobs, running, waitFor, cond } = await setup('job-suspend');
    await jobs.create(jobObject('s', { parallelism: 2, completions: 2 }));
    await waitFor(async () => (await running('s')).length === 2);
    await jobs.patch('s', 'merge', { spec: { suspend: true } });
    await waitFor(async () => !!(await cond('s', 'Suspended')));
    await waitFor(async () => (await running('s')).length === 0 && (await jobs.get('s')).status?.active === 0);
    expect((await jobs.get('s')).status?.startTime).toBeUndefined();
    await cluster.clock.advance(60_000);
    expect(await running('s')).toHaveLength(0);
    await jobs.patch('s', 'merge', { spec: { suspend: false } });
    await waitFor(async () => (await running('s')).length === 2);
    const c = (await jobs.get('s')).status?.conditions?.find((x) => x.type === 'Suspended');
    expect(c).toMatchObject({ status: 'False', reason: 'JobResumed', message: 'Job resumed' });
  });

  it('a work-queue Job (no completions) completes once one pod succeeded and the others finished', async () => {
    const { cluster, jobs, running, waitFor, cond } = await setup('job-queue');
    await jobs.create(jobObject('q', { parallelism: 3, completions: null as unknown as undefined }));
    await waitFor(async () => (await running('q')).length === 3);
    const [a, b, c] = await running('q');
    await finishPod(cluster, a!, 'Succeeded');
    await cluster.clock.advance(30_000);
    expect(await running('q')).toHaveLength(2);
    expect(await cond('q', 'Complete')).toBeUndefined();
    await finishPod(cluster, b!, 'Succeeded');
    await finishPod(cluster, c!, 'Succeeded');
    await waitFor(async () => !!(await cond('q', 'Complete')));
    expect((await jobs.get('q')).status?.succeeded).toBe(3);
  });
});

describe('Job deletion', () => {
  it('releases a finished pod\'s tracking finalizer with a patch, so a status written meanwhile causes no conflict', async () => {
    const { cluster, admin, jobs, running, waitFor, cond } = await setup('job-finalizer-patch');
    await jobs.create(jobObject('pi', { completions: 1, parallelism: 1 }));
    await waitFor(async () => (await running('pi')).length === 1);
    const [pod] = await running('pi');
    await finishPod(cluster, pod!, 'Succeeded');
    // The kubelet writes the status again right away: the informer's copy is stale when the controller acts.
    await admin.pods('default').patch(pod!.metadata!.name!, 'merge', { metadata: { labels: { touched: 'yes' } } });
    await waitFor(async () => !!(await cond('pi', 'Complete')));
    await waitFor(async () => !(await admin.pods('default').get(pod!.metadata!.name!)).metadata?.finalizers?.length);
    const writes = cluster.trace.entries().filter((e) => e.user === 'job-controller' && e.resource === 'pods' && e.name === pod!.metadata!.name);
    expect(writes.map((e) => `${e.verb} ${e.code}`)).toEqual(['create 201', 'patch 200']);
    expect(cluster.errors().filter((e) => e.message.includes('the object has been modified'))).toEqual([]);
  });

  it('releases the tracking finalizer of the pods of a deleted Job, so they can go', async () => {
    const { admin, jobs, running, waitFor } = await setup('job-delete');
    await jobs.create(jobObject('gone', { parallelism: 2, completions: 2 }));
    await waitFor(async () => (await running('gone')).length === 2);
    await jobs.delete('gone', { propagationPolicy: 'Orphan' });
    await waitFor(async () => ((await admin.pods('default').list()).items as corev1.Pod[]).every((p) => !p.metadata?.finalizers?.includes('batch.kubernetes.io/job-tracking')));
  });
});

describe('TTL after finished', () => {
  it('deletes a finished Job ttlSecondsAfterFinished after its completion, not before', async () => {
    const { cluster, jobs, running, waitFor, cond } = await setup('job-ttl');
    const ttl = await runController(cluster, 'ttl-after-finished-controller', ttlAfterFinishedController());
    cleanup.push(() => ttl.stop());
    await jobs.create(jobObject('short', { ttlSecondsAfterFinished: 100 }));
    await waitFor(async () => (await running('short')).length === 1);
    await finishPod(cluster, (await running('short'))[0]!, 'Succeeded');
    await waitFor(async () => !!(await cond('short', 'Complete')));
    await cluster.clock.advance(90_000);
    expect((await jobs.get('short')).metadata?.deletionTimestamp).toBeUndefined();
    await waitFor(async () => {
      try {
        return !!(await jobs.get('short')).metadata?.deletionTimestamp;
      } catch {
        return true;
      }
    }, 20_000);
  });
});
