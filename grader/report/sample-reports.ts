/** Hand-made GradeReports for the reporters' tests (no grading needed). */
import type { CaseResult, ExerciseResult, GradeReport } from '../results.ts';

export function pass(name: string, kind: CaseResult['kind'] = 'part'): CaseResult {
  return { name, kind, status: 'pass', durationMs: 12 };
}

export const failedCluster: CaseResult = {
  name: 'a pod that fits nowhere stays Pending with a FailedScheduling event',
  kind: 'cluster',
  status: 'fail',
  durationMs: 40,
  message: 'expected "Pending" to be "Running"',
  expected: '{\n  phase: "Pending",\n  reason: "Unschedulable"\n}',
  actual: '{\n  phase: "Running",\n  reason: undefined\n}',
  steps: ['created node n1 (cpu 1000m)', 'created pod web (cpu 2000m)', 'waited for pod web to be scheduled'],
  codeFrame: 'grader/tests/sched-fit.ts:42\n    41 |     await c.clock.runUntil(done)\n>   42 |     expect(pod.status.phase).toBe("Pending")',
  clusterLog: ['event Normal Scheduled pod/web on n1', 'trace PUT /api/v1/namespaces/default/pods/web 200'],
  output: 'learner says hi\n',
};

export const timedOut: CaseResult = {
  name: 'scores every node',
  kind: 'part',
  status: 'timeout',
  durationMs: 10_000,
  message: 'did not finish within 10 s',
};

export const crashed: CaseResult = {
  name: 'filters by memory',
  kind: 'part',
  status: 'crash',
  durationMs: 5,
  message: 'the code called process.exit(1)',
};

export function exercise(id: string, cases: CaseResult[], extra: Partial<ExerciseResult> = {}): ExerciseResult {
  const ok = cases.length > 0 && cases.every((c) => c.status === 'pass');
  return {
    id,
    title: `Title of ${id}`,
    chapter: 'scheduler',
    part: `part.${id}`,
    file: `exercises/${id}.ts`,
    status: ok ? 'pass' : 'fail',
    points: 10,
    pointsEarned: ok ? 10 : 0,
    cases,
    durationMs: 123,
    ...extra,
  };
}

export const loadFailed: ExerciseResult = exercise(
  'store-txn',
  [
    { name: 'compares a version', kind: 'part', status: 'error', durationMs: 0, message: 'could not load' },
    { name: 'compares a value', kind: 'part', status: 'error', durationMs: 0, message: 'could not load' },
  ],
  { status: 'error', loadError: "SyntaxError: Unexpected token '}' (exercises/store/txn-compare.ts:12:3)" },
);

export function report(exercises: ExerciseResult[], tampered: string[] = []): GradeReport {
  return {
    course: 'tinykube',
    startedAt: '2026-11-24T12:00:00.000Z',
    durationMs: 3_456,
    tampered,
    exercises,
    points: exercises.reduce((n, r) => n + r.pointsEarned, 0),
    maxPoints: exercises.reduce((n, r) => n + r.points, 0),
  };
}

export const mixed: GradeReport = report([
  exercise('sched-taints', [pass('tolerates'), pass('rejects', 'cluster')]),
  exercise('sched-fit', [pass('fits'), failedCluster, timedOut, crashed]),
  loadFailed,
]);
