/**
 * The pod failure backoff of a Job (upstream: pkg/controller/job/backoff_utils.go backoffRecord,
 * getRemainingTimePerIndex / getRemainingTime): after the n-th failure since the last success
 * the controller waits 10 s × 2^(n-1), capped at 6 min, from the last failure before it creates a
 * replacement pod. A success resets the count.
 *
 * Records live in the controller's memory (upstream's backoffRecordStore), updated only from pods
 * the controller counts as newly terminated, so every failure is seen once.
 */
export const DEFAULT_JOB_POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_JOB_POD_FAILURE_BACKOFF_MS = 360_000;

export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTime: number;
}

/** The next record after newly counted terminations (finish times in ms). */
export function nextBackoffRecord(prev: BackoffRecord | undefined, succeeded: readonly number[], failed: readonly number[]): BackoffRecord {
  let rec: BackoffRecord = prev ?? { failuresAfterLastSuccess: 0, lastFailureTime: 0 };
  const lastSuccess = succeeded.length ? Math.max(...succeeded) : -Infinity;
  if (succeeded.length) rec = { failuresAfterLastSuccess: 0, lastFailureTime: rec.lastFailureTime };
  for (const t of failed) {
    if (t < lastSuccess) continue;
    rec = { failuresAfterLastSuccess: rec.failuresAfterLastSuccess + 1, lastFailureTime: Math.max(rec.lastFailureTime, t) };
  }
  return rec;
}

/** How long to wait before creating pods, in ms (0: now). */
export function remainingBackoff(rec: BackoffRecord | undefined, now: number): number {
  if (!rec || rec.failuresAfterLastSuccess === 0) return 0;
  const delay = Math.min(DEFAULT_JOB_POD_FAILURE_BACKOFF_MS * 2 ** (rec.failuresAfterLastSuccess - 1), MAX_JOB_POD_FAILURE_BACKOFF_MS);
  return Math.max(0, rec.lastFailureTime + delay - now);
}
