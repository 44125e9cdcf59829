/**
 * The learner's progress, kept in `.tinykube/progress.json` (git-ignored): which exercises are
 * done, how many hint tiers each has revealed, and which exercise is current.
 *
 * Contract: loading never throws. A missing file is a fresh start; a file that is not JSON, has
 * the wrong shape or an unknown format version is reported (`problem`) and replaced by a fresh
 * state — the runner must keep working, like rustlings regenerating its state file. Saves are
 * atomic (write a temporary file beside it, then rename), so a crash mid-write never leaves a
 * half-written file behind.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const PROGRESS_VERSION = 1;

export interface ExerciseProgress {
  done: boolean;
  /** How many hint tiers the learner has revealed (0 = none). */
  hintsRevealed: number;
}

export interface Progress {
  version: typeof PROGRESS_VERSION;
  /** The exercise the runner shows; absent = the first one not done. */
  current?: string;
  exercises: Record<string, ExerciseProgress>;
}

export interface LoadedProgress {
  progress: Progress;
  /** Why the file on disk was not used (it will be replaced on the next save). */
  problem?: string;
}

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, exercises: {} };
}

export function loadProgress(path: string): LoadedProgress {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { progress: emptyProgress() };
    return { progress: emptyProgress(), problem: `could not read ${path}: ${(err as Error).message}` };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { progress: emptyProgress(), problem: `${path} is not valid JSON; starting with fresh progress` };
  }
  return migrate(doc, path);
}

/** Accepts the known versions (only 1 so far); anything else is reported and replaced. */
export function migrate(doc: unknown, path = 'progress file'): LoadedProgress {
  if (!isRecord(doc)) return fresh(`${path} is not an object`);
  if (doc.version !== PROGRESS_VERSION) {
    return fresh(`${path} has format version ${JSON.stringify(doc.version)}, this runner knows ${PROGRESS_VERSION}`);
  }
  if (!isRecord(doc.exercises)) return fresh(`${path} has no "exercises" map`);
  const progress = emptyProgress();
  if (typeof doc.current === 'string') progress.current = doc.current;
  for (const [id, value] of Object.entries(doc.exercises)) {
    if (!isRecord(value)) continue; // one bad entry loses only that entry
    const hints = value.hintsRevealed;
    progress.exercises[id] = {
      done: value.done === true,
      hintsRevealed: typeof hints === 'number' && Number.isInteger(hints) && hints >= 0 ? hints : 0,
    };
  }
  return { progress };

  function fresh(problem: string): LoadedProgress {
    return { progress: emptyProgress(), problem: `${problem}; starting with fresh progress` };
  }
}

export function saveProgress(path: string, progress: Progress): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(progress, null, 2)}\n`);
  renameSync(tmp, path);
}

export function exerciseProgress(progress: Progress, id: string): ExerciseProgress {
  return progress.exercises[id] ?? { done: false, hintsRevealed: 0 };
}

export function updateExercise(progress: Progress, id: string, change: Partial<ExerciseProgress>): void {
  progress.exercises[id] = { ...exerciseProgress(progress, id), ...change };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
