/**
 * Pristine tests of the exercise `sched-taints` (part `scheduler.taints`): the cases of
 * engine/scheduler/taints-suite.ts — a cluster whose scheduler uses the graded part, seen through
 * the API, then the toleration rules one by one.
 */
import { taintsCases } from '../../engine/scheduler/taints-suite.ts';
import type { TaintsPart } from '../../engine/scheduler/parts.ts';
import { schedulerBase } from './scheduler-base.ts';
import { defineExerciseTests, exportOf, type GradeCase } from '../exercise-tests.ts';

export default defineExerciseTests({
  part: 'scheduler.taints',
  load: (m) => exportOf<TaintsPart>(m, 'taints', 'object'),
  cases: taintsCases.map(
    (c): GradeCase<TaintsPart> => ({
      name: c.name,
      kind: c.kind,
      // Every other scheduler part stays the reference.
      run: (taints, t) => c.run(taints, schedulerBase(t)),
    }),
  ),
});
