/**
 * Grades several exercises (all of them by default), a few at a time, each in its own child
 * process (run-exercise.ts). The report lists them in course order, whatever order they finish in.
 * `tampered` is left empty: the CLI checks the manifest and fills it.
 */
import os from 'node:os';
import { allExercises, type Chapter, type Course, type Exercise } from './course.ts';
import type { ExerciseResult, GradeReport } from './results.ts';
import { closePool, createPool, gradeExercise, type GradeExerciseOptions } from './run-exercise.ts';

export interface GradeCourseOptions {
  /** Exercise ids to grade (default: all, in course order). */
  ids?: string[];
  against?: 'learner' | 'solution';
  /** Per exercise id, the file to grade instead (`--use sched-fit=path/to/file.ts`). */
  use?: Record<string, string>;
  /** Exercises graded at the same time; default min(2, available cores). */
  concurrency?: number;
  onExercise?: (result: ExerciseResult) => void;
  /** Passed to every gradeExercise (tests use a small time limit and heap). */
  exercise?: Pick<GradeExerciseOptions, 'memoryMb' | 'timeLimitMs' | 'signal'>;
}

export class UnknownExerciseError extends Error {
  constructor(
    readonly unknown: string[],
    readonly valid: string[],
  ) {
    super(`unknown exercise id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}\nvalid ids: ${valid.join(', ')}`);
    this.name = 'UnknownExerciseError';
  }
}

export function defaultConcurrency(): number {
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

/** The exercises named by `ids` (all when empty), in course order, with their chapters. */
export function selectExercises(course: Course, ids: readonly string[] = []): { exercise: Exercise; chapter: Chapter }[] {
  const all = course.chapters.flatMap((chapter) => chapter.exercises.map((exercise) => ({ exercise, chapter })));
  const valid = allExercises(course).map((e) => e.id);
  const unknown = ids.filter((id) => !valid.includes(id));
  if (unknown.length) throw new UnknownExerciseError(unknown, valid);
  return ids.length ? all.filter((x) => ids.includes(x.exercise.id)) : all;
}

export async function gradeCourse(course: Course, options: GradeCourseOptions = {}): Promise<GradeReport> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const selected = selectExercises(course, options.ids);
  const unknownUse = Object.keys(options.use ?? {}).filter((id) => !allExercises(course).some((e) => e.id === id));
  if (unknownUse.length) throw new UnknownExerciseError(unknownUse, allExercises(course).map((e) => e.id));

  const results: ExerciseResult[] = new Array<ExerciseResult>(selected.length);
  // children that pass an exercise grade the next one: the engine is loaded once per worker
  const pool = createPool();
  let next = 0;
  const worker = async () => {
    while (next < selected.length) {
      const i = next++;
      const { exercise, chapter } = selected[i]!;
      const file = options.use?.[exercise.id];
      const r = await gradeExercise(exercise, chapter, {
        ...options.exercise,
        pool,
        ...(options.against ? { against: options.against } : {}),
        ...(file ? { file } : {}),
      });
      results[i] = r;
      options.onExercise?.(r);
    }
  };
  const n = Math.max(1, Math.min(options.concurrency ?? defaultConcurrency(), selected.length));
  try {
    await Promise.all(Array.from({ length: n }, worker));
  } finally {
    closePool(pool);
  }

  return {
    course: course.course.id,
    startedAt,
    durationMs: performance.now() - started,
    tampered: [],
    exercises: results,
    points: results.reduce((sum, r) => sum + r.pointsEarned, 0),
    maxPoints: results.reduce((sum, r) => sum + r.points, 0),
  };
}
