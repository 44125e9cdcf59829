/**
 * The CronJob controller (upstream: pkg/controller/cronjob/cronjob_controllerv2.go, utils.go):
 * creates a Job from `spec.jobTemplate` at each time of `spec.schedule`, on the cluster's clock.
 *
 * syncCronJob(key), from current state only:
 *   1. reconcile status.active with the Jobs the CronJob owns: finished ones leave it
 *      (SawCompletedJob; a Complete one advances status.lastSuccessfulTime), running ones it
 *      forgot are added, deleted ones are dropped (MissingJob);
 *   2. delete the oldest finished Jobs beyond successfulJobsHistoryLimit / failedJobsHistoryLimit;
 *   3. unless suspended: find the most recent unmet schedule time since status.lastScheduleTime
 *      (or creation), bounded by startingDeadlineSeconds; more than 100 missed → a
 *      TooManyMissedTimes warning; too late for its deadline → MissSchedule and wait for the next;
 *   4. concurrencyPolicy: Forbid skips while a Job is active (the time stays unmet, so it runs as
 *      soon as the active Job finishes, if still within the deadline), Replace deletes the active
 *      Jobs first, Allow runs them side by side;
 *   5. create the Job `<cronjob>-<scheduled time in minutes since the epoch>` (the deterministic
 *      name makes a retried create an AlreadyExists, never a duplicate), record it in
 *      status.active and status.lastScheduleTime, and requeue for the next schedule time
 *      (+100 ms, as upstream nextScheduleTimeDuration).
 */
import { isAlreadyExists, isNotFound } from '../../api/errors.ts';
import { splitKey } from '../../api/object.ts';
import type { batchv1, corev1 } from '../../api/types.ts';
import { deepCopy } from '../../client/cache/deep-freeze.ts';
import { ReconcileLoop } from '../../client/reconcile-loop.ts';
import type { ControllerContext, ControllerFactory } from '../context.ts';
import { LoopController } from '../loop-controller.ts';
import { finishedCondition, rfc3339 } from '../job/job-conditions.ts';
import { getControllerOf, newControllerRef, resolveControllerRef } from '../controller-ref.ts';
import { parseTime } from '../replicaset/pod-util.ts';
import { MINUTE_MS, mostRecentScheduleTime, parseSchedule } from './schedule.ts';

export const CRONJOB_CONTROLLER_NAME = 'cronjob-controller';
export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** Upstream nextScheduleTimeDuration adds this slack so the clock is surely past the time. */
const REQUEUE_SLACK_MS = 100;
const TOO_MANY_MISSED = 100;

export interface CronJobControllerOptions {
  workers?: number;
}

/** getJobFromTemplate2: the Job a CronJob runs for `scheduledTime`. */
export function jobFromCronJob(cj: batchv1.CronJob, scheduledTime: number): batchv1.Job {
  const tmpl = cj.spec?.jobTemplate ?? {};
  const meta = tmpl.metadata ?? {};
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      // getJobName: minutes since the epoch keep names short and unique per schedule time.
      name: `${cj.metadata?.name}-${Math.floor(scheduledTime / MINUTE_MS)}`,
      namespace: cj.metadata?.namespace,
      labels: { ...(meta.labels ?? {}) },
      annotations: { ...(meta.annotations ?? {}), [CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339(scheduledTime) },
      ownerReferences: [newControllerRef({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: cj.metadata })],
    },
    spec: deepCopy(tmpl.spec) as batchv1.JobSpec,
  };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z in UTC, as the MissSchedule event prints it: `Wed, 01 Jan 2025 00:05:00 +0000`. */
export function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function jobRef(job: batchv1.Job): corev1.ObjectReference {
  return { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata?.name, namespace: job.metadata?.namespace, uid: job.metadata?.uid, resourceVersion: job.metadata?.resourceVersion };
}

export class CronJobController extends LoopController {
  readonly name = CRONJOB_CONTROLLER_NAME;
  readonly loop: ReconcileLoop;
  private readonly cjInformer;
  private readonly jobInformer;

  constructor(
    ctx: ControllerContext,
    options: CronJobControllerOptions = {},
  ) {
    super(ctx);
    this.loop = new ReconcileLoop({ name: this.name, clock: ctx.clock, workers: options.workers, reconcile: (key) => this.sync(key) });
    this.cjInformer = ctx.informers.cronjobs();
    this.jobInformer = ctx.informers.jobs();
    this.cjInformer.addEventHandler({
      onAdd: (cj) => this.loop.enqueueObject(cj),
      onUpdate: (_old, cj) => this.loop.enqueueObject(cj),
      onDelete: () => undefined,
    });
    const enqueueOwner = (job: batchv1.Job) => {
      const cj = resolveControllerRef(this.cjInformer.lister(), job.metadata?.namespace ?? '', getControllerOf(job), 'CronJob');
      if (cj) this.loop.enqueueObject(cj);
    };
    this.jobInformer.addEventHandler({ onAdd: enqueueOwner, onUpdate: (_o, j) => enqueueOwner(j), onDelete: enqueueOwner });
  }

  /** syncCronJob. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const cached = this.cjInformer.lister().get(namespace, name);
    if (!cached || cached.metadata?.deletionTimestamp) return;
    const cj = deepCopy(cached) as batchv1.CronJob;
    const spec = cj.spec!;
    const status: batchv1.CronJobStatus = cj.status ?? {};
    const now = this.ctx.clock.now();
    const jobs = this.jobInformer
      .lister()
      .namespace(namespace)
      .list()
      .filter((j) => getControllerOf(j)?.uid === cj.metadata?.uid);
    const jobsClient = this.ctx.client.jobs(namespace);

    // 1. status.active against the Jobs that exist.
    let active = [...(status.active ?? [])];
    const byUid = new Map(jobs.map((j) => [j.metadata?.uid ?? '', j]));
    for (const j of jobs) {
      const finished = finishedCondition(j);
      const inActive = active.some((r) => r.uid === j.metadata?.uid);
      if (!finished && !inActive && !j.metadata?.deletionTimestamp) active.push(jobRef(j));
      if (finished && inActive) {
        active = active.filter((r) => r.uid !== j.metadata?.uid);
        this.ctx.recorder.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata?.name}, condition: ${finished}`);
      }
      if (finished === 'Complete') {
        const done = parseTime(j.status?.completionTime);
        if (done && done > parseTime(status.lastSuccessfulTime)) status.lastSuccessfulTime = rfc3339(done);
      }
    }
    for (const r of [...active]) {
      if (!byUid.has(r.uid ?? '')) {
        active = active.filter((x) => x.uid !== r.uid);
        this.ctx.recorder.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${r.name}`);
      }
    }

    // 2. History limits: oldest finished Jobs first (by start time, then name).
    await this.cleanupFinishedJobs(cj, jobs.filter((j) => finishedCondition(j) === 'Complete' && !j.metadata?.deletionTimestamp), spec.successfulJobsHistoryLimit ?? 3);
    await this.cleanupFinishedJobs(cj, jobs.filter((j) => finishedCondition(j) === 'Failed' && !j.metadata?.deletionTimestamp), spec.failedJobsHistoryLimit ?? 1);

    // 3. The schedule.
    const parsed = parseSchedule(spec.schedule, spec.timeZone);
    if (!parsed.ok) {
      const reason = spec.timeZone && parsed.error.startsWith('unknown time zone') ? 'UnknownTimeZone' : 'UnparseableSchedule';
      this.ctx.recorder.event(cj, 'Warning', reason, `unparseable schedule: ${JSON.stringify(spec.schedule)} : ${parsed.error}`);
      await this.writeStatus(cached, { ...status, active });
      return;
    }
    const schedule = parsed.schedule;
    const requeue = () => {
      const next = schedule.next(now);
      if (next !== undefined) this.loop.enqueueAfter(key, next - now + REQUEUE_SLACK_MS);
    };
    if (spec.suspend) {
      await this.writeStatus(cached, { ...status, active });
      return;
    }
    let earliest = parseTime(status.lastScheduleTime) || parseTime(cj.metadata?.creationTimestamp);
    const sds = spec.startingDeadlineSeconds;
    if (sds !== undefined && sds !== null) earliest = Math.max(earliest, now - sds * 1000);
    const { time: scheduledTime, missed } = mostRecentScheduleTime(schedule, earliest, now);
    if (missed > TOO_MANY_MISSED) {
      // Still runs the most recent time (v2 controller); v1 refused to start at all.
      this.ctx.recorder.event(cj, 'Warning', 'TooManyMissedTimes', `too many missed start times: ${missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`);
    }
    if (scheduledTime === undefined) {
      await this.writeStatus(cached, { ...status, active });
      requeue();
      return;
    }
    if (sds !== undefined && sds !== null && scheduledTime + sds * 1000 < now) {
      this.ctx.recorder.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduledTime)}`);
      await this.writeStatus(cached, { ...status, active });
      requeue();
      return;
    }

    // 4. concurrencyPolicy.
    const policy = spec.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && active.length > 0) {
      // Not an event upstream (only a log line): the time stays unmet and is retried.
      await this.writeStatus(cached, { ...status, active });
      requeue();
      return;
    }
    if (policy === 'Replace') {
      for (const r of active) {
        try {
          await jobsClient.delete(r.name ?? '', { propagationPolicy: 'Background', preconditions: { uid: r.uid } });
          this.ctx.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${r.name}`);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }
      active = [];
    }

    // 5. The Job.
    let job: batchv1.Job;
    try {
      job = await jobsClient.create(jobFromCronJob(cj, scheduledTime));
      this.ctx.recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata?.name}`);
    } catch (err) {
      if (!isAlreadyExists(err)) {
        this.ctx.recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${err instanceof Error ? err.message : String(err)}`);
        throw err;
      }
      // Created by an earlier attempt whose status write was lost: adopt it as this run's Job.
      job = await jobsClient.get(jobFromCronJob(cj, scheduledTime).metadata!.name!);
      if (getControllerOf(job)?.uid !== cj.metadata?.uid) throw err;
    }
    if (!active.some((r) => r.uid === job.metadata?.uid) && !finishedCondition(job)) active.push(jobRef(job));
    await this.writeStatus(cached, { ...status, active, lastScheduleTime: rfc3339(scheduledTime) });
    requeue();
  }

  private async cleanupFinishedJobs(cj: batchv1.CronJob, finished: batchv1.Job[], limit: number): Promise<void> {
    if (finished.length <= limit) return;
    // byJobStartTime: by status.startTime, Jobs without one last, names breaking ties.
    const start = (j: batchv1.Job) => parseTime(j.status?.startTime) || Number.MAX_SAFE_INTEGER;
    const sorted = [...finished].sort((a, b) => start(a) - start(b) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
    for (const j of sorted.slice(0, finished.length - limit)) {
      try {
        await this.ctx.client.jobs(j.metadata?.namespace ?? '').delete(j.metadata?.name ?? '', { propagationPolicy: 'Background', preconditions: { uid: j.metadata?.uid } });
        this.ctx.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata?.name}`);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
  }

  private async writeStatus(stored: batchv1.CronJob, status: batchv1.CronJobStatus): Promise<void> {
    const next: batchv1.CronJobStatus = { ...status };
    if (!next.active?.length) delete next.active;
    if (JSON.stringify(stored.status ?? {}) === JSON.stringify(next)) return;
    await this.ctx.client.cronjobs(stored.metadata?.namespace ?? '').updateStatus({ ...deepCopy(stored), status: next } as batchv1.CronJob);
  }
}

/** The controller-manager's factory. */
export function cronJobController(options: CronJobControllerOptions = {}): ControllerFactory {
  return (ctx) => new CronJobController(ctx, options);
}
