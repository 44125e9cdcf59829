/**
 * results.json in Exercism's test-runner interface, version 3
 * (https://exercism.org/docs/building/tooling/test-runners/interface, source
 * exercism/docs building/tooling/test-runners/interface.md): top-level `version`, `status`
 * (pass: every test passed; fail: at least one failed or errored; error: no test could run, with a
 * top-level `message`), and `tests[]` in run order with `name`, `status` (pass | fail | error),
 * `message` (the failure, human-readable, unlimited), `output` (what the learner's code printed,
 * at most 500 characters per the spec), `test_code` (the code the test ran: here the code frame of
 * the failing check) and `task_id` (v3: the task a test belongs to; here the 1-based index of the
 * exercise in this report).
 *
 * tinykube adds, beside the Exercism fields: `points`, `max_points`, `exercises[]` (id, status,
 * points, points_earned, task_id) and `tampered` (grader files that differ from the manifest — a
 * run with any is not to be trusted).
 */
import type { CaseResult, ExerciseResult, GradeReport } from '../results.ts';
import { caseTranscript, statusReason } from './transcript.ts';

/** The spec limits per-test output to 500 characters; it suggests this wording when truncating. */
const OUTPUT_LIMIT = 500;
const TRUNCATED = '\nOutput was truncated. Please limit to 500 chars.';
/** The spec limits the top-level message to 65535 characters. */
const MESSAGE_LIMIT = 65_535;

export interface ResultsJsonTest {
  name: string;
  status: 'pass' | 'fail' | 'error';
  message?: string;
  output?: string;
  test_code?: string;
  task_id: number;
}

export interface ResultsJson {
  version: 3;
  status: 'pass' | 'fail' | 'error';
  message?: string;
  tests: ResultsJsonTest[];
  points: number;
  max_points: number;
  exercises: { id: string; status: ExerciseResult['status']; points: number; points_earned: number; task_id: number }[];
  tampered: string[];
}

function testStatus(c: CaseResult): ResultsJsonTest['status'] {
  // Exercism has no timeout/crash: both are failures of that test; `error` means it could not run.
  return c.status === 'pass' ? 'pass' : c.status === 'error' ? 'error' : 'fail';
}

function truncateOutput(output: string): string {
  return output.length <= OUTPUT_LIMIT ? output : output.slice(0, OUTPUT_LIMIT - TRUNCATED.length) + TRUNCATED;
}

function caseTest(r: ExerciseResult, c: CaseResult, taskId: number): ResultsJsonTest {
  const t: ResultsJsonTest = { name: `${r.id}: ${c.name}`, status: testStatus(c), task_id: taskId };
  if (c.status !== 'pass') {
    // The transcript without its title line and without what has its own field: the learner's
    // output (`output`) and the code frame (`test_code`; Exercism shows it above the message).
    const transcript = caseTranscript({ ...c, output: undefined, codeFrame: undefined }).split('\n').slice(1).join('\n');
    t.message = c.status === 'error' && r.loadError ? `${statusReason('error')}\n${r.loadError}` : transcript.replace(/^ {2}/gm, '');
  }
  if (c.output) t.output = truncateOutput(c.output);
  if (c.codeFrame) t.test_code = c.codeFrame;
  return t;
}

export function toResultsJson(report: GradeReport): ResultsJson {
  const tests: ResultsJsonTest[] = [];
  report.exercises.forEach((r, i) => {
    const taskId = i + 1;
    if (r.cases.length === 0 && r.status !== 'pass') {
      // Nothing ran (e.g. the file did not load before any case): one errored test says why.
      tests.push({ name: `${r.id}: loads`, status: 'error', message: r.loadError ?? 'no tests ran', task_id: taskId });
      return;
    }
    for (const c of r.cases) tests.push(caseTest(r, c, taskId));
  });

  const ran = tests.some((t) => t.status !== 'error');
  const status: ResultsJson['status'] =
    tests.length > 0 && tests.every((t) => t.status === 'pass') ? 'pass' : ran ? 'fail' : 'error';
  const out: ResultsJson = {
    version: 3,
    status,
    tests,
    points: report.points,
    max_points: report.maxPoints,
    exercises: report.exercises.map((r, i) => ({
      id: r.id,
      status: r.status,
      points: r.points,
      points_earned: r.pointsEarned,
      task_id: i + 1,
    })),
    tampered: [...report.tampered],
  };
  if (status === 'error') {
    const why =
      report.exercises.length === 0
        ? 'no exercises were graded'
        : report.exercises.map((r) => `${r.id}: ${r.loadError ?? 'no tests ran'}`).join('\n');
    out.message = why.slice(0, MESSAGE_LIMIT);
  }
  return out;
}
