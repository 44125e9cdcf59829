import { describe, expect, it } from 'vitest';
import { formatExerciseResult, formatReport, formatSummary } from './terminal.ts';
import { crashed, exercise, failedCluster, loadFailed, mixed, pass, report, timedOut } from './sample-reports.ts';

const ESC = '\u001b[';

describe('the terminal report', () => {
  it('gives a passing exercise one line with a tick, its id, title and points', () => {
    const text = formatExerciseResult(exercise('sched-taints', [pass('a'), pass('b')]), { color: false });
    expect(text).toBe('✓ sched-taints  Title of sched-taints  10/10');
  });

  it('gives a failing exercise a cross, 0 points and how many tests failed', () => {
    const text = formatExerciseResult(exercise('sched-fit', [pass('fits'), failedCluster, timedOut, crashed]), { color: false });
    expect(text.split('\n')[0]).toBe('✗ sched-fit  Title of sched-fit  0/10 (3 of 4 tests failed: 1 timed out, 1 crashed)');
  });

  it('tells the first three failures in full and names the others (a stub fails every case)', () => {
    const many = [1, 2, 3, 4, 5].map((n) => ({ ...failedCluster, name: `failing case ${n}` }));
    const text = formatExerciseResult(exercise('sched-fit', many), { color: false });
    expect(text.match(/What the test did:/g)).toHaveLength(3);
    expect(text).toContain('… and 2 more failing tests (every transcript is in results.json):');
    expect(text).toContain('    ✗ failing case 4\n    ✗ failing case 5');
  });

  it('tells each failed case as a transcript: why, steps, expected vs actual, code, cluster log, output', () => {
    const text = formatExerciseResult(exercise('sched-fit', [failedCluster]), { color: false });
    expect(text).toContain('✗ a pod that fits nowhere stays Pending with a FailedScheduling event  [cluster test, failed]');
    expect(text).toContain('Why:\n        expected "Pending" to be "Running"');
    expect(text).toContain('What the test did:');
    expect(text).toContain('1. created node n1 (cpu 1000m)');
    expect(text).toContain('3. waited for pod web to be scheduled');
    expect(text).toContain('Expected vs actual (- expected, + actual):');
    expect(text).toContain('-   phase: "Pending",');
    expect(text).toContain('+   phase: "Running",');
    expect(text).toContain('    {'); // a common line of the diff
    expect(text).toContain('>   42 |     expect(pod.status.phase).toBe("Pending")');
    expect(text).toContain("The cluster's last events and trace lines:");
    expect(text).toContain('event Normal Scheduled pod/web on n1');
    expect(text).toContain('Your code printed:\n        learner says hi');
    expect(text).not.toContain(ESC);
  });

  it('shows single-line values as expected/actual lines rather than a diff', () => {
    const c = { ...failedCluster, expected: '3', actual: '2' };
    const text = formatExerciseResult(exercise('x', [c]), { color: false });
    expect(text).toContain('expected: 3\n');
    expect(text).toContain('actual:   2');
  });

  it('words timeouts and crashes for a learner', () => {
    const text = formatExerciseResult(exercise('sched-fit', [timedOut, crashed]), { color: false });
    expect(text).toContain('⏱ scores every node  [part test, timeout]');
    expect(text).toMatch(/timed out — the usual cause is a loop that never ends/);
    expect(text).toContain('did not finish within 10 s');
    expect(text).toMatch(/the test process died \(process\.exit/);
    expect(text).toContain('the code called process.exit(1)');
  });

  it('shows a load error once instead of once per case', () => {
    const text = formatExerciseResult(loadFailed, { color: false });
    expect(text.split('\n')[0]).toBe('✗ store-txn  Title of store-txn  0/10 (could not be loaded)');
    expect(text.match(/SyntaxError/g)).toHaveLength(1);
    expect(text).not.toContain('compares a version');
  });

  it('leaves out the sections a case does not have', () => {
    const text = formatExerciseResult(exercise('x', [{ name: 'bare', kind: 'part', status: 'fail', durationMs: 1, message: 'nope' }]), { color: false });
    expect(text).toContain('Why:');
    for (const s of ['What the test did', 'Expected vs actual', 'Where the test checked it', "cluster's last", 'Your code printed']) {
      expect(text).not.toContain(s);
    }
  });

  it('caps a long log, keeping its last lines', () => {
    const output = Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\n');
    const text = formatExerciseResult(exercise('x', [{ ...failedCluster, output }]), { color: false });
    expect(text).toContain('line 499');
    expect(text).not.toContain('line 10\n');
    expect(text).toMatch(/… 470 more lines not shown/);
  });

  it('ends with the points and the counts', () => {
    const text = formatReport(mixed, { color: false });
    expect(text).toContain('Points 10/30');
    expect(text).toContain('Exercises: 1 passed, 2 failed · Tests: 3 passed, 5 failed · 3.5 s');
    expect(text).not.toContain('UNTRUSTED');
  });

  it('aligns exercise ids in the whole report', () => {
    const text = formatReport(mixed, { color: false });
    expect(text).toContain('✓ sched-taints  Title');
    expect(text).toContain('✗ sched-fit     Title');
  });

  it('warns loudly, first and last, when grader files were tampered with', () => {
    const text = formatReport(report([exercise('a', [pass('x')])], ['grader/tests/sched-fit.ts was modified']), { color: false });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^!! UNTRUSTED RUN/);
    expect(lines.at(-1)).toBe('!!   grader/tests/sched-fit.ts was modified');
    expect(text).toContain('These points do not count');
  });

  it('colours with ANSI only when asked', () => {
    const text = formatReport(mixed, { color: true });
    expect(text).toContain(`${ESC}32m✓${ESC}39m`);
    expect(text).toContain(`${ESC}31m✗${ESC}39m`);
    expect(formatReport(mixed, { color: false })).not.toContain(ESC);
  });
});

describe('the summary and a long tampered list', () => {
  it('formatSummary is the closing lines only', () => {
    const text = formatSummary(mixed, { color: false });
    expect(text.split('\n')[0]).toBe('Points 10/30');
    expect(text).not.toContain('sched-fit');
  });

  it('lists at most 10 tampered files, then how many more', () => {
    const tampered = Array.from({ length: 25 }, (_, i) => `engine/f${i}.ts was modified`);
    const text = formatReport(report([exercise('a', [pass('x')])], tampered), { color: false });
    expect(text).toContain('engine/f9.ts was modified');
    expect(text).not.toContain('engine/f10.ts');
    expect(text).toContain('!!   … and 15 more');
  });
});
