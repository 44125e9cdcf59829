/**
 * Shared machinery of the scheduler parts' suites: a case is a named function that throws on
 * failure, so the same cases run in the grader (grader/tests/sched-*.ts, which wrap them as
 * GradeCases) and as a plain loop that counts failures (failingCases, for the stub checks).
 */
import type { SchedulerParts } from './parts.ts';
import { startSchedulerHarness, type HarnessEnv, type SchedulerHarness } from './testing.ts';
import type { SchedulerOptions } from './scheduler.ts';

/**
 * A case of a part's suite. `base` supplies the other parts for cases that run a whole cluster
 * (engine code never imports solutions/: the test passes the reference parts in).
 */
export interface PartCase<P> {
  name: string;
  /**
   * `cluster`: runs a cluster whose scheduler uses the part and checks what the API shows (pod
   * bound or Pending, the FailedScheduling message); `part`: calls the part's interface directly.
   * The grader reports the two kinds separately (grader/exercise-tests.ts GradeCase.kind).
   */
  kind: 'part' | 'cluster';
  run(part: P, base: SuiteBase): void | Promise<void>;
}

/**
 * The reference parts a case builds its scheduler from, and optionally what the grader lends a
 * cluster case (the cluster to run on, a step recorder: see HarnessEnv).
 */
export type SuiteBase = SchedulerParts & { env?: HarnessEnv };

/** Names of the cases `part` fails. */
export async function failingCases<P>(cases: readonly PartCase<P>[], part: P, base: SuiteBase): Promise<string[]> {
  const failed: string[] = [];
  for (const c of cases) {
    try {
      await c.run(part, base);
    } catch {
      failed.push(c.name);
    }
  }
  return failed;
}

/** Runs `body` against a fresh cluster whose scheduler uses `parts`, closing it afterwards. */
export async function withScheduler(
  base: SuiteBase,
  body: (h: SchedulerHarness) => Promise<void>,
  options: Partial<Omit<SchedulerOptions, 'client' | 'clock' | 'parts'>> & { seed?: string } = {},
): Promise<void> {
  const { env, ...parts } = base;
  const h = await startSchedulerHarness(parts, { ...options, ...(env ? { env } : {}) });
  try {
    await body(h);
  } finally {
    await h.close();
  }
}
