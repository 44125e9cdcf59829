/**
 * Bench: the watch loop's save → verdict time with the real grader, file watcher and debounce.
 * It grades a copy of one learner file (the untouched stub) kept in scratch/ (git-ignored) at the
 * same depth as in exercises/, so its relative imports still resolve and the learner's own file
 * is never touched; each "save" rewrites the copy with the same bytes.
 *
 *   npx tsx bench/course-loop.ts [exercise-id]   (or `run()` from bench/index.ts)
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { allExercises, loadCourse, repoRoot } from '../grader/course.ts';
import { gradeExercise } from '../grader/run-exercise.ts';
import { CourseRunner } from '../cli/course/runner.ts';
import { fallbackFormat } from '../cli/course/screen.ts';
import { debounce, realTimers, watchDir } from '../cli/course/watch.ts';

const SAVES = 5;

export async function run(exerciseId = 'sched-taints'): Promise<void> {
  const course = loadCourse();
  const exercise = allExercises(course).find((e) => e.id === exerciseId);
  const chapter = course.chapters.find((c) => c.exercises.includes(exercise!));
  if (!exercise || !chapter) throw new Error(`no exercise ${exerciseId}`);
  const benchRoot = join(repoRoot, 'scratch', 'course-bench');
  const copy = join(benchRoot, exercise.learner.replace(/^exercises\//, ''));
  mkdirSync(dirname(copy), { recursive: true });
  copyFileSync(join(repoRoot, exercise.learner), copy);
  const stateDir = mkdtempSync(join(tmpdir(), 'tk-watch-bench-'));
  const verdicts: number[] = [];
  let onVerdict: (() => void) | undefined;
  const runner = new CourseRunner({
    course: { ...course, chapters: [{ ...chapter, exercises: [exercise] }] },
    grade: (e, c, o) => gradeExercise(e, c, { ...o, file: copy, prewarm: true }),
    format: fallbackFormat,
    statePath: join(stateDir, 'progress.json'),
    out: (text) => {
      const m = /save → verdict (\d+) ms/.exec(text);
      if (m) {
        verdicts.push(Number(m[1]));
        onVerdict?.();
      }
    },
    now: () => performance.now(),
    color: false,
    tty: false,
    manual: false,
    watch: (onFile) => watchDir(benchRoot, onFile),
    debounce: (onBurst) => debounce(onBurst, { ms: 100, timers: realTimers, now: () => performance.now() }),
    reset: async () => ({ ok: false, reason: 'not in the bench' }),
  });
  const coldStart = performance.now();
  runner.start();
  await runner.idle();
  const cold = performance.now() - coldStart;
  const text = readFileSync(copy);
  for (let i = 0; i < SAVES; i++) {
    const got = new Promise<void>((resolve) => (onVerdict = resolve));
    writeFileSync(copy, text);
    await got;
  }
  runner.quit();
  rmSync(stateDir, { recursive: true, force: true });
  const sorted = [...verdicts].sort((a, b) => a - b);
  console.log(`course watch (${exercise.id}, stub): first check ${Math.round(cold)} ms; save → verdict over ${verdicts.length} saves: median ${sorted[Math.floor(sorted.length / 2)]} ms, min ${sorted[0]} ms, max ${sorted.at(-1)} ms (includes the 100 ms debounce)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run(process.argv[2]).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
