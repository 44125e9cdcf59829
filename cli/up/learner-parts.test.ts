import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../grader/course.ts';
import { parseImageReference as learnerImage } from '../../exercises/runtime/image-reference.ts';
import { loadLearnerParts } from './learner-parts.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tinykube-parts-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function progressFile(done: string[]): string {
  const path = join(tempDir(), 'progress.json');
  const exercises = Object.fromEntries(done.map((id) => [id, { done: true, hintsRevealed: 0 }]));
  writeFileSync(path, JSON.stringify({ version: 1, exercises: { ...exercises, 'sched-fit': { done: false, hintsRevealed: 2 } } }));
  return path;
}

describe('--parts mine', () => {
  it('uses the learner part of every completed exercise and the reference for the rest', async () => {
    const r = await loadLearnerParts({ progressPath: progressFile(['runtime-image']) });
    expect(r.problems).toEqual([]);
    expect(Object.keys(r.parts)).toEqual(['runtime.image']);
    expect(r.parts['runtime.image']).toBe(learnerImage);
    expect(r.mine).toEqual(['runtime.image (exercises/runtime/image-reference.ts)']);
  });

  it('uses every reference part when no progress file exists', async () => {
    const r = await loadLearnerParts({ progressPath: join(tempDir(), 'missing.json') });
    expect(r).toEqual({ parts: {}, mine: [], problems: [] });
  });

  it('keeps the reference and says why when a completed exercise cannot be loaded', async () => {
    const root = tempDir();
    copyFileSync(join(repoRoot, 'course.yaml'), join(root, 'course.yaml'));
    const r = await loadLearnerParts({ root, progressPath: progressFile(['runtime-image']) });
    expect(r.parts).toEqual({});
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/^runtime-image: using the reference runtime\.image, exercises\/runtime\/image-reference\.ts could not be loaded/);
  });

  it('reports a progress file that is not JSON and carries on with the reference', async () => {
    const path = join(tempDir(), 'progress.json');
    writeFileSync(path, '{nope');
    const r = await loadLearnerParts({ progressPath: path });
    expect(r.parts).toEqual({});
    expect(r.problems[0]).toMatch(/not valid JSON/);
  });
});
