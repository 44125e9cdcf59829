/**
 * What the grader's self-check (test/self-check) does not say about the four scheduler parts: the
 * untouched learner stubs fail EVERY case of their suite, not just one. (The reference passing
 * every case and the typical mistakes being caught are checked there, from course.yaml and
 * grader/mutants/sched-*.ts.)
 */
import { describe, expect, it } from 'vitest';
import { failingFitCases, fitCases } from '../../engine/scheduler/fit-suite.ts';
import { failingTaintsCases, taintsCases } from '../../engine/scheduler/taints-suite.ts';
import { failingScoreCases, scoreCases } from '../../engine/scheduler/score-suite.ts';
import { failingQueueCases, queueCases } from '../../engine/scheduler/queue-suite.ts';
import { schedulerParts as ref } from './index.ts';
import { schedulerParts as stub } from '../../exercises/scheduler/index.ts';

const names = (cases: readonly { name: string }[]) => cases.map((c) => c.name);

describe('the untouched learner stubs fail every case', () => {
  it('scheduler.fit', async () => expect(await failingFitCases(stub.fit, ref)).toEqual(names(fitCases)));
  it('scheduler.taints', async () => expect(await failingTaintsCases(stub.taints, ref)).toEqual(names(taintsCases)));
  it('scheduler.score', async () => expect(await failingScoreCases(stub.score, ref)).toEqual(names(scoreCases)));
  it('scheduler.queue', async () => expect(await failingQueueCases(stub.queue, ref)).toEqual(names(queueCases)));
});
