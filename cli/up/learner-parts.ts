/**
 * `--parts mine`: the cluster runs the learner's part for every exercise marked done in
 * .tinykube/progress.json, and the reference for the rest — the same substitution the grader makes
 * for one part at a time, here for all completed parts at once. A part is taken out of the
 * learner's file with the exercise's own loader (grader/tests/<id>.ts `load`), so `up` and the
 * grader agree on which export is the part.
 *
 * Contract: never throws for a learner's mistake. A file that does not load (syntax error,
 * missing export) keeps that part on the reference and is reported in `problems`.
 */
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allExercises, loadCourse, repoRoot } from '../../grader/course.ts';
import type { ExerciseTests } from '../../grader/exercise-tests.ts';
import type { Parts } from '../../engine/cluster/parts.ts';
import { isPartId } from '../../engine/cluster/parts.ts';
import { loadProgress } from '../course/state.ts';

export interface LearnerParts {
  parts: Partial<Parts>;
  /** One line per learner part in use: "scheduler.fit (exercises/scheduler/fit.ts)". */
  mine: string[];
  /** Why a completed exercise's part was not used, or why progress could not be read. */
  problems: string[];
}

export interface LearnerPartsOptions {
  /** Default <repo>/.tinykube/progress.json (the course runner's file). */
  progressPath?: string;
  /** Default the repository root (where course.yaml, grader/ and exercises/ are). */
  root?: string;
}

export async function loadLearnerParts(options: LearnerPartsOptions = {}): Promise<LearnerParts> {
  const root = options.root ?? repoRoot;
  const progressPath = options.progressPath ?? join(root, '.tinykube', 'progress.json');
  const result: LearnerParts = { parts: {}, mine: [], problems: [] };
  const { progress, problem } = loadProgress(progressPath);
  if (problem) result.problems.push(problem);
  const course = loadCourse(join(root, 'course.yaml'));
  const parts: Record<string, unknown> = {};
  for (const exercise of allExercises(course)) {
    if (progress.exercises[exercise.id]?.done !== true) continue;
    if (!isPartId(exercise.part)) {
      result.problems.push(`${exercise.id}: unknown part ${exercise.part}`);
      continue;
    }
    const abs = (p: string) => (isAbsolute(p) ? p : join(root, p));
    try {
      const tests = ((await import(pathToFileURL(abs(exercise.test)).href)) as { default: ExerciseTests }).default;
      const module = (await import(pathToFileURL(abs(exercise.learner)).href)) as Record<string, unknown>;
      parts[exercise.part] = tests.load(module);
      result.mine.push(`${exercise.part} (${exercise.learner})`);
    } catch (err) {
      const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
      result.problems.push(`${exercise.id}: using the reference ${exercise.part}, ${exercise.learner} could not be loaded: ${why}`);
    }
  }
  result.parts = parts as Partial<Parts>;
  return result;
}
