/**
 * Reference solution of part `controllers.job` (see engine/controllers/job/manage-job.ts).
 *
 * The order of the checks is the one of upstream syncJob:
 *   1. failure first — a Job past its backoff limit or deadline fails even if it also has
 *      enough successes in the same sync (upstream evaluates jobFailed before complete);
 *   2. then success — completions reached (or, without completions, one success and nothing
 *      left running);
 *   3. suspended — no pods at all;
 *   4. otherwise aim for `wantActive` pods: min(parallelism, completions - succeeded); a work
 *      queue Job (completions null) stops starting pods after its first success.
 * When there are too many active pods the cheapest to lose go first (ActivePodsWithRanks in
 * pkg/controller/controller_utils.go: unassigned before assigned, pending before running, not
 * ready before ready, newer before older).
 */
import {
  BACKOFF_LIMIT_EXCEEDED_MESSAGE,
  COMPLETIONS_REACHED_MESSAGE,
  DEADLINE_EXCEEDED_MESSAGE,
  type JobPodInfo,
  type ManageJobDecision,
  type ManageJobInput,
} from '../../../engine/controllers/job/manage-job.ts';

const NOTHING: ManageJobDecision = { create: 0, indexes: [], delete: [] };

/** Lower rank = deleted first. */
function deletionOrder(a: JobPodInfo, b: JobPodInfo): number {
  if (a.assigned !== b.assigned) return a.assigned ? 1 : -1;
  if (a.running !== b.running) return a.running ? 1 : -1;
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  return b.created - a.created;
}

export function manageJob(input: ManageJobInput): ManageJobDecision {
  const all = input.active.map((p) => p.name);
  // pastBackoffLimit: more failures than allowed retries (backoffLimit 0 → the first failure).
  // With restartPolicy OnFailure the kubelet restarts containers in place, so those restarts
  // are failures too (pastBackoffLimitOnFailure).
  if (input.failed + input.activeRestarts > input.backoffLimit) {
    return { ...NOTHING, delete: all, finish: { type: 'Failed', reason: 'BackoffLimitExceeded', message: BACKOFF_LIMIT_EXCEEDED_MESSAGE } };
  }
  if (input.deadlineExceeded) {
    return { ...NOTHING, delete: all, finish: { type: 'Failed', reason: 'DeadlineExceeded', message: DEADLINE_EXCEEDED_MESSAGE } };
  }

  const indexed = input.completionMode === 'Indexed' && input.completions !== null;
  const succeeded = indexed ? new Set(input.succeededIndexes).size : input.succeeded;
  const complete =
    input.completions === null ? input.succeeded > 0 && input.active.length === 0 : succeeded >= input.completions;
  if (complete) {
    return { ...NOTHING, delete: all, finish: { type: 'Complete', reason: 'CompletionsReached', message: COMPLETIONS_REACHED_MESSAGE } };
  }
  if (input.suspend) return { ...NOTHING, delete: all };

  // Indexed: a pod whose index is out of range, already succeeded, or held by an older pod is
  // surplus whatever the counts say.
  const surplus: JobPodInfo[] = [];
  let keep = [...input.active];
  if (indexed) {
    const done = new Set(input.succeededIndexes);
    const holder = new Map<number, JobPodInfo>();
    keep = [];
    for (const p of [...input.active].sort((a, b) => a.created - b.created)) {
      const i = p.index;
      if (i === undefined || i < 0 || i >= (input.completions as number) || done.has(i) || holder.has(i)) surplus.push(p);
      else {
        holder.set(i, p);
        keep.push(p);
      }
    }
  }

  let wantActive: number;
  if (input.completions === null) wantActive = input.succeeded > 0 ? keep.length : input.parallelism;
  else wantActive = Math.max(0, Math.min(input.parallelism, input.completions - succeeded));

  if (keep.length > wantActive) {
    const extra = [...keep].sort(deletionOrder).slice(0, keep.length - wantActive);
    return { ...NOTHING, delete: [...surplus, ...extra].map((p) => p.name) };
  }
  const create = wantActive - keep.length;
  const indexes: number[] = [];
  if (indexed && create > 0) {
    // firstPendingIndexes: the lowest indexes with neither a success nor an active pod.
    const taken = new Set<number>([...input.succeededIndexes, ...keep.map((p) => p.index as number)]);
    for (let i = 0; i < (input.completions as number) && indexes.length < create; i++) if (!taken.has(i)) indexes.push(i);
  }
  return { create: indexed ? indexes.length : create, indexes, delete: surplus.map((p) => p.name) };
}
