/**
 * The reference scheduler parts for the scheduler exercises' cases, with the grader's cluster and
 * step recorder lent to the suites' harness (engine/scheduler/testing.ts HarnessEnv), so that a
 * failing cluster case shows what it did and the cluster's events and trace.
 */
import type { SuiteBase } from '../../engine/scheduler/part-suite.ts';
import { schedulerParts } from '../../solutions/scheduler/index.ts';
import type { CaseContext } from '../exercise-tests.ts';

export function schedulerBase(t: CaseContext): SuiteBase {
  return { ...schedulerParts, env: { cluster: (options) => t.cluster(options), step: (text) => t.step(text) } };
}
