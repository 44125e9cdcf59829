/**
 * The grader's terminal report (rustlings/CodeCrafters style): one line per exercise with its
 * points, transcripts of its first failed cases, then the points and counts. Colour is plain ANSI
 * SGR and only when asked (the CLI decides from the TTY and --no-color); no dependency.
 */
import type { ExerciseResult, GradeReport } from '../results.ts';
import { caseTranscript, failedSummary, indent, loadErrorTranscript, plain, type Style } from './transcript.ts';

const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

const ansi: Style = {
  heading: sgr(1, 22),
  dim: sgr(2, 22),
  bad: sgr(31, 39),
  good: sgr(32, 39),
  warn: (s) => `\u001b[1;33m${s}\u001b[22;39m`,
};

function styleFor(color: boolean): Style {
  return color ? ansi : plain;
}

function headerLine(r: ExerciseResult, style: Style, idWidth: number): string {
  const ok = r.status === 'pass';
  const mark = ok ? style.good('✓') : style.bad('✗');
  const points = `${r.pointsEarned}/${r.points}`;
  const tail = ok
    ? ''
    : r.status === 'error'
      ? ' (could not be loaded)'
      : r.cases.length === 0
        ? ' (no tests ran)'
        : ` (${failedSummary(r)})`;
  return `${mark} ${style.heading(r.id.padEnd(idWidth))}  ${r.title}  ${ok ? style.good(points) : style.bad(points)}${tail ? style.dim(tail) : ''}`;
}

/**
 * Full transcripts for the first few failures only: a learner fixes one thing at a time, and a
 * stub fails every case. The rest are named.
 */
export const TRANSCRIPTS_SHOWN = 3;

function exerciseBlock(r: ExerciseResult, style: Style, idWidth: number): string {
  const out = [headerLine(r, style, idWidth)];
  if (r.status === 'pass') return out.join('\n');
  if (r.loadError) out.push(indent(loadErrorTranscript(r, style), '    '));
  // A load error fails every case the same way: the transcript above says it once.
  const failed = r.cases.filter((c) => c.status !== 'pass' && !(r.loadError && c.status === 'error'));
  for (const c of failed.slice(0, TRANSCRIPTS_SHOWN)) out.push('', indent(caseTranscript(c, style), '    '));
  const rest = failed.slice(TRANSCRIPTS_SHOWN);
  if (rest.length) {
    out.push('', `    ${style.dim(`… and ${rest.length} more failing test${rest.length === 1 ? '' : 's'} (every transcript is in results.json):`)}`);
    for (const c of rest) out.push(`    ${style.bad('✗')} ${c.name}`);
  }
  out.push('');
  return out.join('\n');
}

/** One exercise: its line, then transcripts of the first cases that did not pass and the names of the others. */
export function formatExerciseResult(r: ExerciseResult, o: { color: boolean }): string {
  return exerciseBlock(r, styleFor(o.color), r.id.length);
}

function tamperedWarning(report: GradeReport, style: Style): string[] {
  if (report.tampered.length === 0) return [];
  return [
    style.warn('!! UNTRUSTED RUN: the grader\'s own files differ from grader/manifest.json.'),
    style.warn('!! These points do not count: restore the course\'s files (exercises/ is the only folder you edit).'),
    ...listCapped(report.tampered).map((t) => style.warn(`!!   ${t}`)),
  ];
}

/** At most TAMPERED_SHOWN entries, then how many more (a whole changed folder is a long list). */
export const TAMPERED_SHOWN = 10;
export function listCapped(items: readonly string[], max = TAMPERED_SHOWN): string[] {
  return items.length <= max ? [...items] : [...items.slice(0, max), `… and ${items.length - max} more`];
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The closing lines only: points, counts and (when tampered) the warning. For a CLI that already
 * printed each exercise with formatExerciseResult as it finished.
 */
export function formatSummary(report: GradeReport, o: { color: boolean }): string {
  const style = styleFor(o.color);
  const passed = report.exercises.filter((r) => r.status === 'pass').length;
  const cases = report.exercises.flatMap((r) => r.cases);
  const casesPassed = cases.filter((c) => c.status === 'pass').length;
  const allPass = report.exercises.length > 0 && passed === report.exercises.length;
  const points = `Points ${report.points}/${report.maxPoints}`;
  const out = [
    style.heading(allPass ? style.good(points) : points),
    `Exercises: ${passed} passed, ${report.exercises.length - passed} failed · ` +
      `Tests: ${casesPassed} passed, ${cases.length - casesPassed} failed · ${seconds(report.durationMs)}`,
  ];
  const warning = tamperedWarning(report, style);
  if (warning.length > 0) out.push('', ...warning);
  return out.join('\n');
}

/** The whole run: every exercise, then the points and counts (and a loud warning when tampered). */
export function formatReport(report: GradeReport, o: { color: boolean }): string {
  const style = styleFor(o.color);
  const idWidth = Math.max(0, ...report.exercises.map((r) => r.id.length));
  const out: string[] = [];
  const warning = tamperedWarning(report, style);
  if (warning.length > 0) out.push(...warning, '');
  for (const r of report.exercises) out.push(exerciseBlock(r, style, idWidth));
  out.push('', formatSummary(report, o));
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}
