import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse, repoRoot } from './course.ts';
import { disposeSpare, gradeExercise } from './run-exercise.ts';

const course = loadCourse();
const chapter = course.chapters.find((c) => c.exercises.some((e) => e.id === 'sched-taints'))!;
const exercise = chapter.exercises.find((e) => e.id === 'sched-taints')!;
const fixture = (name: string) => `grader/fixtures/sched-taints/${name}`;
const quick = { timeLimitMs: 3_000, memoryMb: 160 };

describe.concurrent('gradeExercise: the reference and the stub', { timeout: 60_000 }, () => {
  it('the solution passes every case and earns the full points', async () => {
    const r = await gradeExercise(exercise, chapter, { against: 'solution' });
    expect(r.cases.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(r.cases.length).toBeGreaterThanOrEqual(2);
    expect(r).toMatchObject({ id: 'sched-taints', status: 'pass', file: exercise.solution, pointsEarned: exercise.points });
  });

  it('the untouched stub fails and earns 0 points', async () => {
    const r = await gradeExercise(exercise, chapter, {});
    expect(r).toMatchObject({ status: 'fail', file: exercise.learner, pointsEarned: 0 });
    expect(r.cases.every((c) => c.status === 'fail')).toBe(true);
    expect(r.cases.some((c) => /TODO/.test(c.message ?? ''))).toBe(true);
  });
});

describe.concurrent('gradeExercise: a file that cannot be loaded fails every case with status error', { timeout: 60_000 }, () => {
  it('a throw at import names the error', async () => {
    const r = await gradeExercise(exercise, chapter, { ...quick, file: fixture('throws-at-import.ts') });
    expect(r.status).toBe('error');
    expect(r.loadError).toMatch(/SyntaxError: Unexpected end of JSON input\n.*throws-at-import\.ts:\d+:\d+/);
    expect(r.cases.length).toBeGreaterThan(0);
    expect(r.cases.every((c) => c.status === 'error' && /could not be loaded/.test(c.message ?? ''))).toBe(true);
    expect(r.pointsEarned).toBe(0);
  });

  it('process.exit at import is a load error saying the code called process.exit(0)', async () => {
    const r = await gradeExercise(exercise, chapter, { ...quick, file: fixture('exit-at-import.ts') });
    expect(r.status).toBe('error');
    expect(r.loadError).toMatch(/^the code called process\.exit\(0\)/);
  });

  it('a syntax error is a load error; in a .ts file it names the line', async () => {
    const js = await gradeExercise(exercise, chapter, { ...quick, file: fixture('syntax-error.js') });
    expect(js.status).toBe('error');
    expect(js.loadError).toMatch(/^SyntaxError: Unexpected token/);
    // a .ts fixture that does not parse would break tsc, so it is written at test time
    const dir = mkdtempSync(join(tmpdir(), 'tinykube-grader-'));
    try {
      const file = join(dir, 'taints.ts');
      writeFileSync(file, readFileSync(join(repoRoot, fixture('syntax-error.js')), 'utf8'));
      const ts = await gradeExercise(exercise, chapter, { ...quick, file });
      expect(ts.status).toBe('error');
      expect(ts.loadError).toMatch(/taints\.ts:5:\d+: ERROR: Unexpected "}"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing export is a load error naming the export', async () => {
    const r = await gradeExercise(exercise, chapter, { ...quick, file: fixture('never-resolves.ts').replace('never-resolves', 'hang-tests') });
    expect(r.status).toBe('error');
    expect(r.loadError).toMatch(/does not export `taints`/);
  });

  it('an exercise without a test file yet is an error, not a crash', async () => {
    const r = await gradeExercise({ ...exercise, test: 'grader/tests/no-such-exercise.ts' }, chapter, quick);
    expect(r).toMatchObject({ status: 'error', cases: [], pointsEarned: 0 });
    expect(r.loadError).toMatch(/no test file.*grader\/tests\/no-such-exercise\.ts/);
  });

  it('a file to grade that does not exist is an error naming it', async () => {
    const r = await gradeExercise(exercise, chapter, { ...quick, file: 'exercises/nowhere.ts' });
    expect(r).toMatchObject({ status: 'error', file: 'exercises/nowhere.ts' });
    expect(r.loadError).toMatch(/does not exist: exercises\/nowhere\.ts/);
  });
});

describe('gradeExercise: aborting', { timeout: 60_000 }, () => {
  it('an aborted grading kills the child and rejects with an AbortError', async () => {
    const ac = new AbortController();
    const run = gradeExercise(exercise, chapter, { ...quick, file: fixture('infinite-loop.ts'), signal: ac.signal });
    setTimeout(() => ac.abort(), 200);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('gradeExercise: a spare child for watch mode', { timeout: 60_000 }, () => {
  it('with prewarm, the next grading of the same exercise uses a spare that loads the file fresh', async () => {
    try {
      const first = await gradeExercise(exercise, chapter, { ...quick, against: 'solution', prewarm: true });
      expect(first.status).toBe('pass');
      // the spare was started before this file was chosen: it must import the file given now
      const second = await gradeExercise(exercise, chapter, { ...quick, file: fixture('exit-in-case.ts'), prewarm: true });
      expect(second.cases.find((c) => c.status !== 'pass')?.message).toMatch(/process\.exit\(0\)/);
      const third = await gradeExercise(exercise, chapter, { ...quick, prewarm: true });
      expect(third).toMatchObject({ status: 'fail', pointsEarned: 0 });
    } finally {
      disposeSpare();
    }
  });
});
