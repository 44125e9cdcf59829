import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyProgress, loadProgress, saveProgress, updateExercise } from './state.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'tk-state-'));

describe('the progress file', () => {
  it('is a fresh start, without a problem, when it does not exist', () => {
    expect(loadProgress(join(tmp(), 'none.json'))).toEqual({ progress: emptyProgress() });
  });

  it('round-trips done, hints revealed and the current exercise, creating its folder', () => {
    const path = join(tmp(), '.tinykube', 'progress.json');
    const p = emptyProgress();
    p.current = 'sched-fit';
    updateExercise(p, 'sched-fit', { hintsRevealed: 2 });
    updateExercise(p, 'store-mvcc', { done: true });
    saveProgress(path, p);
    expect(loadProgress(path)).toEqual({ progress: p });
    expect(JSON.parse(readFileSync(path, 'utf8')).version).toBe(1);
  });

  it('leaves no temporary file behind after a save (written beside it, then renamed)', () => {
    const dir = tmp();
    saveProgress(join(dir, 'progress.json'), emptyProgress());
    expect(readdirSync(dir)).toEqual(['progress.json']);
  });

  it('reports a corrupt file and replaces it with fresh progress instead of crashing', () => {
    const path = join(tmp(), 'progress.json');
    writeFileSync(path, '{ "version": 1, "exer');
    const loaded = loadProgress(path);
    expect(loaded.progress).toEqual(emptyProgress());
    expect(loaded.problem).toMatch(/not valid JSON/);
  });

  it('reports an unknown format version and starts fresh', () => {
    const path = join(tmp(), 'progress.json');
    writeFileSync(path, JSON.stringify({ version: 99, exercises: { a: { done: true, hintsRevealed: 0 } } }));
    const loaded = loadProgress(path);
    expect(loaded.progress.exercises).toEqual({});
    expect(loaded.problem).toMatch(/format version 99.*knows 1/);
  });

  it('keeps the good entries of a file with one malformed entry', () => {
    const path = join(tmp(), 'progress.json');
    writeFileSync(path, JSON.stringify({ version: 1, exercises: { a: { done: true, hintsRevealed: -3 }, b: 'x' } }));
    expect(loadProgress(path)).toEqual({ progress: { version: 1, exercises: { a: { done: true, hintsRevealed: 0 } } } });
  });
});
