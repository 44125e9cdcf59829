/**
 * GitHub Actions output: a job step summary (Markdown appended to $GITHUB_STEP_SUMMARY) and the
 * points as a workflow-command annotation.
 *
 * GitHub Classroom reads a run's score from notice annotations: its current reporter
 * (classroom-resources/autograding-grading-reporter src/notify-classroom.js) emits
 * `core.notice("Points X/Y", { title: "Autograding complete" })` and
 * `core.notice('{"totalPoints":X,"maxPoints":Y}', { title: "Autograding report" })`; the older
 * education/autograding (src/output.ts, setCheckRunOutput) put the same `Points X/Y` text in a
 * notice titled "Autograding complete". pointsNotice prints both lines as workflow commands
 * (docs.github.com, "Workflow commands for GitHub Actions": `::notice title=…::message`), so the
 * score reaches Classroom without any third-party action.
 */
import type { ExerciseResult, GradeReport } from '../results.ts';
import { listCapped } from './terminal.ts';
import { cap, exerciseFailures, failedSummary } from './transcript.ts';

const DETAILS_LINES = 400;
const DETAILS_CHARS = 20_000;

/** A table cell: no pipes or newlines may break the row, no HTML may be interpreted. */
function cell(s: string): string {
  return html(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function outcome(r: ExerciseResult): string {
  if (r.status === 'pass') return 'passed';
  if (r.status === 'error') return 'could not be loaded';
  return r.cases.length === 0 ? 'no tests ran' : failedSummary(r);
}

export function toStepSummary(report: GradeReport): string {
  const out: string[] = [];
  out.push(`## ${html(report.course)}: Points ${report.points}/${report.maxPoints}`, '');
  if (report.tampered.length > 0) {
    out.push('> [!CAUTION]');
    out.push("> **Untrusted run:** the grader's own files differ from `grader/manifest.json`, so these points do not count.");
    for (const t of listCapped(report.tampered, 30)) out.push(`> - ${html(t)}`);
    out.push('');
  }
  const passed = report.exercises.filter((r) => r.status === 'pass').length;
  out.push(`${passed} of ${report.exercises.length} exercises passed in ${(report.durationMs / 1000).toFixed(1)} s.`, '');
  out.push('| | Exercise | Title | Points | Result |', '|---|---|---|---:|---|');
  for (const r of report.exercises) {
    const mark = r.status === 'pass' ? '✓' : '✗';
    out.push(`| ${mark} | \`${cell(r.id).replace(/`/g, "'")}\` | ${cell(r.title)} | ${r.pointsEarned}/${r.points} | ${cell(outcome(r))} |`);
  }
  const failing = report.exercises.filter((r) => r.status !== 'pass');
  if (failing.length > 0) out.push('', '### Failures', '');
  for (const r of failing) {
    // <pre> with escaped HTML rather than a fenced block: learner text cannot close the fence.
    // GitHub keeps at most 1 MiB of step summary per step: cap each exercise's transcripts.
    const text = cap(exerciseFailures(r) || outcome(r), DETAILS_LINES, DETAILS_CHARS);
    out.push(`<details><summary>✗ <code>${html(r.id)}</code> ${html(r.title)} — ${html(outcome(r))}</summary>`, '');
    out.push(`<pre>${html(text)}</pre>`, '', '</details>', '');
  }
  return out.join('\n') + '\n';
}

/**
 * The workflow commands GitHub Classroom reads the score from (see above):
 * `::notice title=Autograding complete::Points X/Y` and the JSON `Autograding report` notice.
 */
export function pointsNotice(report: GradeReport): string {
  const json = JSON.stringify({ totalPoints: report.points, maxPoints: report.maxPoints });
  return [
    `::notice title=Autograding complete::Points ${report.points}/${report.maxPoints}`,
    `::notice title=Autograding report::${json}`,
  ].join('\n');
}
