/**
 * `npm start` — the course runner. On a terminal: a watch-mode loop (re-grades the current
 * exercise on save; keys n/h/l/r/c/q). With `--manual` (alias `--manual-run`): no file watching,
 * press c or Enter to check. When stdin is not a terminal (CI, pipes): grades the current exercise
 * once, prints the verdict and exits 0 (pass) or 1 (fail) — it never waits for keys.
 *
 *   npm start [-- --manual] [-- --state <path>]
 */
import { join, resolve } from 'node:path';
import { loadCourse, repoRoot, CourseError } from '../grader/course.ts';
import { disposeSpare, gradeExercise } from '../grader/run-exercise.ts';
import { splitKeys } from './course/keys.ts';
import { CourseRunner } from './course/runner.ts';
import { resetExercise } from './course/reset.ts';
import { graderTranscript } from './course/transcript.ts';
import { debounce, realTimers, watchDir } from './course/watch.ts';

interface Args {
  manual: boolean;
  statePath: string;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { manual: false, statePath: join(repoRoot, '.tinykube', 'progress.json') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--manual' || a === '--manual-run') args.manual = true;
    else if (a === '--state') {
      const v = argv[++i];
      if (!v) return '--state needs a path';
      args.statePath = resolve(v);
    } else if (a.startsWith('--state=')) args.statePath = resolve(a.slice('--state='.length));
    else if (a === '--help' || a === '-h') return 'help';
    else return `unknown argument ${a}`;
  }
  return args;
}

const USAGE = `usage: npm start [-- --manual] [-- --state <path>]
  --manual, --manual-run   do not watch files; press c or Enter to check
  --state <path>           progress file (default .tinykube/progress.json)`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(args === 'help' ? USAGE : `${args}\n${USAGE}`);
    return args === 'help' ? 0 : 2;
  }
  let course;
  try {
    course = loadCourse();
  } catch (err) {
    console.error(err instanceof CourseError ? err.message : err);
    return 2;
  }
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  const runner = new CourseRunner({
    course,
    // a spare child with the engine loaded waits for the next save: save-to-verdict stays well under a second
    grade: (exercise, chapter, options) => gradeExercise(exercise, chapter, { ...options, prewarm: interactive }),
    format: graderTranscript,
    statePath: args.statePath,
    out: (text) => process.stdout.write(text),
    now: () => performance.now(),
    color,
    tty: interactive,
    manual: args.manual,
    watch: (onFile) => watchDir(join(repoRoot, 'exercises'), onFile),
    debounce: (onBurst) => debounce(onBurst, { ms: 100, timers: realTimers, now: () => performance.now() }),
    reset: (file) => resetExercise(repoRoot, file),
  });

  if (!interactive) return runner.runOnce();

  process.stdin.setRawMode(true);
  process.on('exit', () => process.stdin.isTTY && process.stdin.setRawMode(false));
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    for (const k of splitKeys(chunk)) runner.key(k);
  });
  process.stdin.resume();
  runner.start();
  await runner.done;
  disposeSpare();
  process.stdin.setRawMode(false);
  process.stdin.pause();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
