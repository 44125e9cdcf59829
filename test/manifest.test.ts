/**
 * The committed grader/manifest.json matches the tree: every file the grader trusts has the
 * recorded checksum, none is missing and none was added. Without this a course change would make
 * every student's run look tampered.
 */
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../grader/course.ts';
import { checkManifest } from '../grader/manifest.ts';

describe('grader/manifest.json', () => {
  it('matches every trusted file in the tree', () => {
    const problems = checkManifest(repoRoot);
    const advice =
      problems.length === 0
        ? ''
        : `grader/manifest.json is out of date (${problems.length} problem(s)); run \`npm run grade:manifest\` and commit it:\n` +
          problems.map((p) => `  - ${p}`).join('\n');
    expect(problems, advice).toEqual([]);
  });
});
