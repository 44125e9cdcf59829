/**
 * slowStartBatch (upstream: pkg/controller/replicaset/replica_set.go): calls `fn` `count` times in
 * batches of 1, 2, 4, 8, ... (SlowStartInitialBatchSize = 1). Each batch runs in parallel; the
 * first failing batch stops everything after it, so a quota or admission error costs one call,
 * not five hundred.
 *
 * Returns how many calls succeeded and the first error (if any); callers lower their expectations
 * by count − successes − (failures in the last batch are already accounted by the caller).
 */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

export interface SlowStartResult {
  successes: number;
  /** Calls never made because an earlier batch failed. */
  skipped: number;
  error?: unknown;
}

export async function slowStartBatch(count: number, initialBatchSize: number, fn: () => Promise<void>): Promise<SlowStartResult> {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn()));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += batch - failed.length;
    remaining -= batch;
    if (failed.length > 0) return { successes, skipped: remaining, error: failed[0]!.reason };
  }
  return { successes, skipped: 0 };
}
