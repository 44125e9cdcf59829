/**
 * The learner's loop (`npm start`): shows the course map and the current exercise, re-grades it
 * on save, and reacts to keys — a rustlings-style watch mode for tinykube.
 *
 * Everything with side effects is injected (the grader, the transcript formatter, the file
 * watcher and its debounce, git reset, the clock used to measure save → verdict, the output), so
 * tests drive the whole loop with fakes. Invariants:
 *  - at most one grading is in flight; a new save or check aborts the previous one (AbortSignal)
 *    and a superseded grading's verdict is never shown;
 *  - `n` moves on only once the current exercise passes (or to another exercise via `l`);
 *  - progress is saved after every change, and a bad progress file is reported, never fatal.
 */
import type { Chapter, Course, Exercise } from '../../grader/course.ts';
import type { CaseResult, ExerciseResult } from '../../grader/results.ts';
import { NORMAL, reduceKey, type Mode } from './keys.ts';
import {
  colors,
  locate,
  plain,
  renderCurrent,
  renderKeys,
  renderList,
  renderMap,
  renderPassed,
  renderVerdict,
  type FormatResult,
  type Located,
  type Milestones,
  type Verdict,
} from './screen.ts';
import { exerciseProgress, loadProgress, saveProgress, updateExercise, type Progress } from './state.ts';
import type { Burst, Debouncer, Watching } from './watch.ts';
import type { ResetOutcome } from './reset.ts';

/** grader/run-exercise.ts `gradeExercise` (helper A1's contract). */
export type GradeFn = (
  exercise: Exercise,
  chapter: Chapter,
  options: { against?: 'learner' | 'solution'; file?: string; onCase?: (r: CaseResult) => void; signal?: AbortSignal },
) => Promise<ExerciseResult>;

export interface RunnerDeps {
  course: Course;
  grade: GradeFn;
  format: FormatResult;
  statePath: string;
  out(text: string): void;
  /** Milliseconds from an arbitrary origin (performance.now): measures save → verdict. */
  now(): number;
  color: boolean;
  /** Redraw the whole screen (clear it first) instead of appending. */
  tty: boolean;
  manual: boolean;
  /** Starts watching exercises/; absent in manual mode. */
  watch?: (onFile: (file: string) => void) => Watching;
  /** Wraps the burst handler in a debounce (tests inject one they flush by hand). */
  debounce(onBurst: (b: Burst) => void): Debouncer;
  reset(file: string): Promise<ResetOutcome>;
}

type Status = { kind: 'idle' } | { kind: 'checking'; since: number; casesRun: number } | { kind: 'verdict'; verdict: Verdict; milestones?: Milestones };

export class CourseRunner {
  private readonly all: Located[];
  private progress: Progress = { version: 1, exercises: {} };
  private current!: Located;
  private mode: Mode = NORMAL;
  private status: Status = { kind: 'idle' };
  private notes: string[] = [];
  private controller: AbortController | undefined;
  private generation = 0;
  private inflight: Promise<void> = Promise.resolve();
  private watching: Watching | undefined;
  private debouncer: Debouncer | undefined;
  private finished: (() => void) | undefined;
  readonly done: Promise<void>;

  constructor(private readonly deps: RunnerDeps) {
    this.all = locate(deps.course);
    if (this.all.length === 0) throw new Error('course.yaml has no exercises');
    this.done = new Promise((resolve) => (this.finished = resolve));
  }

  private get style() {
    return this.deps.color ? colors : plain;
  }

  /** Loads progress, picks the current exercise and reports a progress file that was replaced. */
  private load(): void {
    const { progress, problem } = loadProgress(this.deps.statePath);
    this.progress = progress;
    if (problem) this.notes.push(this.style.yellow(`Note: ${problem}.`));
    this.current = this.all.find((l) => l.exercise.id === progress.current) ?? this.firstPending() ?? this.all[0]!;
    this.progress.current = this.current.exercise.id;
    this.save();
  }

  /** Interactive mode: watch (unless manual), grade the current exercise, then wait for keys. */
  start(): void {
    this.load();
    if (!this.deps.manual && this.deps.watch) {
      this.debouncer = this.deps.debounce((b) => this.check(b.firstEventAt, { trigger: 'save' }));
      const debouncer = this.debouncer;
      this.watching = this.deps.watch((file) => debouncer.push(file));
    }
    this.check(this.deps.now());
  }

  /** Non-interactive (CI, pipes): grade the current exercise once; 0 pass, 1 fail. */
  async runOnce(): Promise<number> {
    this.load();
    this.check(this.deps.now(), { show: false });
    await this.inflight;
    this.deps.out(`${this.screen(false)}\n`);
    return this.status.kind === 'verdict' && this.status.verdict.result.status === 'pass' ? 0 : 1;
  }

  /** Resolves when the grading in flight (if any) has been shown. */
  idle(): Promise<void> {
    return this.inflight;
  }

  key(key: string): void {
    const { mode, action } = reduceKey(this.mode, key, { manual: this.deps.manual });
    this.mode = mode;
    this.notes = [];
    switch (action.type) {
      case 'none':
      case 'list-typed':
        break;
      case 'quit':
        return this.quit();
      case 'check':
        return this.check(this.deps.now());
      case 'next':
        return this.next();
      case 'hint':
        this.hint();
        break;
      case 'list':
      case 'back':
      case 'reset-ask':
        break;
      case 'reset-cancel':
        this.notes.push('Reset cancelled.');
        break;
      case 'reset-confirm':
        void this.resetCurrent();
        return;
      case 'choose': {
        const chosen = this.all[action.number - 1];
        if (!chosen) {
          this.notes.push(this.style.yellow(`There is no exercise number ${action.number}.`));
          break;
        }
        return this.moveTo(chosen);
      }
      case 'unknown':
        this.notes.push(`Unknown key ${JSON.stringify(action.key)}.`);
        break;
    }
    this.render();
  }

  quit(): void {
    this.controller?.abort();
    this.debouncer?.cancel();
    this.watching?.close();
    this.save();
    this.finished?.();
  }

  private next(): void {
    const id = this.current.exercise.id;
    if (!exerciseProgress(this.progress, id).done) {
      this.notes.push(this.style.yellow(`n moves on once ${id} passes. Press l to choose another exercise.`));
      return this.render();
    }
    const after = [...this.all.slice(this.current.index + 1), ...this.all.slice(0, this.current.index)];
    const pending = after.find((l) => !exerciseProgress(this.progress, l.exercise.id).done);
    if (!pending) {
      this.notes.push(this.style.green('Every exercise is done. Run `npm run grade` for the full report.'));
      return this.render();
    }
    this.moveTo(pending);
  }

  private moveTo(at: Located): void {
    this.current = at;
    this.progress.current = at.exercise.id;
    this.save();
    this.check(this.deps.now());
  }

  private hint(): void {
    const ex = this.current.exercise;
    const shown = exerciseProgress(this.progress, ex.id).hintsRevealed;
    if (shown >= ex.hints.length) {
      this.notes.push(ex.hints.length ? 'No more hints for this exercise: every tier is shown.' : 'This exercise has no hints.');
      return;
    }
    updateExercise(this.progress, ex.id, { hintsRevealed: shown + 1 });
    this.save();
  }

  private async resetCurrent(): Promise<void> {
    const ex = this.current.exercise;
    const outcome = await this.deps.reset(ex.learner);
    if (!outcome.ok) {
      this.notes.push(this.style.yellow(outcome.reason));
      return this.render();
    }
    this.notes.push(`Restored ${ex.learner} to its original stub (commit ${outcome.sha.slice(0, 12)}). Reopen it in your editor.`);
    updateExercise(this.progress, ex.id, { done: false });
    this.save();
    this.check(this.deps.now());
  }

  /** Grades the current exercise; `startedAt` is the save (or key press) the verdict answers. */
  private check(startedAt: number, how: { show?: boolean; trigger?: Verdict['trigger'] } = {}): void {
    const show = how.show ?? true;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const generation = ++this.generation;
    const at = this.current;
    this.status = { kind: 'checking', since: startedAt, casesRun: 0 };
    if (show) this.render();
    this.inflight = (async () => {
      let result: ExerciseResult;
      try {
        const onCase = () => {
          if (generation !== this.generation || this.status.kind !== 'checking') return;
          this.status.casesRun++;
          if (show) this.render();
        };
        result = await this.deps.grade(at.exercise, at.chapter, { against: 'learner', signal: controller.signal, onCase });
      } catch (err) {
        if (generation !== this.generation || controller.signal.aborted) return; // superseded or quit
        this.status = { kind: 'idle' };
        this.notes.push(this.style.red(`The grader failed: ${err instanceof Error ? err.message : String(err)}`));
        if (show) this.render();
        return;
      }
      if (generation !== this.generation || controller.signal.aborted) return; // superseded
      const verdict: Verdict = { result, elapsedMs: this.deps.now() - startedAt, trigger: how.trigger ?? 'check' };
      let milestones: Milestones | undefined;
      if (result.status === 'pass') {
        updateExercise(this.progress, at.exercise.id, { done: true });
        const isDone = (e: Exercise) => exerciseProgress(this.progress, e.id).done;
        milestones = {
          ...(at.chapter.exercises.every(isDone) ? { chapterDone: at.chapter } : {}),
          allDone: this.all.every((l) => isDone(l.exercise)),
        };
      } else {
        // Like rustlings: an exercise that fails again is pending again.
        updateExercise(this.progress, at.exercise.id, { done: false });
      }
      this.save();
      this.status = { kind: 'verdict', verdict, ...(milestones ? { milestones } : {}) };
      if (show) this.render();
    })();
  }

  private save(): void {
    try {
      saveProgress(this.deps.statePath, this.progress);
    } catch (err) {
      const msg = this.style.yellow(`Could not save progress: ${(err as Error).message}`);
      if (!this.notes.includes(msg)) this.notes.push(msg);
    }
  }

  private firstPending(): Located | undefined {
    return this.all.find((l) => !exerciseProgress(this.progress, l.exercise.id).done);
  }

  /** The whole screen as text (tests read it). */
  screen(interactive = true): string {
    const s = this.style;
    const id = this.current.exercise.id;
    if (this.mode.kind === 'list') {
      const typed = this.mode.digits ? `\n> ${this.mode.digits}` : '';
      return renderList(this.deps.course, this.progress, id, s) + typed;
    }
    const parts = [renderMap(this.deps.course, this.progress, id, s), '', renderCurrent(this.deps.course, this.current, this.progress, s), ''];
    const st = this.status;
    if (st.kind === 'checking') parts.push(s.dim(st.casesRun ? `checking… (${st.casesRun} cases run)` : 'checking…'));
    if (st.kind === 'verdict') {
      parts.push(renderVerdict(st.verdict, this.deps.format, s, this.deps.color));
      if (st.milestones) parts.push('', renderPassed(this.current, st.milestones, s));
    }
    if (this.notes.length) parts.push('', ...this.notes);
    if (this.mode.kind === 'confirm-reset') {
      parts.push('', s.yellow(`Reset ${this.current.exercise.learner} to its original stub? Your changes will be lost. [y/N]`));
    }
    parts.push('', interactive ? renderKeys(this.deps.manual, s) : s.dim('(checked once: stdin is not a terminal. Run `npm start` in a terminal for watch mode.)'));
    return parts.join('\n');
  }

  private render(): void {
    this.deps.out(this.deps.tty ? `\x1b[2J\x1b[H${this.screen()}\n` : `${this.screen()}\n`);
  }
}
