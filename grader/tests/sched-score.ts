/**
 * Pristine tests of the exercise `sched-score` (part `scheduler.score`): the cases of
 * engine/scheduler/score-suite.ts — clusters whose scheduler uses the graded part (where pods
 * land, seen through the API), then NormalizeScore, the weighted sum and selectHost one by one.
 */
import { scoreCases } from '../../engine/scheduler/score-suite.ts';
import type { ScorePart } from '../../engine/scheduler/parts.ts';
import { schedulerBase } from './scheduler-base.ts';
import { defineExerciseTests, exportOf, type GradeCase } from '../exercise-tests.ts';

export default defineExerciseTests({
  part: 'scheduler.score',
  load: (m) => exportOf<ScorePart>(m, 'score', 'object'),
  cases: scoreCases.map(
    (c): GradeCase<ScorePart> => ({
      name: c.name,
      kind: c.kind,
      // Every other scheduler part stays the reference.
      run: (score, t) => c.run(score, schedulerBase(t)),
    }),
  ),
});
