/**
 * The grader's child process: runs one exercise's cases against one file, isolated from the
 * grader itself (run-exercise.ts spawns it with `node --import tsx`, a heap limit and an IPC
 * channel, and kills it when a case overruns its time limit).
 *
 * argv[2] is a JSON ChildArgs. Messages to the parent (ChildMessage), in order:
 *   cases      — the cases of the pristine test file (names and kinds), before the graded file loads;
 *   load-error — the graded file could not be imported or its part could not be taken out of it;
 *   start i    — case i begins (the parent arms its kill timer);
 *   result i   — case i's CaseResult;
 *   done       — every case from `first` on has run.
 *
 * A spare (argv without `run`) loads the test file and the engine, then waits for a `go` message
 * with the run: the watch-mode runner keeps one ready so that a save costs only the learner's
 * file and the cases. The graded file is imported only after `go`, so it is always fresh.
 *
 * Learner code runs in this process, so the exits a learner can reach are turned into errors:
 * process.exit / reallyExit / abort / kill(own pid) throw "the code called process.exit(1)",
 * which fails the case (or the load) instead of silently ending the run. Uncaught exceptions and
 * unhandled rejections during a case fail that case. console.* output is kept per case.
 */
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import type { ExerciseTests, GradeCase } from './exercise-tests.ts';
import type { CaseResult } from './results.ts';

export interface ChildArgs {
  /** A test file to load ahead (a spare loads it while it waits for `go`). */
  testFile?: string;
  /** The run; absent for a spare, which waits for a `go` message carrying it. */
  run?: ChildRun;
  /** After `done`, wait for another `go` instead of exiting (gradeCourse reuses children). */
  keepAlive?: boolean;
}

export interface ChildRun {
  /** Absolute path of the pristine test file (grader/tests/<id>.ts). */
  testFile: string;
  /** Absolute path of the file whose part is graded. */
  moduleFile: string;
  /** Index of the first case to run (the parent respawns after a timeout or a crash). */
  first: number;
  timeLimitMs: number;
}

export type ChildMessage =
  | { type: 'cases'; cases: { name: string; kind: 'part' | 'cluster' }[] }
  | { type: 'load-error'; message: string; testFile?: boolean }
  | { type: 'start'; index: number }
  | { type: 'result'; index: number; result: CaseResult }
  | { type: 'done' };

/** From the parent to a spare, or to a kept-alive child that finished its previous run. */
export interface GoMessage {
  type: 'go';
  run: ChildRun;
}

/** Per case, what console.* printed is kept up to this many characters. */
export const OUTPUT_LIMIT = 4096;

const realExit = process.exit.bind(process);
const realReallyExit = (process as NodeJS.Process & { reallyExit?: (code?: number) => never }).reallyExit;

/** Ends the child for real (process.exit goes through process.reallyExit, which the guard replaces). */
function exitNow(code: number): never {
  if (realReallyExit) (process as NodeJS.Process & { reallyExit?: (code?: number) => never }).reallyExit = realReallyExit;
  return realExit(code);
}

class ExitAttempt extends Error {
  constructor(what: string) {
    super(`the code called ${what}: the grader does not let the graded code end the test process`);
    this.name = 'ExitAttempt';
  }
}

let exitsGuarded = false;
function guardExits(): void {
  if (exitsGuarded) return;
  exitsGuarded = true;
  const p = process as NodeJS.Process & { reallyExit?: (code?: number) => never };
  p.exit = ((code?: number | string | null) => {
    throw new ExitAttempt(`process.exit(${code ?? ''})`);
  }) as typeof process.exit;
  p.reallyExit = (code?: number) => {
    throw new ExitAttempt(`process.reallyExit(${code ?? ''})`);
  };
  p.abort = (() => {
    throw new ExitAttempt('process.abort()');
  }) as typeof process.abort;
  const realKill = process.kill.bind(process);
  p.kill = ((pid: number, signal?: string | number) => {
    if (pid === process.pid || pid === 0 || pid === -process.pid) throw new ExitAttempt(`process.kill(process.pid${signal === undefined ? '' : `, ${JSON.stringify(signal)}`})`);
    return realKill(pid, signal);
  }) as typeof process.kill;
}

/** Collects console.* output for the running case. */
const output = { text: '', truncated: false };
let capturing = false;
function captureConsole(): void {
  if (capturing) return;
  capturing = true;
  const write = (...args: unknown[]) => {
    if (output.truncated) return;
    output.text += `${format(...args)}\n`;
    if (output.text.length > OUTPUT_LIMIT) {
      output.text = `${output.text.slice(0, OUTPUT_LIMIT)}\n… (output truncated at ${OUTPUT_LIMIT / 1024} KB)`;
      output.truncated = true;
    }
  };
  for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) console[name] = write;
}

/** An error thrown outside the case's own promise chain (a timer, an unawaited promise). */
let reportStray: ((err: unknown) => void) | undefined;
function onStray(kind: string) {
  return (err: unknown) => {
    const e = err instanceof Error ? err : new Error(String(err));
    if (!(e instanceof ExitAttempt)) e.message = `${kind}: ${e.message}`;
    // between cases there is nobody to blame; the next case's result is what counts
    reportStray?.(e);
  };
}

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

/**
 * A load error in a few lines: the error, and where in the graded file it happened. tsx reports a
 * .ts file that does not parse as "Transform failed with 1 error:\n<file>:5:2: ERROR: …".
 */
function errorText(err: unknown): string {
  if (!(err instanceof Error)) return `threw a non-error value: ${String(err)}`;
  const root = `${process.cwd()}/`;
  const head = (err instanceof ExitAttempt ? err.message : `${err.name}: ${err.message}`).replaceAll(root, '');
  const at = (err.stack ?? '')
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /^at .*\/.*:\d+:\d+\)?$/.test(l) && !/node:internal|\/grader\/child\.ts|\/node_modules\//.test(l));
  return at ? `${head}\n    ${at.replace('file://', '').replaceAll(root, '')}` : head;
}

async function main(args: ChildArgs): Promise<void> {
  process.on('uncaughtException', onStray('uncaught exception'));
  process.on('unhandledRejection', onStray('unhandled promise rejection'));
  // the grader went away (killed, crashed): nobody will read the results
  process.on('disconnect', () => exitNow(0));

  // run-cases.ts pulls in the engine: imported here so that a broken engine is reported as the
  // grader's problem, not as the learner's file failing to load
  let runCase: RunCase;
  try {
    ({ runCase } = await import('./run-cases.ts'));
    if (args.testFile) await import(pathToFileURL(args.testFile).href);
  } catch (err) {
    await send({ type: 'load-error', message: `the grader's test file could not be loaded: ${errorText(err)}`, testFile: true });
    return;
  }
  let run = args.run ?? (await waitForGo());
  for (;;) {
    await grade(run, runCase);
    if (!args.keepAlive) return;
    run = await waitForGo();
  }
}

type RunCase = typeof import('./run-cases.ts').runCase;

async function grade(run: ChildRun, runCase: RunCase): Promise<void> {
  let tests: ExerciseTests;
  try {
    tests = ((await import(pathToFileURL(run.testFile).href)) as { default: ExerciseTests }).default;
  } catch (err) {
    await send({ type: 'load-error', message: `the grader's test file could not be loaded: ${errorText(err)}`, testFile: true });
    return;
  }
  await send({ type: 'cases', cases: tests.cases.map((c) => ({ name: c.name, kind: c.kind })) });

  guardExits();
  captureConsole();
  output.text = '';
  output.truncated = false;
  let part: unknown;
  try {
    const module = (await import(pathToFileURL(run.moduleFile).href)) as Record<string, unknown>;
    part = tests.load(module);
  } catch (err) {
    await send({ type: 'load-error', message: errorText(err) });
    return;
  }
  const loadOutput = output.text;

  for (let i = run.first; i < tests.cases.length; i++) {
    const c = tests.cases[i] as GradeCase<unknown>;
    await send({ type: 'start', index: i });
    output.text = i === run.first ? loadOutput : '';
    output.truncated = false;
    let rejectStray: (err: unknown) => void = () => undefined;
    const stray = new Promise<never>((_, reject) => (rejectStray = reject));
    stray.catch(() => undefined);
    reportStray = rejectStray;
    const guarded: GradeCase<unknown> = { ...c, run: (p, t) => Promise.race([Promise.resolve().then(() => c.run(p, t)), stray]) };
    const result = await runCase(tests, guarded, part, { timeLimitMs: run.timeLimitMs });
    reportStray = undefined;
    if (output.text) result.output = output.text;
    await send({ type: 'result', index: i, result });
  }
  await send({ type: 'done' });
}

function waitForGo(): Promise<ChildRun> {
  return new Promise((resolve) => {
    const onMessage = (m: unknown) => {
      if ((m as GoMessage | undefined)?.type !== 'go') return;
      process.off('message', onMessage);
      resolve((m as GoMessage).run);
    };
    process.on('message', onMessage);
  });
}

const raw = process.argv[2];
if (raw !== undefined) {
  main(JSON.parse(raw) as ChildArgs).then(
    () => exitNow(0),
    (err: unknown) => {
      process.stderr.write(`grader child failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      exitNow(70);
    },
  );
}
