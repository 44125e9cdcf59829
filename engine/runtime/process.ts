/**
 * A simulated process: what runs inside a container. An image's Program is an async function
 * of a ProcessContext that resolves with the exit code. The context is the process's whole
 * world: argv and environment, its container's filesystem view, stdout/stderr (which become the
 * container's log), the clock for sleeps, the pod network, signal handlers and memory.
 *
 * Signals follow Linux's rules for a container's PID 1 (the kernel gives a namespace's init no
 * default signal actions): SIGTERM and SIGINT are ignored unless the program installs a handler
 * (why `sleep 3600` in busybox waits out the whole grace period), while SIGKILL cannot be caught
 * and ends the process with exit code 128 + 9 = 137.
 */
import type { Clock } from '../util/clock.ts';
import type { Random } from '../util/random.ts';
import type { ContainerFs } from './container-fs.ts';
import type { HttpHandler, SimulatedNetwork } from './simulated-network.ts';

export type Signal = 'SIGINT' | 'SIGQUIT' | 'SIGKILL' | 'SIGTERM';

export const SIGNAL_NUMBERS: Record<Signal, number> = { SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };

/** Thrown inside a program to unwind it once it has ended (exit builtin, kill, OOM). */
export class ProcessExit extends Error {
  constructor(readonly code: number) {
    super(`process exited with code ${code}`);
    this.name = 'ProcessExit';
  }
}

export interface ProcessContext {
  readonly argv: string[];
  readonly env: Record<string, string>;
  readonly fs: ContainerFs;
  readonly cwd: string;
  /** The pod's hostname (pod name unless spec.hostname) and IP. */
  readonly hostname: string;
  readonly podIp: string;
  readonly clock: Clock;
  readonly random: Random;
  readonly network: SimulatedNetwork;
  /** Text written to stdout/stderr; complete lines become log entries. */
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves after `ms` of the clock; rejects with ProcessExit if the process ends first. */
  sleep(ms: number): Promise<void>;
  /** Never resolves; rejects with ProcessExit when the process ends (a server's main loop). */
  waitForever(): Promise<never>;
  /** Serves HTTP on the pod's IP; the listener closes when the process ends. */
  listen(port: number, handler: HttpHandler): void;
  /** Installs (replaces) the handler for a catchable signal. */
  onSignal(signal: Exclude<Signal, 'SIGKILL'>, handler: () => void): void;
  /** Ends the process with `code` from anywhere (a signal handler, a request handler). */
  terminate(code: number): void;
  /** Counts `bytes` more resident memory; over the container's limit the process is OOM-killed. */
  allocate(bytes: number): void;
  free(bytes: number): void;
  readonly alive: boolean;
}

export type Program = (ctx: ProcessContext) => Promise<number>;

export interface ProcessOptions extends Omit<ProcessContext, 'stdout' | 'stderr' | 'sleep' | 'waitForever' | 'listen' | 'onSignal' | 'terminate' | 'allocate' | 'free' | 'alive'> {
  write(stream: 'stdout' | 'stderr', line: string): void;
  /** Called after every allocation with the process's resident bytes. */
  onMemory?(residentBytes: number): void;
}

/** A started process: `exited` resolves once, with the exit code. */
export interface SimulatedProcess {
  readonly exited: Promise<number>;
  readonly alive: boolean;
  readonly residentBytes: number;
  signal(signal: Signal): void;
  terminate(code: number): void;
}

export function startProcess(program: Program, options: ProcessOptions): SimulatedProcess {
  let alive = true;
  let resident = 0;
  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  const deathWaiters = new Set<(code: number) => void>();
  const closers: Array<() => void> = [];
  const handlers = new Map<Signal, () => void>();
  const buffers = { stdout: '', stderr: '' };
  let exitCode = 0;

  const write = (stream: 'stdout' | 'stderr', text: string) => {
    if (!alive) return;
    const lines = (buffers[stream] + text).split('\n');
    buffers[stream] = lines.pop() as string;
    for (const line of lines) options.write(stream, line);
  };

  const end = (code: number) => {
    if (!alive) return;
    for (const stream of ['stdout', 'stderr'] as const) if (buffers[stream] !== '') options.write(stream, buffers[stream]);
    alive = false;
    exitCode = code;
    for (const close of closers.splice(0)) close();
    resolveExit(code);
    for (const w of [...deathWaiters]) w(code);
  };

  const ended = () => new ProcessExit(exitCode);

  const ctx: ProcessContext = {
    argv: options.argv,
    env: options.env,
    fs: options.fs,
    cwd: options.cwd,
    hostname: options.hostname,
    podIp: options.podIp,
    clock: options.clock,
    random: options.random,
    network: options.network,
    stdout: (t) => write('stdout', t),
    stderr: (t) => write('stderr', t),
    sleep(ms) {
      if (!alive) return Promise.reject(ended());
      return new Promise<void>((resolve, reject) => {
        const onDeath = () => {
          options.clock.clearTimeout(timer);
          reject(ended());
        };
        const timer = options.clock.setTimeout(() => {
          deathWaiters.delete(onDeath);
          resolve();
        }, ms);
        deathWaiters.add(onDeath);
      });
    },
    waitForever() {
      if (!alive) return Promise.reject(ended());
      return new Promise<never>((_, reject) => deathWaiters.add(() => reject(ended())));
    },
    listen(port, handler) {
      if (!alive) throw ended();
      closers.push(options.network.listen(options.podIp, port, handler));
    },
    onSignal(signal, handler) {
      handlers.set(signal, handler);
    },
    terminate: end,
    allocate(bytes) {
      if (!alive) throw ended();
      resident += bytes;
      options.onMemory?.(resident);
      if (!alive) throw ended();
    },
    free(bytes) {
      resident = Math.max(0, resident - bytes);
    },
    get alive() {
      return alive;
    },
  };

  void (async () => {
    try {
      const code = await program(ctx);
      end(code);
    } catch (err) {
      if (err instanceof ProcessExit) end(err.code);
      else {
        // A bug in a simulated program: report it as a crash, the way a Go panic exits 2.
        write('stderr', `panic: ${(err as Error)?.message ?? String(err)}\n`);
        end(2);
      }
    }
  })();

  return {
    exited,
    get alive() {
      return alive;
    },
    get residentBytes() {
      return resident;
    },
    signal(signal) {
      if (!alive) return;
      if (signal === 'SIGKILL') return end(128 + SIGNAL_NUMBERS.SIGKILL);
      const handler = handlers.get(signal);
      if (handler) handler();
      // No handler: PID 1 ignores the signal (see the file comment).
    },
    terminate: end,
  };
}
