/**
 * What the course runner prints, as pure functions from the course, the progress and the last
 * verdict to strings. No I/O here, so every line a learner reads is tested.
 *
 * The layout follows rustlings' watch mode: a progress line, the current exercise (what to edit,
 * where to read), the last verdict, then the keys. A failing verdict shows only the FIRST failing
 * case's transcript: one thing to fix at a time, like CodeCrafters' stages.
 */
import type { Chapter, Course, Exercise } from '../../grader/course.ts';
import type { ExerciseResult } from '../../grader/results.ts';
import { exerciseProgress, type Progress } from './state.ts';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
}

const esc = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
export const colors: Style = { bold: esc('1'), dim: esc('2'), green: esc('32'), red: esc('31'), yellow: esc('33') };
const id = (s: string) => s;
export const plain: Style = { bold: id, dim: id, green: id, red: id, yellow: id };

/**
 * The transcript of a result's failing cases (and load error), without a header line: the
 * runner passes a result trimmed to the first failing case. cli/course.ts adapts the grader's
 * grader/report/terminal.ts `formatExerciseResult`; tests use `fallbackFormat`.
 */
export type FormatResult = (r: ExerciseResult, options: { color: boolean }) => string;

/** The docs site (another issue) serves each chapter at its `doc` path. */
export const DOCS_ORIGIN = 'http://localhost:5173';

export interface Located {
  chapter: Chapter;
  exercise: Exercise;
  index: number;
}

export function locate(course: Course): Located[] {
  let index = 0;
  return course.chapters.flatMap((chapter) => chapter.exercises.map((exercise) => ({ chapter, exercise, index: index++ })));
}

export function points(course: Course, progress: Progress): { earned: number; max: number; done: number; total: number } {
  const all = locate(course);
  const done = all.filter((l) => exerciseProgress(progress, l.exercise.id).done);
  return {
    earned: done.reduce((n, l) => n + l.exercise.points, 0),
    max: all.reduce((n, l) => n + l.exercise.points, 0),
    done: done.length,
    total: all.length,
  };
}

/** One line per chapter: `✓ sched-fit  ✗ sched-taints   10/20 pts`. */
export function renderMap(course: Course, progress: Progress, current: string | undefined, s: Style): string {
  const p = points(course, progress);
  const lines = [s.bold(`${course.course.title}`) + `   ${p.done}/${p.total} exercises, ${p.earned}/${p.max} points`];
  for (const ch of course.chapters) {
    const marks = ch.exercises.map((e) => {
      const done = exerciseProgress(progress, e.id).done;
      const mark = done ? s.green('✓') : s.red('✗');
      const name = e.id === current ? s.bold(`[${e.id}]`) : e.id;
      return `${mark} ${name}`;
    });
    const earned = ch.exercises.filter((e) => exerciseProgress(progress, e.id).done).reduce((n, e) => n + e.points, 0);
    const max = ch.exercises.reduce((n, e) => n + e.points, 0);
    lines.push(`  ${ch.title.padEnd(34)} ${marks.join('  ')}   ${s.dim(`${earned}/${max} pts`)}`);
  }
  return lines.join('\n');
}

export function renderCurrent(course: Course, at: Located, progress: Progress, s: Style): string {
  const { chapter, exercise } = at;
  const lines = [
    s.bold(`Exercise ${exercise.id}: ${exercise.title}`) + s.dim(`  (${exercise.difficulty}, ${exercise.points} points)`),
    `  chapter   ${chapter.title}`,
    `  edit      ${exercise.learner}`,
    `  tests     ${exercise.test}  ${s.dim(`(the full report: npm run grade -- ${exercise.id})`)}`,
    `  read      ${DOCS_ORIGIN}${chapter.doc}  ${s.dim('(run `npm run docs:dev` to serve the course site)')}`,
    `  page      ${DOCS_ORIGIN}/exercises/${exercise.id}  ${s.dim('(the interface, hints and the solution link)')}`,
    // Every chapter has a playground preset of its id (test/docs/presets.test.ts checks it).
    `  try       ${DOCS_ORIGIN}/playground?preset=${chapter.id}  ${s.dim('(the engine in your browser, with this chapter\'s manifests)')}`,
  ];
  const missing = (exercise.prerequisites ?? []).filter((p) => !exerciseProgress(progress, p).done);
  if (missing.length) lines.push(s.yellow(`  before this one, finish: ${missing.join(', ')}`));
  const revealed = Math.min(exerciseProgress(progress, exercise.id).hintsRevealed, exercise.hints.length);
  for (let i = 0; i < revealed; i++) lines.push(s.yellow(`  hint ${i + 1}/${exercise.hints.length}: ${exercise.hints[i]}`));
  return lines.join('\n');
}

export interface Verdict {
  result: ExerciseResult;
  /** Wall time from the save (or key press, or start) to the verdict. */
  elapsedMs: number;
  /** What asked for this verdict: a save is measured as save → verdict. */
  trigger: 'save' | 'check';
}

export function renderVerdict(v: Verdict, format: FormatResult, s: Style, color: boolean): string {
  const { result } = v;
  const ms = Math.round(v.elapsedMs);
  const took = s.dim(v.trigger === 'save' ? `(save → verdict ${ms} ms)` : `(checked in ${ms} ms)`);
  if (result.status === 'pass') {
    return `${s.green('✓ All')} ${s.green(`${result.cases.length} cases pass.`)} ${took}`;
  }
  if (result.status === 'error') {
    return [`${s.red('✗ The exercise could not be loaded.')} ${took}`, format({ ...result, cases: [] }, { color }).trimEnd()].join('\n');
  }
  const passing = result.cases.filter((c) => c.status === 'pass').length;
  const first = result.cases.find((c) => c.status !== 'pass');
  const head = `${s.red('✗')} ${passing} of ${result.cases.length} cases pass. ${took}`;
  if (!first) return head;
  const transcript = format({ ...result, cases: [first] }, { color });
  return [head, s.bold(`First failing case:`), transcript.trimEnd()].join('\n');
}

export interface Milestones {
  chapterDone?: Chapter;
  allDone: boolean;
}

export function renderPassed(at: Located, m: Milestones, s: Style): string {
  const lines = [
    s.green(`Exercise ${at.exercise.id} passes: +${at.exercise.points} points.`),
    `  Compare with the reference solution: ${at.exercise.solution}`,
  ];
  if (m.chapterDone) {
    lines.push(s.green(`  Chapter "${m.chapterDone.title}" is complete: every ${m.chapterDone.component} exercise passes.`));
    lines.push(`  \`tinykube up --parts mine\` runs a cluster with your parts.`);
  }
  if (m.allDone) {
    lines.push(s.green(s.bold('  You finished the whole course. Congratulations!')));
    lines.push('  Run `npm run grade` for the full report.');
  } else {
    lines.push('  Press n for the next exercise.');
  }
  return lines.join('\n');
}

export function renderList(course: Course, progress: Progress, current: string | undefined, s: Style): string {
  const lines = [s.bold('Exercises')];
  for (const { chapter, exercise, index } of locate(course)) {
    const done = exerciseProgress(progress, exercise.id).done;
    const mark = done ? s.green('✓ done   ') : s.red('✗ pending');
    const cur = exercise.id === current ? ' ◀' : '';
    lines.push(`  ${String(index + 1).padStart(3)}  ${mark}  ${exercise.id.padEnd(18)} ${s.dim(chapter.id.padEnd(12))} ${exercise.title}${cur}`);
  }
  lines.push('Type a number and Enter to choose it, or Esc to go back.');
  return lines.join('\n');
}

export function renderKeys(manual: boolean, s: Style): string {
  const check = manual ? 'c/Enter check' : 'c check now';
  return s.dim(`keys: n next · h hint · l list · r reset · ${check} · q quit`);
}

/** A transcript for when grader/report/terminal.ts is not there: the case, why, what it did. */
export const fallbackFormat: FormatResult = (r) => {
  const out: string[] = [];
  if (r.loadError) out.push(`  ✗ could not load ${r.file}`, indent(r.loadError, 4));
  for (const c of r.cases) {
    out.push(`  ✗ ${c.name} [${c.kind}] — ${c.status}`);
    if (c.message) out.push(indent(c.message, 4));
    if (c.expected !== undefined) out.push(`    expected: ${c.expected}`);
    if (c.actual !== undefined) out.push(`    actual:   ${c.actual}`);
    if (c.steps?.length) out.push('    what the test did:', ...c.steps.map((x) => `      - ${x}`));
    if (c.codeFrame) out.push(indent(c.codeFrame, 4));
    if (c.clusterLog?.length) out.push('    last cluster events:', ...c.clusterLog.map((x) => `      ${x}`));
    if (c.output) out.push('    your code printed:', indent(c.output, 6));
  }
  return out.join('\n');
};

function indent(text: string, n = 2): string {
  return text
    .split('\n')
    .map((l) => ' '.repeat(n) + l)
    .join('\n');
}
