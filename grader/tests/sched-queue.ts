/**
 * Pristine tests of the exercise `sched-queue` (part `scheduler.queue`): the cases of
 * engine/scheduler/queue-suite.ts — clusters whose scheduler uses the graded part (which pod gets
 * the free slot, when a failing pod is retried, seen through the API), then the order and the
 * backoff one by one.
 */
import { queueCases } from '../../engine/scheduler/queue-suite.ts';
import type { QueuePart } from '../../engine/scheduler/parts.ts';
import { schedulerBase } from './scheduler-base.ts';
import { defineExerciseTests, exportOf, type GradeCase } from '../exercise-tests.ts';

export default defineExerciseTests({
  part: 'scheduler.queue',
  load: (m) => exportOf<QueuePart>(m, 'queue', 'object'),
  cases: queueCases.map(
    (c): GradeCase<QueuePart> => ({
      name: c.name,
      kind: c.kind,
      // Every other scheduler part stays the reference.
      run: (queue, t) => c.run(queue, schedulerBase(t)),
    }),
  ),
});
