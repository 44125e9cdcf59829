/**
 * Pristine tests of the exercise `sched-fit` (part `scheduler.fit`): the cases of
 * engine/scheduler/fit-suite.ts — clusters whose scheduler uses the graded part, seen through the
 * API (`kubectl describe pod`: Pending with `0/3 nodes are available: 3 Insufficient cpu.`), then
 * the request arithmetic and the reasons one by one.
 */
import { fitCases } from '../../engine/scheduler/fit-suite.ts';
import type { FitPart } from '../../engine/scheduler/parts.ts';
import { schedulerBase } from './scheduler-base.ts';
import { defineExerciseTests, exportOf, type GradeCase } from '../exercise-tests.ts';

export default defineExerciseTests({
  part: 'scheduler.fit',
  load: (m) => exportOf<FitPart>(m, 'fit', 'object'),
  cases: fitCases.map(
    (c): GradeCase<FitPart> => ({
      name: c.name,
      kind: c.kind,
      // Every other scheduler part stays the reference.
      run: (fit, t) => c.run(fit, schedulerBase(t)),
    }),
  ),
});
