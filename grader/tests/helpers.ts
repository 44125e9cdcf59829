/** Helpers shared by the exercises' test files. */
import { isStatusError, type Status, type StatusError } from '../../engine/api/errors.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { CaseContext } from '../exercise-tests.ts';

/**
 * Drives the cluster's clock until `predicate` holds. On timeout, the error names what was awaited
 * and the last errors the components reported (e.g. the controller calling your code threw).
 */
export async function waitFor(c: Cluster, what: string, predicate: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  if (await c.clock.runUntil(predicate, { timeoutMs })) return;
  const errors = [...new Set(c.errors().map((e) => `${e.component}: ${e.message}`))].slice(-3);
  const reported = errors.length ? `\nlast errors reported by the cluster's components:\n  ${errors.join('\n  ')}` : '';
  const err = new Error(`timed out (${timeoutMs / 1000} s of cluster time) waiting until ${what}${reported}`);
  Error.captureStackTrace(err, waitFor); // the code frame shows the case's line, not this helper
  throw err;
}

/** The Status error `call` fails with; throws if it succeeds or fails otherwise. */
export async function statusErrorOf(call: Promise<unknown>): Promise<StatusError> {
  try {
    await call;
  } catch (err) {
    if (isStatusError(err)) return err;
    throw err;
  }
  throw new Error('expected the call to fail with a Status error, but it succeeded');
}

/** Records `what` as a step, expects the apiserver to refuse it, records and returns its Status. */
export async function refused(t: CaseContext, what: string, call: Promise<unknown>): Promise<Status> {
  t.step(what);
  let accepted: unknown;
  try {
    accepted = await call;
  } catch (err) {
    if (!isStatusError(err)) throw err;
    t.step(`  → ${err.status.code} ${err.status.reason}: ${err.status.message}`);
    return err.status;
  }
  const meta = (accepted as { metadata?: unknown } | undefined)?.metadata;
  throw new Error(`expected the apiserver to refuse this, but it was accepted (${what})${meta ? `: ${JSON.stringify(meta)}` : ''}`);
}
