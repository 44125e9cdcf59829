import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExerciseResult } from '../../grader/results.ts';
import { CourseRunner, type GradeFn } from './runner.ts';
import { fallbackFormat } from './screen.ts';
import type { Burst, Debouncer } from './watch.ts';
import type { ResetOutcome } from './reset.ts';
import { caseResult, resultFor, smallCourse } from './testing.ts';

interface Call {
  id: string;
  signal: AbortSignal | undefined;
  resolve(r: ExerciseResult): void;
}

/** A grader whose verdicts the test decides: `passing` ids pass; or hold calls open (`manualGrade`). */
function setup(opts: { passing?: Set<string>; hold?: boolean; state?: string; reset?: ResetOutcome; manual?: boolean; grade?: GradeFn } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tk-runner-'));
  const statePath = join(dir, 'progress.json');
  if (opts.state !== undefined) writeFileSync(statePath, opts.state);
  const passing = opts.passing ?? new Set<string>();
  const calls: Call[] = [];
  const grade: GradeFn = (exercise, chapter, o) =>
    new Promise((resolve, reject) => {
      // Like gradeExercise: aborting kills the child and the promise rejects with an AbortError.
      o.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      const make = () =>
        resultFor(exercise, chapter, passing.has(exercise.id) ? [caseResult('c1', 'pass')] : [caseResult('c1', 'pass'), caseResult('c2', 'fail', { message: `c2 of ${exercise.id} failed` })]);
      calls.push({ id: exercise.id, signal: o.signal, resolve });
      if (!opts.hold) resolve(make());
    });
  let clock = 0;
  const screens: string[] = [];
  let onBurst: ((b: Burst) => void) | undefined;
  let watchedFile: ((f: string) => void) | undefined;
  const pushed: string[] = [];
  const debouncer: Debouncer = { push: (f) => pushed.push(f), cancel: () => undefined };
  const resets: string[] = [];
  const runner = new CourseRunner({
    course: smallCourse(),
    grade: opts.grade ?? grade,
    format: fallbackFormat,
    statePath,
    out: (t) => screens.push(t),
    now: () => clock,
    color: false,
    tty: false,
    manual: opts.manual ?? false,
    watch: (cb) => {
      watchedFile = cb;
      return { close: () => undefined };
    },
    debounce: (cb) => {
      onBurst = cb;
      return debouncer;
    },
    reset: async (file) => {
      resets.push(file);
      return opts.reset ?? { ok: true, sha: 'abcdef0123456789' };
    },
  });
  return {
    runner,
    calls,
    passing,
    resets,
    pushed,
    last: () => screens.at(-1) ?? '',
    screens,
    state: () => JSON.parse(readFileSync(statePath, 'utf8')),
    setClock: (t: number) => (clock = t),
    save(at: number, file = 'a1.ts') {
      watchedFile?.(file);
      onBurst?.({ files: [file], firstEventAt: at });
    },
    keys: async (...ks: string[]) => {
      for (const k of ks) {
        runner.key(k);
        await runner.idle();
      }
    },
  };
}

describe('the course runner', () => {
  it('starts at the first exercise, shows "checking…" at once, then the first failing case', async () => {
    const t = setup({ hold: true });
    t.runner.start();
    expect(t.last()).toContain('Exercise a1');
    expect(t.last()).toContain('checking…');
    t.setClock(250);
    t.calls[0]!.resolve(resultFor(smallCourse().chapters[0]!.exercises[0]!, smallCourse().chapters[0]!, [caseResult('x', 'fail', { message: 'nope' }), caseResult('y', 'fail', { message: 'second' })]));
    await t.runner.idle();
    expect(t.last()).toContain('✗ 0 of 2 cases pass. (checked in 250 ms)');
    expect(t.last()).toContain('nope');
    expect(t.last()).not.toContain('second');
  });

  it('re-grades on save and measures from the first event of the save', async () => {
    const t = setup();
    t.runner.start();
    await t.runner.idle();
    t.setClock(1000);
    t.save(900);
    await t.runner.idle();
    expect(t.calls).toHaveLength(2);
    expect(t.pushed).toEqual(['a1.ts']);
    expect(t.last()).toContain('(save → verdict 100 ms)');
  });

  it('aborts an in-flight grading when a new save arrives, and never shows its verdict', async () => {
    const t = setup({ hold: true });
    t.runner.start();
    t.save(10);
    expect(t.calls).toHaveLength(2);
    expect(t.calls[0]!.signal!.aborted).toBe(true);
    const ch = smallCourse().chapters[0]!;
    t.calls[0]!.resolve(resultFor(ch.exercises[0]!, ch, [caseResult('stale', 'fail')]));
    await Promise.resolve();
    expect(t.last()).toContain('checking…');
    t.calls[1]!.resolve(resultFor(ch.exercises[0]!, ch, [caseResult('fresh', 'pass')]));
    await t.runner.idle();
    expect(t.last()).toContain('✓ All 1 cases pass.');
    expect(t.screens.join('')).not.toContain('stale');
  });

  it('refuses n until the current exercise passes', async () => {
    const t = setup();
    t.runner.start();
    await t.runner.idle();
    await t.keys('n');
    expect(t.last()).toContain('n moves on once a1 passes');
    expect(t.last()).toContain('Exercise a1');
  });

  it('after a pass: marks it done, points to the solution, and n moves to the next exercise', async () => {
    const t = setup({ passing: new Set(['a1']) });
    t.runner.start();
    await t.runner.idle();
    expect(t.last()).toContain('Exercise a1 passes: +10 points.');
    expect(t.last()).toContain('solutions/a1.ts');
    expect(t.state().exercises.a1.done).toBe(true);
    await t.keys('n');
    expect(t.last()).toContain('Exercise a2');
    expect(t.state().current).toBe('a2');
  });

  it('says tinykube up --parts mine when a whole chapter passes, and congratulates at the end', async () => {
    const t = setup({ passing: new Set(['a1', 'a2', 'b1']) });
    t.runner.start();
    await t.runner.idle();
    await t.keys('n');
    expect(t.last()).toContain('Chapter "The store" is complete');
    expect(t.last()).toContain('tinykube up --parts mine');
    await t.keys('n');
    expect(t.last()).toContain('Congratulations');
    expect(t.last()).toContain('npm run grade');
  });

  it('reveals hints one tier at a time and remembers them', async () => {
    const t = setup();
    t.runner.start();
    await t.runner.idle();
    await t.keys('h');
    expect(t.last()).toContain('hint 1/2');
    expect(t.last()).not.toContain('hint 2/2');
    await t.keys('h', 'h');
    expect(t.last()).toContain('hint 2/2');
    expect(t.last()).toContain('No more hints');
    expect(t.state().exercises.a1.hintsRevealed).toBe(2);
  });

  it('lists every exercise and moves to the one chosen by number', async () => {
    const t = setup();
    t.runner.start();
    await t.runner.idle();
    await t.keys('l');
    expect(t.last()).toContain('3  ✗ pending  b1');
    await t.keys('3', '\r');
    expect(t.last()).toContain('Exercise b1');
    expect(t.calls.at(-1)!.id).toBe('b1');
    await t.keys('l', '9', '\r');
    expect(t.last()).toContain('There is no exercise number 9');
  });

  it('resets the file only after y, then marks the exercise pending and re-grades it', async () => {
    const t = setup({ passing: new Set(['a1']) });
    t.runner.start();
    await t.runner.idle();
    await t.keys('r');
    expect(t.last()).toContain('Reset exercises/a1.ts to its original stub? Your changes will be lost. [y/N]');
    await t.keys('n');
    expect(t.resets).toEqual([]);
    expect(t.last()).toContain('Reset cancelled.');
    t.passing.delete('a1');
    await t.keys('r', 'y');
    await new Promise((r) => setTimeout(r, 0));
    await t.runner.idle();
    expect(t.resets).toEqual(['exercises/a1.ts']);
    expect(t.last()).toContain('Restored exercises/a1.ts to its original stub (commit abcdef012345)');
    expect(t.state().exercises.a1.done).toBe(false);
  });

  it('says when reset is unavailable', async () => {
    const t = setup({ reset: { ok: false, reason: 'reset is unavailable: this folder is not a git checkout' } });
    t.runner.start();
    await t.runner.idle();
    await t.keys('r', 'y');
    await new Promise((r) => setTimeout(r, 0));
    expect(t.last()).toContain('reset is unavailable');
  });

  it('in manual mode does not watch, and checks on c or Enter', async () => {
    const t = setup({ manual: true });
    t.runner.start();
    await t.runner.idle();
    expect(t.pushed).toEqual([]);
    t.save(0); // no watcher was started: nothing happens
    expect(t.calls).toHaveLength(1);
    await t.keys('c', '\r');
    expect(t.calls).toHaveLength(3);
    expect(t.last()).toContain('c/Enter check');
  });

  it('reports a corrupt progress file, replaces it and carries on', async () => {
    const t = setup({ state: 'not json' });
    t.runner.start();
    await t.runner.idle();
    expect(t.last()).toContain('Note:');
    expect(t.last()).toContain('not valid JSON');
    expect(t.state()).toMatchObject({ version: 1, current: 'a1' });
  });

  it('resumes at the saved current exercise', async () => {
    const t = setup({ state: JSON.stringify({ version: 1, current: 'b1', exercises: {} }) });
    t.runner.start();
    await t.runner.idle();
    expect(t.calls[0]!.id).toBe('b1');
  });

  it('shows a grader failure instead of crashing', async () => {
    const t = setup({
      grade: async () => {
        throw new Error('child died');
      },
    });
    t.runner.start();
    await t.runner.idle();
    expect(t.last()).toContain('The grader failed: child died');
  });

  it('counts the cases run while checking', async () => {
    let report: ((r: never) => void) | undefined;
    const t = setup({
      grade: (_e, _c, o) =>
        new Promise(() => {
          report = o.onCase as (r: never) => void;
        }),
    });
    t.runner.start();
    report!(caseResult('one', 'pass') as never);
    report!(caseResult('two', 'pass') as never);
    expect(t.last()).toContain('checking… (2 cases run)');
  });

  it('run once (no TTY): grades, prints and returns 0 on pass, 1 on fail', async () => {
    const fail = setup();
    expect(await fail.runner.runOnce()).toBe(1);
    expect(fail.last()).toContain('✗ 1 of 2 cases pass.');
    expect(fail.last()).toContain('stdin is not a terminal');
    expect(fail.last()).not.toContain('keys:');
    const pass = setup({ passing: new Set(['a1']) });
    expect(await pass.runner.runOnce()).toBe(0);
    expect(pass.state().exercises.a1.done).toBe(true);
  });

  it('quit aborts a grading in flight', async () => {
    const t = setup({ hold: true });
    t.runner.start();
    await t.keys('q');
    await t.runner.done;
    expect(t.calls[0]!.signal!.aborted).toBe(true);
  });
});
