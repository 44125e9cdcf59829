/**
 * The Job controller (upstream: pkg/controller/job/job_controller.go): runs pods from a Job's
 * template until enough of them succeed, or the Job fails.
 *
 * syncJob(key), from current state only:
 *   1. a finished Job (Complete or Failed condition True) only releases its pods' tracking
 *      finalizers; a missing Job is done;
 *   2. pods the Job controls are split into active ones and newly terminated ones — terminated
 *      pods still carrying the `batch.kubernetes.io/job-tracking` finalizer and not yet recorded;
 *   3. the `controllers.job` part decides what to create or delete and whether the Job met its
 *      success/failure criteria; creates wait out the pod failure backoff (backoff.ts);
 *   4. status is written in the upstream three steps (trackJobStatusAndRemoveFinalizers):
 *      record newly terminated pod uids in status.uncountedTerminatedPods; remove their
 *      finalizers; move them into status.succeeded / status.failed. A crash between steps never
 *      loses or double-counts a pod: the status write is a compare-and-swap on resourceVersion.
 *   5. criteria met → the interim condition (SuccessCriteriaMet / FailureTarget, 1.31+) is added and
 *      the active pods deleted; once nothing is left running or uncounted, the final Complete /
 *      Failed condition follows (with completionTime for Complete).
 *
 * Pod keys for "a pod whose Job is gone still has our finalizer" go through the same loop,
 * prefixed `orphan-pod:` (upstream's orphanQueue).
 *
 * Not reproduced yet (upstream has them): podFailurePolicy, successPolicy, backoffLimitPerIndex,
 * podReplacementPolicy, managedBy, adoption of orphan pods. A pod being deleted counts as failed
 * at once, and the final condition does not wait for terminating pods to disappear (1.31 does).
 */
import { isNotFound } from '../../api/errors.ts';
import { labelSelectorAsSelector } from '../../api/labels.ts';
import { objectKey, splitKey } from '../../api/object.ts';
import type { batchv1, corev1 } from '../../api/types.ts';
import { deepCopy } from '../../client/cache/deep-freeze.ts';
import { ReconcileLoop } from '../../client/reconcile-loop.ts';
import type { ControllerContext, ControllerFactory } from '../context.ts';
import { LoopController } from '../loop-controller.ts';
import { getControllerOf, resolveControllerRef } from '../controller-ref.ts';
import { ControllerExpectations } from '../replicaset/expectations.ts';
import { isPodReady, parseTime } from '../replicaset/pod-util.ts';
import { slowStartBatch, SLOW_START_INITIAL_BATCH_SIZE } from '../replicaset/slow-start.ts';
import { nextBackoffRecord, remainingBackoff, type BackoffRecord } from './backoff.ts';
import { conditionTrue, finishedCondition, rfc3339, setCondition } from './job-conditions.ts';
import { completionIndex, formatIndexes, hasTrackingFinalizer, JOB_TRACKING_FINALIZER, parseIndexes, podFinishTime, podFromJob, podOutcome } from './job-pods.ts';
import type { JobFinish, JobPodInfo, ManageJob } from './manage-job.ts';

export const JOB_CONTROLLER_NAME = 'job-controller';
const ORPHAN_POD_PREFIX = 'orphan-pod:';

export interface JobControllerOptions {
  /** The `controllers.job` part. */
  manageJob: ManageJob;
  workers?: number;
}

export class JobController extends LoopController {
  readonly name = JOB_CONTROLLER_NAME;
  readonly loop: ReconcileLoop;
  readonly expectations: ControllerExpectations;
  /** uidTrackingExpectations: pods whose finalizer we removed (already counted), per Job key. */
  private readonly finalizersRemoved = new Map<string, Set<string>>();
  private readonly backoff = new Map<string, BackoffRecord>();
  private readonly jobInformer;
  private readonly podInformer;

  constructor(
    ctx: ControllerContext,
    private readonly options: JobControllerOptions,
  ) {
    super(ctx);
    this.expectations = new ControllerExpectations(ctx.clock);
    this.loop = new ReconcileLoop({ name: this.name, clock: ctx.clock, workers: options.workers, reconcile: (key) => this.reconcile(key), onError: (_key, err) => ctx.reportError?.(err) });
    this.jobInformer = ctx.informers.jobs();
    this.podInformer = ctx.informers.pods();
    this.jobInformer.addEventHandler({
      onAdd: (job) => this.loop.enqueueObject(job),
      onUpdate: (_old, job) => this.loop.enqueueObject(job),
      onDelete: (job) => {
        const key = objectKey(job);
        this.expectations.delete(key);
        this.finalizersRemoved.delete(key);
        this.backoff.delete(key);
        // Its pods may still hold our finalizer: release them (upstream orphan pod handling).
        const ns = job.metadata?.namespace ?? '';
        for (const p of this.podInformer.lister().namespace(ns).list()) {
          if (getControllerOf(p)?.uid === job.metadata?.uid && hasTrackingFinalizer(p)) this.loop.enqueue(ORPHAN_POD_PREFIX + objectKey(p));
        }
      },
    });
    this.podInformer.addEventHandler({
      onAdd: (pod) => this.onPod(pod, 'add'),
      onUpdate: (old, pod) => {
        if (old.metadata?.resourceVersion !== pod.metadata?.resourceVersion) this.onPod(pod, 'update');
      },
      onDelete: (pod) => this.onPod(pod, 'delete'),
    });
  }

  /** Bookkeeping of expectations, then enqueue the owning Job (or the orphan pod). */
  private onPod(pod: corev1.Pod, what: 'add' | 'update' | 'delete'): void {
    const ref = getControllerOf(pod);
    if (!ref || ref.kind !== 'Job') return;
    const ns = pod.metadata?.namespace ?? '';
    const job = resolveControllerRef(this.jobInformer.lister(), ns, ref, 'Job');
    if (!job) {
      if (what !== 'delete' && hasTrackingFinalizer(pod)) this.loop.enqueue(ORPHAN_POD_PREFIX + objectKey(pod));
      return;
    }
    const key = objectKey(job);
    if (what === 'add' && !pod.metadata?.deletionTimestamp) this.expectations.creationObserved(key);
    if (what === 'delete' || pod.metadata?.deletionTimestamp) this.expectations.deletionObserved(key, objectKey(pod));
    if (what === 'delete' || !hasTrackingFinalizer(pod)) this.finalizersRemoved.get(key)?.delete(pod.metadata?.uid ?? '');
    this.loop.enqueue(key);
  }

  private async reconcile(key: string): Promise<void> {
    if (key.startsWith(ORPHAN_POD_PREFIX)) return this.releaseOrphan(key.slice(ORPHAN_POD_PREFIX.length));
    return this.sync(key);
  }

  /** A pod whose Job is gone (or finished) must not keep the tracking finalizer forever. */
  private async releaseOrphan(podKey: string): Promise<void> {
    const { namespace, name } = splitKey(podKey);
    const pod = this.podInformer.lister().get(namespace, name);
    if (!pod || !hasTrackingFinalizer(pod)) return;
    const job = resolveControllerRef(this.jobInformer.lister(), namespace, getControllerOf(pod), 'Job');
    if (job && !finishedCondition(job) && !job.metadata?.deletionTimestamp) return;
    await this.removeFinalizer(pod);
  }

  /**
   * A strategic-merge patch that deletes only our finalizer, without a resourceVersion, as upstream's
   * removeTrackingFinalizerPatch (pkg/controller/job/job_controller.go): the kubelet updates the pod's
   * status at the same time, and an update from the informer's copy would fail with a 409.
   */
  private async removeFinalizer(pod: corev1.Pod): Promise<void> {
    const patch = { metadata: { '$deleteFromPrimitiveList/finalizers': [JOB_TRACKING_FINALIZER] } };
    try {
      await this.ctx.client.pods(pod.metadata?.namespace ?? '').patch(pod.metadata?.name ?? '', 'strategic', patch);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** syncJob. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const cached = this.jobInformer.lister().get(namespace, name);
    if (!cached) return;
    const uid = cached.metadata?.uid;
    const owned = this.podInformer
      .lister()
      .namespace(namespace)
      .list()
      .filter((p) => getControllerOf(p)?.uid === uid);

    // A finished Job, or one being deleted, creates nothing more; its pods must not be kept
    // alive by our finalizer (upstream skips manageJob when DeletionTimestamp is set).
    if (finishedCondition(cached) || cached.metadata?.deletionTimestamp) {
      for (const p of owned) if (hasTrackingFinalizer(p)) await this.removeFinalizer(p);
      return;
    }

    const job = deepCopy(cached) as batchv1.Job;
    const spec = job.spec!;
    const status: batchv1.JobStatus = job.status ?? {};
    const now = this.ctx.clock.now();
    const indexed = spec.completionMode === 'Indexed';
    let selector;
    try {
      selector = labelSelectorAsSelector(spec.selector);
    } catch {
      return;
    }
    const pods = owned.filter((p) => selector.matches(p.metadata?.labels ?? {}));
    const removed = this.finalizersRemoved.get(key) ?? new Set<string>();
    const uncounted = {
      succeeded: [...(status.uncountedTerminatedPods?.succeeded ?? [])],
      failed: [...(status.uncountedTerminatedPods?.failed ?? [])],
    };
    const isUncounted = (u: string) => uncounted.succeeded.includes(u) || uncounted.failed.includes(u);

    // 2. Active pods and newly terminated ones.
    const active: corev1.Pod[] = [];
    const newlySucceeded: corev1.Pod[] = [];
    const newlyFailed: corev1.Pod[] = [];
    for (const p of pods) {
      const outcome = podOutcome(p);
      const podUid = p.metadata?.uid ?? '';
      if (outcome === undefined) active.push(p);
      else if (hasTrackingFinalizer(p) && !removed.has(podUid) && !isUncounted(podUid)) (outcome === 'Succeeded' ? newlySucceeded : newlyFailed).push(p);
    }
    const succeededIndexes = new Set(parseIndexes(status.completedIndexes));
    if (indexed) {
      for (const p of newlySucceeded) {
        const i = completionIndex(p);
        if (i !== undefined && i < (spec.completions ?? 0)) succeededIndexes.add(i);
      }
    }
    const succeeded = (status.succeeded ?? 0) + uncounted.succeeded.length + newlySucceeded.length;
    const failed = (status.failed ?? 0) + uncounted.failed.length + newlyFailed.length;
    const backoffRec = nextBackoffRecord(
      this.backoff.get(key),
      newlySucceeded.map((p) => podFinishTime(p, now)),
      newlyFailed.map((p) => podFinishTime(p, now)),
    );

    // startTime: set when the Job first runs unsuspended; a suspended Job has none (upstream
    // resets it so activeDeadlineSeconds counts from the resume).
    const suspended = spec.suspend === true;
    if (suspended) delete status.startTime;
    else status.startTime ??= rfc3339(now);
    const ads = spec.activeDeadlineSeconds;
    const deadlineAt = ads !== undefined && status.startTime ? parseTime(status.startTime) + ads * 1000 : undefined;

    // 3. The decision (an interim condition already written overrides it: the Job is finishing).
    const interim = status.conditions?.find((c) => (c.type === 'FailureTarget' || c.type === 'SuccessCriteriaMet') && c.status === 'True');
    const decision = this.options.manageJob({
      completions: spec.completions ?? null,
      parallelism: spec.parallelism ?? 1,
      completionMode: indexed ? 'Indexed' : 'NonIndexed',
      backoffLimit: spec.backoffLimit ?? 6,
      suspend: suspended,
      active: active.map(podInfo),
      succeeded,
      succeededIndexes: [...succeededIndexes],
      failed,
      activeRestarts: spec.template.spec?.restartPolicy === 'OnFailure' ? active.reduce((n, p) => n + restarts(p), 0) : 0,
      deadlineExceeded: deadlineAt !== undefined && now >= deadlineAt,
    });
    const finish: JobFinish | undefined = interim
      ? ({ type: interim.type === 'FailureTarget' ? 'Failed' : 'Complete', reason: interim.reason, message: interim.message } as JobFinish)
      : decision.finish;
    const toDelete = finish ? active.map((p) => p.metadata?.name ?? '') : [...decision.delete];
    if (finish && !interim) {
      setCondition(status, finish.type === 'Failed' ? 'FailureTarget' : 'SuccessCriteriaMet', 'True', finish.reason, finish.message, now);
    }
    if (!finish) {
      const wasSuspended = conditionTrue(job, 'Suspended');
      if (suspended && !wasSuspended) {
        setCondition(status, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now);
        this.ctx.recorder.event(job, 'Normal', 'Suspended', 'Job suspended');
      } else if (!suspended && wasSuspended) {
        setCondition(status, 'Suspended', 'False', 'JobResumed', 'Job resumed', now);
        this.ctx.recorder.event(job, 'Normal', 'Resumed', 'Job resumed');
      }
    }

    // Pods: deletes, then creates (after the failure backoff, and only when our own earlier
    // creates and deletes have been observed — the expectations).
    const deletedNames = await this.deletePods(key, job, active.filter((p) => toDelete.includes(p.metadata?.name ?? '')));
    let created = 0;
    if (!finish && decision.create > 0 && this.expectations.satisfied(key)) {
      const wait = remainingBackoff(backoffRec, now);
      if (wait > 0) this.loop.enqueueAfter(key, wait);
      else created = await this.createPods(key, job, decision.create, indexed ? [...decision.indexes] : undefined);
    }

    // 4. Status, step 1: record newly terminated pods as uncounted, with the live counters.
    const remaining = active.filter((p) => !deletedNames.has(p.metadata?.name ?? ''));
    uncounted.succeeded.push(...newlySucceeded.map((p) => p.metadata?.uid ?? ''));
    uncounted.failed.push(...newlyFailed.map((p) => p.metadata?.uid ?? ''));
    status.active = remaining.length + created;
    status.ready = remaining.filter(isPodReady).length;
    status.terminating = pods.filter((p) => p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').length + deletedNames.size;
    status.uncountedTerminatedPods = uncounted;
    if (indexed) status.completedIndexes = formatIndexes(succeededIndexes);
    let current = await this.writeStatus(cached, job, status);
    this.backoff.set(key, backoffRec);

    // Step 2: release the finalizers of every uncounted pod.
    const byUid = new Map(pods.map((p) => [p.metadata?.uid ?? '', p]));
    const released = new Set<string>();
    this.finalizersRemoved.set(key, removed);
    for (const u of [...uncounted.succeeded, ...uncounted.failed]) {
      const p = byUid.get(u);
      if (p && hasTrackingFinalizer(p) && !removed.has(u)) {
        removed.add(u);
        await this.removeFinalizer(p);
      }
      released.add(u);
    }

    // Step 3: move them into the counters; then, if finishing and nothing is left, the final condition.
    const st: batchv1.JobStatus = deepCopy(current.status ?? {});
    const flushS = uncounted.succeeded.filter((u) => released.has(u));
    const flushF = uncounted.failed.filter((u) => released.has(u));
    st.succeeded = (st.succeeded ?? 0) + flushS.length;
    st.failed = (st.failed ?? 0) + flushF.length;
    st.uncountedTerminatedPods = {
      succeeded: uncounted.succeeded.filter((u) => !released.has(u)),
      failed: uncounted.failed.filter((u) => !released.has(u)),
    };
    const settled = st.uncountedTerminatedPods.succeeded!.length === 0 && st.uncountedTerminatedPods.failed!.length === 0;
    // Final condition only once every pod is accounted for: nothing running, nothing just
    // deleted or created, no pod left holding the tracking finalizer. (Upstream 1.31 also waits
    // for terminating pods to be gone; without kubelets here they would never be.)
    const allReleased = pods.every((p) => !hasTrackingFinalizer(p) || removed.has(p.metadata?.uid ?? ''));
    if (finish && settled && allReleased && remaining.length === 0 && created === 0 && deletedNames.size === 0) {
      setCondition(st, finish.type, 'True', finish.reason, finish.message, now);
      st.active = 0;
      st.ready = 0;
      if (finish.type === 'Complete') {
        st.completionTime = rfc3339(now);
        this.ctx.recorder.event(job, 'Normal', 'Completed', 'Job completed');
      } else {
        this.ctx.recorder.event(job, 'Warning', finish.reason, finish.message);
      }
    }
    current = await this.writeStatus(current, current, st);
    if (!finish && deadlineAt !== undefined && now < deadlineAt) this.loop.enqueueAfter(key, deadlineAt - now);
  }

  /** updateStatus when changed; returns the Job as stored (conflicts propagate: retried). */
  private async writeStatus(stored: batchv1.Job, base: batchv1.Job, status: batchv1.JobStatus): Promise<batchv1.Job> {
    if (JSON.stringify(stored.status ?? {}) === JSON.stringify(status)) return stored;
    const body = { ...deepCopy(base), status } as batchv1.Job;
    body.metadata = { ...body.metadata, resourceVersion: stored.metadata?.resourceVersion };
    return await this.ctx.client.jobs(stored.metadata?.namespace ?? '').updateStatus(body);
  }

  private async createPods(key: string, job: batchv1.Job, count: number, indexes: number[] | undefined): Promise<number> {
    const client = this.ctx.client.pods(job.metadata?.namespace ?? '');
    this.expectations.expectCreations(key, count);
    let next = 0;
    const result = await slowStartBatch(count, SLOW_START_INITIAL_BATCH_SIZE, async () => {
      const index = indexes?.[next++];
      try {
        const pod = await client.create(podFromJob(job, index));
        this.ctx.recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata?.name}`);
      } catch (err) {
        this.expectations.creationObserved(key);
        this.ctx.recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${errorMessage(err)}`);
        throw err;
      }
    });
    for (let i = 0; i < result.skipped; i++) this.expectations.creationObserved(key);
    if (result.error !== undefined) throw result.error;
    return result.successes;
  }

  private async deletePods(key: string, job: batchv1.Job, pods: corev1.Pod[]): Promise<Set<string>> {
    const deleted = new Set<string>();
    if (pods.length === 0) return deleted;
    const client = this.ctx.client.pods(job.metadata?.namespace ?? '');
    this.expectations.expectDeletions(key, pods.map((p) => objectKey(p)));
    let failure: unknown;
    await Promise.all(
      pods.map(async (pod) => {
        const podName = pod.metadata?.name ?? '';
        try {
          await client.delete(podName, { preconditions: { uid: pod.metadata?.uid } });
          deleted.add(podName);
          this.ctx.recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${podName}`);
        } catch (err) {
          this.expectations.deletionObserved(key, objectKey(pod));
          if (isNotFound(err)) return;
          this.ctx.recorder.event(job, 'Warning', 'FailedDelete', `Error deleting: ${errorMessage(err)}`);
          failure ??= err;
        }
      }),
    );
    if (failure !== undefined) throw failure;
    return deleted;
  }
}

function podInfo(p: corev1.Pod): JobPodInfo {
  return {
    name: p.metadata?.name ?? '',
    index: completionIndex(p),
    assigned: !!p.spec?.nodeName,
    running: p.status?.phase === 'Running',
    ready: isPodReady(p),
    created: parseTime(p.metadata?.creationTimestamp),
  };
}

function restarts(p: corev1.Pod): number {
  return (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The controller-manager's factory: `jobController({ manageJob: parts['controllers.job'] })`. */
export function jobController(options: JobControllerOptions): ControllerFactory {
  return (ctx) => new JobController(ctx, options);
}
