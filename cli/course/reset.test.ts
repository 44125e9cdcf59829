import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resetExercise, type Git } from './reset.ts';

function repo() {
  const root = mkdtempSync(join(tmpdir(), 'tk-reset-'));
  mkdirSync(join(root, 'exercises'));
  writeFileSync(join(root, 'exercises/a.ts'), 'my work\n');
  return root;
}

describe('reset', () => {
  it('restores the file as it was in the commit that added it (the oldest of git log --diff-filter=A)', async () => {
    const root = repo();
    const calls: string[][] = [];
    const git: Git = async (args) => {
      calls.push(args);
      if (args[0] === 'log') return 'newer-sha\nfirst-sha\n';
      if (args[0] === 'show' && args[1] === 'first-sha:exercises/a.ts') return 'stub\n';
      throw new Error('unexpected');
    };
    expect(await resetExercise(root, 'exercises/a.ts', git)).toEqual({ ok: true, sha: 'first-sha' });
    expect(readFileSync(join(root, 'exercises/a.ts'), 'utf8')).toBe('stub\n');
    expect(calls[0]).toEqual(['log', '--diff-filter=A', '--format=%H', '--', 'exercises/a.ts']);
  });

  it('is unavailable outside a git checkout, and leaves the file alone', async () => {
    const root = repo();
    const git: Git = async () => {
      throw new Error('fatal: not a git repository');
    };
    const out = await resetExercise(root, 'exercises/a.ts', git);
    expect(out).toEqual({ ok: false, reason: expect.stringMatching(/unavailable: this folder is not a git checkout/) });
    expect(readFileSync(join(root, 'exercises/a.ts'), 'utf8')).toBe('my work\n');
  });

  it('is unavailable for a file git never saw', async () => {
    const out = await resetExercise(repo(), 'exercises/a.ts', async () => '');
    expect(out).toEqual({ ok: false, reason: 'reset is unavailable: exercises/a.ts is not in the git history' });
  });
});
