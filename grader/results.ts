/**
 * What a grading run produces. The runner (child process per exercise) fills CaseResults; the
 * reporters (terminal transcript, results.json, JUnit XML, GitHub step summary) read a GradeReport.
 */

/**
 * pass; fail (an assertion did not hold or the code threw); timeout (the case did not finish in
 * its time limit — often an infinite loop); crash (the test process died: process.exit, out of
 * memory, a native crash); error (the exercise could not be loaded at all).
 */
export type CaseStatus = 'pass' | 'fail' | 'timeout' | 'crash' | 'error';

export interface CaseResult {
  name: string;
  kind: 'part' | 'cluster';
  status: CaseStatus;
  durationMs: number;
  /** Why it failed, in one or a few lines: the assertion message, the thrown error, the limit hit. */
  message?: string;
  /** For assertion failures: the expected and actual values, printed. */
  expected?: string;
  actual?: string;
  /** What the test did, in order (CaseContext.step), up to the failure. */
  steps?: string[];
  /** Source lines of the test around the failing assertion, with a `>` marker. */
  codeFrame?: string;
  /** The clusters' last events and trace lines when a cluster case failed. */
  clusterLog?: string[];
  /** What the graded code printed (console.*) during the case, truncated. */
  output?: string;
}

export interface ExerciseResult {
  id: string;
  title: string;
  chapter: string;
  part: string;
  /** The file graded (learner file, solution, or a file given with --use). */
  file: string;
  status: 'pass' | 'fail' | 'error';
  /** When status is error: why the file could not be loaded. */
  loadError?: string;
  points: number;
  /** All or nothing: `points` when every case passes, else 0. */
  pointsEarned: number;
  cases: CaseResult[];
  durationMs: number;
}

export interface GradeReport {
  course: string;
  startedAt: string;
  durationMs: number;
  /** Grader files whose checksum differs from grader/manifest.json: the run is not trusted. */
  tampered: string[];
  exercises: ExerciseResult[];
  points: number;
  maxPoints: number;
}

export function exerciseStatus(cases: readonly CaseResult[], loadError?: string): ExerciseResult['status'] {
  if (loadError) return 'error';
  return cases.length > 0 && cases.every((c) => c.status === 'pass') ? 'pass' : 'fail';
}
