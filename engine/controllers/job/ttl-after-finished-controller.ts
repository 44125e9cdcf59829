/**
 * The TTL-after-finished controller (upstream: pkg/controller/ttlafterfinished/
 * ttlafterfinished_controller.go): deletes a finished Job `spec.ttlSecondsAfterFinished`
 * seconds after it finished, together with its pods (Foreground propagation).
 *
 * A Job finished at status.completionTime, or else at the lastTransitionTime of its Complete /
 * Failed condition. Before deleting, the controller re-reads the Job from the apiserver (not the
 * cache): the TTL may have been changed or removed meanwhile, and the delete carries a uid
 * precondition so a new Job of the same name is never hit. Until the TTL expires the key is
 * requeued for the remaining time.
 */
import { isNotFound } from '../../api/errors.ts';
import { splitKey } from '../../api/object.ts';
import type { batchv1 } from '../../api/types.ts';
import { ReconcileLoop } from '../../client/reconcile-loop.ts';
import type { ControllerContext, ControllerFactory } from '../context.ts';
import { LoopController } from '../loop-controller.ts';
import { parseTime } from '../replicaset/pod-util.ts';
import { finishedCondition } from './job-conditions.ts';

export const TTL_AFTER_FINISHED_CONTROLLER_NAME = 'ttl-after-finished-controller';

/** When the Job finished (ms), or undefined while it runs. */
export function jobFinishTime(job: batchv1.Job): number | undefined {
  const type = finishedCondition(job);
  if (!type) return undefined;
  const cond = job.status?.conditions?.find((c) => c.type === type && c.status === 'True');
  return parseTime(job.status?.completionTime) || parseTime(cond?.lastTransitionTime) || undefined;
}

/** ms until the Job expires: ≤ 0 means now; undefined when it has no TTL or has not finished. */
export function timeLeft(job: batchv1.Job, now: number): number | undefined {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (ttl === undefined || ttl === null || job.metadata?.deletionTimestamp) return undefined;
  const finished = jobFinishTime(job);
  if (finished === undefined) return undefined;
  return finished + ttl * 1000 - now;
}

export class TtlAfterFinishedController extends LoopController {
  readonly name = TTL_AFTER_FINISHED_CONTROLLER_NAME;
  readonly loop: ReconcileLoop;
  private readonly jobInformer;

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.loop = new ReconcileLoop({ name: this.name, clock: ctx.clock, reconcile: (key) => this.sync(key) });
    this.jobInformer = ctx.informers.jobs();
    const maybe = (job: batchv1.Job) => {
      if (job.spec?.ttlSecondsAfterFinished !== undefined && finishedCondition(job)) this.loop.enqueueObject(job);
    };
    this.jobInformer.addEventHandler({ onAdd: maybe, onUpdate: (_o, j) => maybe(j), onDelete: () => undefined });
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const cached = this.jobInformer.lister().get(namespace, name);
    if (!cached) return;
    const left = timeLeft(cached, this.ctx.clock.now());
    if (left === undefined) return;
    if (left > 0) {
      this.loop.enqueueAfter(key, left);
      return;
    }
    const jobs = this.ctx.client.jobs(namespace);
    let fresh: batchv1.Job;
    try {
      fresh = await jobs.get(name);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    const freshLeft = timeLeft(fresh, this.ctx.clock.now());
    if (freshLeft === undefined) return;
    if (freshLeft > 0) {
      this.loop.enqueueAfter(key, freshLeft);
      return;
    }
    try {
      await jobs.delete(name, { propagationPolicy: 'Foreground', preconditions: { uid: fresh.metadata?.uid } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

export function ttlAfterFinishedController(): ControllerFactory {
  return (ctx) => new TtlAfterFinishedController(ctx);
}
