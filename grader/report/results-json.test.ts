import { describe, expect, it } from 'vitest';
import { toResultsJson } from './results-json.ts';
import { exercise, failedCluster, loadFailed, mixed, pass, report, timedOut } from './sample-reports.ts';

describe('results.json (Exercism test-runner interface v3, plus points)', () => {
  it('has version 3, fail status and one test per case in run order, each linked to its exercise', () => {
    const json = toResultsJson(mixed);
    expect(json.version).toBe(3);
    expect(json.status).toBe('fail');
    expect(json.message).toBeUndefined();
    expect(json.tests.map((t) => [t.name, t.status, t.task_id])).toEqual([
      ['sched-taints: tolerates', 'pass', 1],
      ['sched-taints: rejects', 'pass', 1],
      ['sched-fit: fits', 'pass', 2],
      ['sched-fit: a pod that fits nowhere stays Pending with a FailedScheduling event', 'fail', 2],
      ['sched-fit: scores every node', 'fail', 2],
      ['sched-fit: filters by memory', 'fail', 2],
      ['store-txn: compares a version', 'error', 3],
      ['store-txn: compares a value', 'error', 3],
    ]);
  });

  it('adds points, max_points, exercises and tampered', () => {
    const json = toResultsJson(report(mixed.exercises, ['engine/x.ts is not in the manifest']));
    expect(json.points).toBe(10);
    expect(json.max_points).toBe(30);
    expect(json.exercises).toEqual([
      { id: 'sched-taints', status: 'pass', points: 10, points_earned: 10, task_id: 1 },
      { id: 'sched-fit', status: 'fail', points: 10, points_earned: 0, task_id: 2 },
      { id: 'store-txn', status: 'error', points: 10, points_earned: 0, task_id: 3 },
    ]);
    expect(json.tampered).toEqual(['engine/x.ts is not in the manifest']);
  });

  it("gives a failed test the transcript as message, the code frame as test_code and the code's output", () => {
    const t = toResultsJson(report([exercise('sched-fit', [failedCluster])])).tests[0]!;
    expect(t.message).toContain('expected "Pending" to be "Running"');
    expect(t.message).toContain('1. created node n1 (cpu 1000m)');
    expect(t.message).not.toContain('learner says hi');
    expect(t.message).not.toContain('toBe("Pending")');
    expect(t.test_code).toContain('expect(pod.status.phase).toBe("Pending")');
    expect(t.output).toBe('learner says hi\n');
  });

  it('reports a timeout as a failed test that says so', () => {
    const t = toResultsJson(report([exercise('x', [timedOut])])).tests[0]!;
    expect(t.status).toBe('fail');
    expect(t.message).toMatch(/timed out — the usual cause/);
  });

  it('limits output to 500 characters as the spec requires', () => {
    const t = toResultsJson(report([exercise('x', [{ ...failedCluster, output: 'y'.repeat(2_000) }])])).tests[0]!;
    expect(t.output!.length).toBe(500);
    expect(t.output).toMatch(/Output was truncated\. Please limit to 500 chars\.$/);
  });

  it('is pass when every test passes, without a message', () => {
    const json = toResultsJson(report([exercise('a', [pass('x'), pass('y')])]));
    expect(json.status).toBe('pass');
    expect('message' in json).toBe(false);
  });

  it('is error, with a message, when no test could run', () => {
    const json = toResultsJson(report([loadFailed]));
    expect(json.status).toBe('error');
    expect(json.message).toContain("store-txn: SyntaxError: Unexpected token '}'");
    expect(json.tests[0]!.message).toContain('SyntaxError');
  });

  it('gives an exercise that ran no case one errored test saying why', () => {
    const r = exercise('a', [], { status: 'error', loadError: 'grader/tests/a.ts does not exist' });
    const json = toResultsJson(report([r, exercise('b', [pass('x')])]));
    expect(json.tests[0]).toEqual({ name: 'a: loads', status: 'error', message: 'grader/tests/a.ts does not exist', task_id: 1 });
    expect(json.status).toBe('fail');
  });

  it('survives JSON serialisation unchanged', () => {
    const json = toResultsJson(mixed);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
