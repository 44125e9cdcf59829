/**
 * The failure transcript the runner shows, taken from the grader's terminal report
 * (grader/report/terminal.ts): formatExerciseResult prints the exercise's line, then a transcript
 * per failing case (what the test did, expected vs actual, the cluster's last events). The runner
 * prints its own header, so the first line is dropped.
 */
import { formatExerciseResult } from '../../grader/report/terminal.ts';
import type { FormatResult } from './screen.ts';

export const graderTranscript: FormatResult = (r, o) =>
  formatExerciseResult(r, o)
    .split('\n')
    .slice(1)
    .join('\n')
    .replace(/^(\s*\n)+/, '');
