import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadCourse, repoRoot } from '../../grader/course.ts';

it('every chapter of course.yaml has its self-check file', () => {
  const missing = loadCourse()
    .chapters.map((c) => `test/self-check/${c.id}.test.ts`)
    .filter((f) => !existsSync(join(repoRoot, f)));
  expect(missing).toEqual([]);
});
