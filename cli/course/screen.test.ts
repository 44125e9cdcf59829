import { describe, expect, it } from 'vitest';
import { emptyProgress, updateExercise } from './state.ts';
import { fallbackFormat, locate, plain, renderCurrent, renderList, renderMap, renderPassed, renderVerdict, type FormatResult } from './screen.ts';
import { caseResult, resultFor, smallCourse } from './testing.ts';

const course = smallCourse();
const [a1, a2, b1] = locate(course);

describe('the course map', () => {
  it('marks each exercise ✓ or ✗ per chapter with points, and the current one', () => {
    const p = emptyProgress();
    updateExercise(p, 'a1', { done: true });
    const map = renderMap(course, p, 'a2', plain);
    expect(map).toContain('1/3 exercises, 10/25 points');
    expect(map).toMatch(/The store\s+✓ a1  ✗ \[a2\]   10\/15 pts/);
    expect(map).toMatch(/The scheduler\s+✗ b1   0\/10 pts/);
  });
});

describe('the current exercise', () => {
  it('names the file to edit, the chapter and its page on the local course site', () => {
    const text = renderCurrent(course, a1!, emptyProgress(), plain);
    expect(text).toContain('Exercise a1: Title of a1');
    expect(text).toContain('edit      exercises/a1.ts');
    expect(text).toContain('http://localhost:5173/chapters/store');
    expect(text).toContain('http://localhost:5173/exercises/a1');
    expect(text).toContain('http://localhost:5173/playground?preset=store');
    expect(text).toContain('npm run docs:dev');
  });

  it('lists prerequisites not yet done', () => {
    expect(renderCurrent(course, a2!, emptyProgress(), plain)).toContain('before this one, finish: a1');
    const p = emptyProgress();
    updateExercise(p, 'a1', { done: true });
    expect(renderCurrent(course, a2!, p, plain)).not.toContain('before this one');
  });

  it('shows only the hints revealed so far, numbered by tier', () => {
    const p = emptyProgress();
    updateExercise(p, 'a1', { hintsRevealed: 1 });
    const text = renderCurrent(course, a1!, p, plain);
    expect(text).toContain('hint 1/2: first hint of a1');
    expect(text).not.toContain('second hint');
  });
});

describe('the verdict', () => {
  const fmt: FormatResult = (r) => r.cases.map((c) => `TRANSCRIPT ${c.name}`).join('\n');

  it('of a failing exercise shows the transcript of the first failing case only', () => {
    const r = resultFor(a1!.exercise, a1!.chapter, [
      caseResult('one', 'pass'),
      caseResult('two', 'fail', { message: 'boom' }),
      caseResult('three', 'timeout'),
    ]);
    const text = renderVerdict({ result: r, elapsedMs: 412.4, trigger: 'save' }, fmt, plain, false);
    expect(text).toContain('✗ 1 of 3 cases pass. (save → verdict 412 ms)');
    expect(text).toContain('TRANSCRIPT two');
    expect(text).not.toContain('TRANSCRIPT three');
  });

  it('of a passing exercise says so with the time from save to verdict', () => {
    const r = resultFor(a1!.exercise, a1!.chapter, [caseResult('one', 'pass')]);
    expect(renderVerdict({ result: r, elapsedMs: 90, trigger: 'save' }, fmt, plain, false)).toBe('✓ All 1 cases pass. (save → verdict 90 ms)');
  });

  it('of a file that cannot be loaded gives the reason', () => {
    const r = resultFor(a1!.exercise, a1!.chapter, [], 'SyntaxError: Unexpected token');
    const text = renderVerdict({ result: r, elapsedMs: 1, trigger: 'check' }, fallbackFormat, plain, false);
    expect(text).toContain('✗ The exercise could not be loaded. (checked in 1 ms)');
    expect(text).toContain('SyntaxError: Unexpected token');
  });

  it('falls back to its own transcript: message, expected/actual, steps and cluster events', () => {
    const r = resultFor(a1!.exercise, a1!.chapter, [
      caseResult('a pod stays Pending', 'fail', { message: 'expected Pending', expected: '"Pending"', actual: '"Running"', steps: ['created pod big'], clusterLog: ['Warning FailedScheduling'] }),
    ]);
    const text = fallbackFormat(r, { color: false });
    for (const s of ['a pod stays Pending', 'expected Pending', 'expected: "Pending"', 'actual:   "Running"', '- created pod big', 'Warning FailedScheduling']) {
      expect(text).toContain(s);
    }
  });
});

describe('after a pass', () => {
  it('points to the solution to compare with and offers n', () => {
    const text = renderPassed(a1!, { allDone: false }, plain);
    expect(text).toContain('+10 points');
    expect(text).toContain('solutions/a1.ts');
    expect(text).toContain('Press n');
  });

  it('says tinykube up --parts mine runs their parts once a chapter is complete', () => {
    expect(renderPassed(b1!, { chapterDone: b1!.chapter, allDone: false }, plain)).toContain('`tinykube up --parts mine` runs a cluster with your parts');
  });

  it('congratulates and points to npm run grade when everything is done', () => {
    const text = renderPassed(b1!, { allDone: true }, plain);
    expect(text).toContain('Congratulations');
    expect(text).toContain('npm run grade');
  });
});

describe('the list', () => {
  it('numbers every exercise with its status and marks the current one', () => {
    const p = emptyProgress();
    updateExercise(p, 'a1', { done: true });
    const text = renderList(course, p, 'b1', plain);
    expect(text).toMatch(/1 {2}✓ done {3} {2}a1/);
    expect(text).toMatch(/3 {2}✗ pending {2}b1 .*◀/);
  });
});
