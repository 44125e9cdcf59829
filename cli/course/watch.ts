/**
 * Watches exercises/ for saves and turns bursts of file events into one "changed" call.
 *
 * Editors save in several steps (write a temp file, rename, touch), so events are debounced
 * (~100 ms after the last one). The runner aborts an in-flight grading when a new burst arrives.
 * `firstEventAt` is the time of the burst's first event: save → verdict is measured from it.
 * The debounce takes its timer functions as a parameter so tests drive it without a clock.
 */
import { watch, type FSWatcher } from 'node:fs';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface Burst {
  files: string[];
  firstEventAt: number;
}

export interface Debouncer {
  /** One file event. */
  push(file: string): void;
  cancel(): void;
}

export function debounce(onBurst: (b: Burst) => void, options: { ms: number; timers: Timers; now: () => number }): Debouncer {
  let handle: unknown;
  let files = new Set<string>();
  let firstEventAt = 0;
  return {
    push(file) {
      if (files.size === 0 && handle === undefined) firstEventAt = options.now();
      files.add(file);
      if (handle !== undefined) options.timers.clear(handle);
      handle = options.timers.set(() => {
        const burst = { files: [...files], firstEventAt };
        files = new Set();
        handle = undefined;
        onBurst(burst);
      }, options.ms);
    },
    cancel() {
      if (handle !== undefined) options.timers.clear(handle);
      handle = undefined;
      files = new Set();
    },
  };
}

/** Editor droppings that are not a save of the learner's code (vim swap files, backups, probes). */
export function isIgnored(file: string): boolean {
  const base = file.split(/[\\/]/).pop() ?? file;
  return /(\.sw[a-z]|~|\.tmp)$/.test(base) || base.startsWith('.#') || base === '4913';
}

export interface Watching {
  close(): void;
}

/** Calls `onFile` for each change under `dir` (recursive where the platform supports it). */
export function watchDir(dir: string, onFile: (file: string) => void): Watching {
  let watcher: FSWatcher;
  const listener = (_event: string, name: string | Buffer | null) => {
    const file = name === null ? '' : String(name);
    if (!isIgnored(file)) onFile(file);
  };
  try {
    watcher = watch(dir, { recursive: true }, listener);
  } catch {
    watcher = watch(dir, listener); // older platforms: top level only
  }
  watcher.on('error', () => undefined); // a vanished directory must not crash the runner
  return { close: () => watcher.close() };
}
