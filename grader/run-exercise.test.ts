import { describe, expect, it } from 'vitest';
import { loadCourse } from './course.ts';
import { gradeExercise } from './run-exercise.ts';
import type { CaseResult, ExerciseResult } from './results.ts';

const course = loadCourse();
const chapter = course.chapters.find((c) => c.exercises.some((e) => e.id === 'sched-taints'))!;
const exercise = chapter.exercises.find((e) => e.id === 'sched-taints')!;
const fixture = (name: string) => `grader/fixtures/sched-taints/${name}`;
/**
 * A small per-case limit so that a hostile case costs a few seconds, yet generous enough that the
 * honest cluster cases finish on a busy 2-core machine.
 */
const quick = { timeLimitMs: 3_000, memoryMb: 160 };

/** The fixtures misbehave in one case only (found by its name): that case has `status`, every other passes. */
function onlyCase(r: ExerciseResult, name: RegExp, status: CaseResult['status']): CaseResult {
  const i = r.cases.findIndex((c) => name.test(c.name));
  expect(i, `no case named ${String(name)}`).toBeGreaterThanOrEqual(0);
  expect(r.cases.map((c) => `${c.status} ${c.name}`)).toEqual(r.cases.map((c, j) => `${j === i ? status : 'pass'} ${c.name}`));
  return r.cases[i]!;
}
const EMPTY_EFFECT = /^an empty effect matches every effect/;
const FIND_FIRST = /^findUntoleratedTaint returns the first included taint/;

describe.concurrent('gradeExercise: learner code that misbehaves during a case', { timeout: 60_000 }, () => {
  it('an infinite loop in one case is a timeout with a clear reason, and the next case still runs', async () => {
    const r = await gradeExercise(exercise, chapter, { ...quick, file: fixture('infinite-loop.ts') });
    const c = onlyCase(r, EMPTY_EFFECT, 'timeout');
    expect(c.message).toMatch(/did not finish within 3 s.*infinite loop/);
    expect(r.cases.at(-1)!.status).toBe('pass');
    expect(r).toMatchObject({ status: 'fail', pointsEarned: 0 });
  });

  it('process.exit in a case fails that case with "the code called process.exit(0)" and the run goes on', async () => {
    const r = await gradeExercise(exercise, chapter, { ...quick, file: fixture('exit-in-case.ts') });
    expect(onlyCase(r, EMPTY_EFFECT, 'fail').message).toMatch(/the code called process\.exit\(0\)/);
  });

  it('allocating memory until the process dies is a crash that says "ran out of memory (limit N MiB)"', async () => {
    const seen: string[] = [];
    const r = await gradeExercise(exercise, chapter, { ...quick, file: fixture('memory-hog.ts'), onCase: (c) => seen.push(c.status) });
    expect(onlyCase(r, FIND_FIRST, 'crash').message).toMatch(/ran out of memory \(limit 160 MiB\)/);
    expect(seen).toEqual(r.cases.map((c) => c.status));
  });

  it('a promise that never resolves is a timeout of that case only', async () => {
    const hanging = { ...exercise, test: fixture('hang-tests.ts') };
    const r = await gradeExercise(hanging, chapter, { ...quick, file: fixture('never-resolves.ts') });
    expect(onlyCase(r, /^settle\(\) resolves/, 'timeout').message).toMatch(/did not finish within 3 s/);
  });

  it('what the code prints is kept per case, and does not change the verdict', async () => {
    const r = await gradeExercise(exercise, chapter, { ...quick, file: fixture('console-chatter.ts') });
    expect(r.status).toBe('pass');
    expect(r.cases.find((c) => EMPTY_EFFECT.test(c.name))!.output).toMatch(/^toleratesTaint k k\n/);
    expect(r.cases.every((c) => (c.output ?? '').length <= 4_200)).toBe(true);
  });
});
