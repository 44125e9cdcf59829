/**
 * Grades one exercise: runs its pristine test file's cases against one file in a child process
 * (grader/child.ts under `node --import tsx`), one case after the other, with a heap limit and a
 * per-case time limit.
 *
 * The child cannot stop the run. When a case overruns its limit (a synchronous infinite loop
 * blocks the child's own timer, so the parent keeps one), the parent kills the child, records the
 * case as `timeout` and spawns a new child that starts at the next case. When the child dies in a
 * case (out of memory, an exit the guards missed, a signal), the case is a `crash` with the reason
 * and the run continues the same way. A file that cannot be loaded fails every case (`error`).
 * An overall cap (cases × limit) makes sure one exercise can never hang the grader.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChildArgs, ChildMessage, ChildRun, GoMessage } from './child.ts';
import { repoRoot, type Chapter, type Exercise } from './course.ts';
import { exerciseStatus, type CaseResult, type ExerciseResult } from './results.ts';

export interface GradeExerciseOptions {
  /** Which file to grade when `file` is not given: the learner's (default) or the reference solution. */
  against?: 'learner' | 'solution';
  /** The file to grade instead (relative to the repository root, or absolute). */
  file?: string;
  /** The child's V8 heap limit (--max-old-space-size); default 512. */
  memoryMb?: number;
  /** Per-case time limit; default the exercise's timeLimitSeconds. Tests use a small one. */
  timeLimitMs?: number;
  /** Called with each case's result as soon as it is known (in case order). */
  onCase?: (result: CaseResult) => void;
  /** Aborting kills the child; gradeExercise then rejects with an AbortError. */
  signal?: AbortSignal;
  /**
   * Leave a spare child loaded with this exercise's test file when done, so that the next
   * gradeExercise of it (the next save, in watch mode) skips loading the engine. See prewarm().
   */
  prewarm?: boolean;
  /**
   * Children to reuse: a child that finished an exercise cleanly grades the next one without
   * loading the engine again (gradeCourse passes one; see createPool). Never use a pool to grade
   * the same file twice after an edit — the module cache would hand back the old file.
   */
  pool?: ChildPool;
}

/** Idle children (engine loaded, waiting for `go`) that gradeCourse reuses between exercises. */
export interface ChildPool {
  idle: Spawned[];
}

export function createPool(): ChildPool {
  return { idle: [] };
}

/** Kills the pool's idle children. */
export function closePool(pool: ChildPool): void {
  for (const s of pool.idle.splice(0)) if (!s.exited) s.child.kill('SIGKILL');
}

export const DEFAULT_MEMORY_MB = 512;
/** How long the child may take to import the test file and the graded file (tsx compiles them). */
const LOAD_ALLOWANCE_MS = 20_000;
const STDERR_TAIL = 8_192;

const childEntry = join(repoRoot, 'grader', 'child.ts');
/** tsx from this repository's node_modules (never whatever `tsx` is on PATH). */
const tsxLoader = pathToFileURL(createRequire(join(repoRoot, 'package.json')).resolve('tsx')).href;

/** Extra time the parent gives a case beyond its limit before killing the child. */
export function killSlackMs(limitMs: number): number {
  return Math.min(1_000, Math.max(300, limitMs / 2));
}

/** The path of a file as shown to people: relative to the repository when it is inside it. */
function shownPath(abs: string): string {
  const rel = relative(repoRoot, abs);
  return rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
}

type ChildEnd =
  | { kind: 'done' }
  | { kind: 'load-error'; message: string; testFile: boolean }
  /** Killed by the parent: case `index` overran its limit (index -1: still loading). */
  | { kind: 'timeout'; index: number }
  /** Died on its own; `index` is the case running (or the next one due), -1 while loading. */
  | { kind: 'crash'; index: number; reason: string }
  | { kind: 'capped' }
  | { kind: 'aborted' };

export async function gradeExercise(exercise: Exercise, chapter: Chapter, options: GradeExerciseOptions = {}): Promise<ExerciseResult> {
  const started = performance.now();
  options.signal?.throwIfAborted();
  const file = options.file ?? (options.against === 'solution' ? exercise.solution : exercise.learner);
  const moduleFile = isAbsolute(file) ? file : join(repoRoot, file);
  const testFile = join(repoRoot, exercise.test);
  const limitMs = options.timeLimitMs ?? exercise.timeLimitSeconds * 1000;
  const memoryMb = options.memoryMb ?? DEFAULT_MEMORY_MB;
  const base = { id: exercise.id, title: exercise.title, chapter: chapter.id, part: exercise.part, file: shownPath(moduleFile), points: exercise.points };
  const finish = (cases: CaseResult[], loadError?: string): ExerciseResult => {
    if (options.prewarm) prewarm(exercise, { memoryMb });
    const status = exerciseStatus(cases, loadError);
    return {
      ...base,
      status,
      ...(loadError ? { loadError } : {}),
      pointsEarned: status === 'pass' ? exercise.points : 0,
      cases,
      durationMs: performance.now() - started,
    };
  };

  if (!existsSync(testFile)) return finish([], `the grader has no test file for this exercise yet (${exercise.test})`);
  if (!existsSync(moduleFile)) return finish([], `the file to grade does not exist: ${shownPath(moduleFile)}`);

  let names: { name: string; kind: 'part' | 'cluster' }[] | undefined;
  const results: CaseResult[] = [];
  const record = (index: number, r: CaseResult) => {
    results[index] = r;
    options.onCase?.(r);
  };
  const missing = (index: number, status: CaseResult['status'], message: string): CaseResult => ({
    name: names?.[index]?.name ?? `case ${index + 1}`,
    kind: names?.[index]?.kind ?? 'part',
    status,
    durationMs: 0,
    message,
  });

  // The overall cap: every case at its limit plus loading, and a respawn per case.
  let capAt = Number.POSITIVE_INFINITY;
  const armCap = (n: number) => {
    capAt = started + LOAD_ALLOWANCE_MS * 2 + n * (limitMs + killSlackMs(limitMs) + 2_000);
  };

  let first = 0;
  for (;;) {
    const end = await runChild({ testFile, moduleFile, first, timeLimitMs: limitMs }, memoryMb, options.signal, () => capAt, options.pool, {
      cases(list) {
        if (!names) {
          names = list;
          armCap(list.length);
        }
      },
      result: record,
    });
    if (end.kind === 'aborted') {
      if (options.prewarm) prewarm(exercise, { memoryMb });
      throw abortError(options.signal);
    }
    if (end.kind === 'done') break;
    if (end.kind === 'load-error') {
      if (end.testFile || !names) return finish([], end.message);
      return finish(
        names.map((_, i) => missing(i, 'error', `the file could not be loaded: ${end.message.split('\n')[0]}`)),
        end.message,
      );
    }
    if (end.kind === 'capped') {
      const n = names?.length ?? 0;
      for (let i = 0; i < n; i++) {
        if (!results[i]) record(i, missing(i, 'timeout', `not run: the exercise as a whole went over its time cap`));
      }
      break;
    }
    // timeout or crash: while loading (index -1) on the first spawn it is a load error
    if (end.index < 0 || !names) {
      const why = end.kind === 'timeout' ? `loading the file did not finish within ${LOAD_ALLOWANCE_MS / 1000} s (an infinite loop at the top level?)` : end.reason;
      if (!names) return finish([], why);
      return finish(names.map((_, i) => missing(i, 'error', `the file could not be loaded: ${why}`)), why);
    }
    if (end.kind === 'timeout') {
      const s = limitMs / 1000;
      const r = missing(end.index, 'timeout', `did not finish within ${s} s: the code kept running (an infinite loop?), so the grader stopped it`);
      record(end.index, { ...r, durationMs: limitMs });
    } else {
      record(end.index, missing(end.index, 'crash', end.reason));
    }
    first = end.index + 1;
    if (first >= names.length) break;
  }
  const n = names?.length ?? 0;
  const cases: CaseResult[] = [];
  for (let i = 0; i < n; i++) cases.push(results[i] ?? missing(i, 'error', 'the grader lost this case (no result came back)'));
  return finish(cases);
}

interface ChildHandlers {
  cases(list: { name: string; kind: 'part' | 'cluster' }[]): void;
  result(index: number, r: CaseResult): void;
}

type ChildEvent =
  | { kind: 'message'; m: ChildMessage }
  | { kind: 'exit'; code: number | null; sig: NodeJS.Signals | null }
  | { kind: 'error'; err: Error };

/** A child process whose events wait in a queue until someone listens (a spare is claimed later). */
interface Spawned {
  child: ChildProcess;
  key: string;
  exited: boolean;
  stderrHead: string;
  stderr: string;
  listen(fn: (ev: ChildEvent) => void): void;
}

/** Every child still alive: killed when the grader exits, so that no infinite loop outlives it. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function spawnChild(args: ChildArgs, memoryMb: number): Spawned {
  const testFile = args.run?.testFile ?? args.testFile ?? '';
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const c of live) c.kill('SIGKILL');
    });
  }
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // a heap limit or loader from the caller's environment must not leak in
  const child: ChildProcess = spawn(process.execPath, [`--max-old-space-size=${memoryMb}`, '--import', tsxLoader, childEntry, JSON.stringify(args)], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  live.add(child);
  const queue: ChildEvent[] = [];
  let listener: ((ev: ChildEvent) => void) | undefined;
  const deliver = (ev: ChildEvent) => (listener ? listener(ev) : queue.push(ev));
  const s: Spawned = {
    child,
    key: spareKey(testFile, memoryMb),
    exited: false,
    stderrHead: '',
    stderr: '',
    listen(fn) {
      listener = fn;
      for (const ev of queue.splice(0)) fn(ev);
    },
  };
  // the head says why a process died (the error and its location), the tail what it did last
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    if (s.stderrHead.length < STDERR_TAIL) s.stderrHead += chunk.slice(0, STDERR_TAIL - s.stderrHead.length);
    s.stderr = (s.stderr + chunk).slice(-STDERR_TAIL);
  });
  child.stdout!.resume(); // what the code wrote straight to stdout is not part of the verdict
  child.on('message', (m) => deliver({ kind: 'message', m: m as ChildMessage }));
  child.on('exit', (code, sig) => {
    s.exited = true;
    live.delete(child);
    deliver({ kind: 'exit', code, sig });
  });
  child.on('error', (err) => deliver({ kind: 'error', err }));
  return s;
}

const spareKey = (testFile: string, memoryMb: number) => `${memoryMb}:${testFile}`;

/** At most one spare child: loaded with a test file, waiting for `go`. */
let spare: Spawned | undefined;

/** Spawns a spare for this exercise (replacing any other), so that the next grading starts warm. */
export function prewarm(exercise: Exercise, options: { memoryMb?: number } = {}): void {
  const testFile = join(repoRoot, exercise.test);
  const memoryMb = options.memoryMb ?? DEFAULT_MEMORY_MB;
  if (spare && !spare.exited && spare.key === spareKey(testFile, memoryMb)) return;
  disposeSpare();
  if (!existsSync(testFile)) return;
  const s = spawnChild({ testFile }, memoryMb);
  // an idle spare must not keep the grader's process alive
  s.child.unref();
  s.child.channel?.unref();
  (s.child.stdout as unknown as { unref?: () => void }).unref?.();
  (s.child.stderr as unknown as { unref?: () => void }).unref?.();
  spare = s;
}

/** Kills the spare, if any (the watch-mode runner calls it when it quits or switches exercise). */
export function disposeSpare(): void {
  if (spare && !spare.exited) spare.child.kill('SIGKILL');
  spare = undefined;
}

function takeSpare(testFile: string, memoryMb: number): Spawned | undefined {
  const s = spare;
  if (!s || s.exited || s.key !== spareKey(testFile, memoryMb)) return undefined;
  spare = undefined;
  s.child.ref();
  s.child.channel?.ref();
  (s.child.stdout as unknown as { ref?: () => void }).ref?.();
  (s.child.stderr as unknown as { ref?: () => void }).ref?.();
  return s;
}

function takeFromPool(pool: ChildPool | undefined, memoryMb: number): Spawned | undefined {
  if (!pool) return undefined;
  for (let s = pool.idle.shift(); s; s = pool.idle.shift()) {
    if (!s.exited && s.key.startsWith(`${memoryMb}:`)) return s;
    if (!s.exited) s.child.kill('SIGKILL');
  }
  return undefined;
}

function runChild(
  run: ChildRun,
  memoryMb: number,
  signal: AbortSignal | undefined,
  capAt: () => number,
  pool: ChildPool | undefined,
  on: ChildHandlers,
): Promise<ChildEnd> {
  return new Promise((resolve) => {
    const warm = run.first === 0 ? (takeSpare(run.testFile, memoryMb) ?? takeFromPool(pool, memoryMb)) : undefined;
    const s = warm ?? spawnChild({ run, keepAlive: pool !== undefined }, memoryMb);
    const child = s.child;
    if (warm) child.send({ type: 'go', run } satisfies GoMessage);

    let ended: ChildEnd | undefined;
    let current = -1; // the case running, -1 when none
    let nextDue = run.first;
    let loaded = false;
    let clean = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (ms: number, onExpiry: () => ChildEnd) => {
      if (timer) clearTimeout(timer);
      const capLeft = capAt() - performance.now();
      const capped = capLeft < ms;
      timer = setTimeout(() => kill(capped ? { kind: 'capped' } : onExpiry()), Math.max(0, Math.min(ms, capLeft)));
    };
    const kill = (why: ChildEnd) => {
      ended ??= why;
      child.kill('SIGKILL');
    };
    const onAbort = () => kill({ kind: 'aborted' });
    signal?.addEventListener('abort', onAbort, { once: true });

    arm(LOAD_ALLOWANCE_MS, () => ({ kind: 'timeout', index: run.first > 0 ? run.first : -1 }));
    const onMessage = (m: ChildMessage) => {
      switch (m.type) {
        case 'cases':
          on.cases(m.cases);
          break;
        case 'load-error':
          // a kept-alive child would wait for the next run: this one is over either way
          kill({ kind: 'load-error', message: m.message, testFile: m.testFile === true });
          break;
        case 'start':
          loaded = true;
          current = m.index;
          arm(run.timeLimitMs + killSlackMs(run.timeLimitMs), () => ({ kind: 'timeout', index: m.index }));
          break;
        case 'result':
          if (m.result.status !== 'pass') clean = false;
          if (timer) clearTimeout(timer);
          current = -1;
          nextDue = m.index + 1;
          on.result(m.index, m.result);
          break;
        case 'done':
          if (pool && !ended && clean) {
            // back to the pool, engine loaded, for the next exercise; a child whose run failed
            // is not reused (failing code is the kind that leaves timers or patched globals behind)
            if (timer) clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            s.listen(() => undefined);
            pool.idle.push(s);
            resolve({ kind: 'done' });
            return;
          }
          ended ??= { kind: 'done' };
          // it exits by itself; make sure of it
          timer = setTimeout(() => child.kill('SIGKILL'), 1_000);
          break;
      }
    };
    const settle = (code: number | null, sig: NodeJS.Signals | null) => {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (ended) return resolve(ended);
      const index = current >= 0 ? current : loaded || run.first > 0 ? nextDue : -1;
      resolve({ kind: 'crash', index, reason: crashReason(code, sig, s.stderr, memoryMb, index < 0, s.stderrHead) });
    };
    s.listen((ev) => {
      if (ev.kind === 'message') onMessage(ev.m);
      else if (ev.kind === 'exit') settle(ev.code, ev.sig);
      else {
        ended ??= { kind: 'crash', index: current >= 0 ? current : -1, reason: `the grader could not start its test process: ${ev.err.message}` };
        if (s.exited || child.exitCode !== null) settle(null, null);
        else child.kill('SIGKILL');
      }
    });
  });
}

/** Why the child died, for a learner: out of memory, an exit, a signal, with the tail of stderr. */
export function crashReason(
  code: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
  memoryMb: number,
  loading: boolean,
  stderrHead = stderr,
): string {
  const when = loading ? 'while loading the file' : 'during the case';
  if (/heap limit|JavaScript heap out of memory|Reached heap limit|Allocation failed/i.test(stderr)) {
    return `ran out of memory (limit ${memoryMb} MiB) ${when}: does the code keep growing an array or a map, or recurse without end?`;
  }
  const head = stderrHead
    .split('\n')
    .filter((l) => l.trim() && !/^\s+at .*node:internal|^Node\.js v/.test(l))
    .slice(0, 8)
    .join('\n');
  const detail = head ? `\nstderr:\n${head}` : '';
  if (signal) return `the test process was killed by ${signal} ${when}${detail}`;
  if (code === 0) return `the test process ended early with exit code 0 ${when} (did the code call process.exit?)${detail}`;
  return `the test process ended with exit code ${code ?? '?'} ${when} (did the code call process.exit, or crash?)${detail}`;
}

function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  const err = new Error('grading was aborted');
  err.name = 'AbortError';
  return err;
}
