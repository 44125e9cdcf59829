/**
 * End to end: `tsx cli/course.ts --manual` with stdin not a terminal grades the current exercise
 * once with the real grader (grader/run-exercise.ts), prints the verdict and exits — it never waits
 * for keys. The untouched stub fails, so the exit status is 1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../grader/course.ts';

function runCourse(statePath: string) {
  const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
  return spawnSync(tsx, ['cli/course.ts', '--manual', '--state', statePath], {
    cwd: repoRoot,
    input: '', // stdin is a pipe, not a TTY
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
}

describe('npm start without a terminal', () => {
  it('grades the current exercise once, prints the verdict and exits 1 for the untouched stub', () => {
    const state = join(mkdtempSync(join(tmpdir(), 'tk-course-')), 'progress.json');
    // A corrupt progress file is reported and replaced; the run goes on from the first exercise.
    writeFileSync(state, '{{{');
    const r = runCourse(state);
    expect(r.stdout).toContain('not valid JSON; starting with fresh progress');
    expect(r.stdout).toContain('Exercise store-mvcc');
    expect(r.stdout).toContain('edit      exercises/store/key-index.ts');
    expect(r.stdout).toMatch(/✗ .*\(checked in \d+ ms\)/);
    expect(r.stdout).toContain('stdin is not a terminal');
    expect(r.status).toBe(1);
    expect(JSON.parse(readFileSync(state, 'utf8'))).toMatchObject({ version: 1, current: 'store-mvcc' });
  });
});
