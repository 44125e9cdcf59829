/**
 * The course's guarantee, checked for every exercise course.yaml lists: no exercise can be passed
 * by doing nothing. For each one, in process (grader/run-cases.ts):
 *  - the learner's untouched stub (exercises/…) fails it;
 *  - the reference (solutions/…) passes every case;
 *  - at least two deliberate mutants — typical mistakes (grader/mutants/<id>.ts) — each fail a case;
 *  - the test file grades the part course.yaml names, checks it through a cluster's API (at least
 *    two `cluster` cases), and its case names are unique.
 * One file per chapter (test/self-check/<chapter>.test.ts) so chapters run in parallel.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ExerciseMutants, ExerciseTests } from '../../grader/exercise-tests.ts';
import { loadCourse, repoRoot, type Exercise } from '../../grader/course.ts';
import { failingCases } from '../../grader/run-cases.ts';

const TIME_LIMIT_MS = 15_000;

async function load<T>(file: string): Promise<T> {
  return (await import(pathToFileURL(join(repoRoot, file)).href)) as T;
}

async function selfCheck(ex: Exercise): Promise<void> {
  const tests = (await load<{ default: ExerciseTests }>(ex.test)).default;
  const mutants = (await load<{ default: ExerciseMutants }>(ex.mutants)).default;
  expect(tests.part, `${ex.test} grades the part course.yaml names`).toBe(ex.part);
  expect(mutants.part, `${ex.mutants} mutates the part course.yaml names`).toBe(ex.part);

  const names = tests.cases.map((c) => c.name);
  expect(new Set(names).size, 'case names are unique').toBe(names.length);
  expect(tests.cases.filter((c) => c.kind === 'cluster').length, 'cases that check the part through a cluster').toBeGreaterThanOrEqual(2);

  const reference = tests.load(await load<Record<string, unknown>>(ex.solution));
  expect(await failingCases(tests, reference, { timeLimitMs: TIME_LIMIT_MS }), 'cases the solution fails').toEqual([]);

  const stub = tests.load(await load<Record<string, unknown>>(ex.learner));
  const stubFails = await failingCases(tests, stub, { timeLimitMs: TIME_LIMIT_MS });
  expect(stubFails.length, 'cases the untouched stub fails').toBeGreaterThan(0);

  expect(mutants.mutants.length, 'deliberate mutants').toBeGreaterThanOrEqual(2);
  for (const m of mutants.mutants) {
    const fails = await failingCases(tests, m.make(reference), { timeLimitMs: TIME_LIMIT_MS });
    expect(fails.length, `cases failed by mutant "${m.name}" (${m.mistake})`).toBeGreaterThan(0);
  }
}

export function describeSelfCheck(chapterId: string): void {
  const chapter = loadCourse().chapters.find((c) => c.id === chapterId);
  if (!chapter) throw new Error(`course.yaml has no chapter "${chapterId}"`);
  describe(`chapter ${chapter.id}`, () => {
    for (const ex of chapter.exercises) {
      it(`${ex.id}: the stub fails, the solution passes, every mutant is caught`, () => selfCheck(ex), 180_000);
    }
  });
}
