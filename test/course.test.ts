/**
 * course.yaml is valid, complete and consistent with the engine: every part has exactly one
 * exercise, every file it names exists, and mistakes are reported with their paths.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { PART_IDS } from '../engine/cluster/parts.ts';
import { allExercises, CourseError, loadCourse, parseCourse, repoRoot } from '../grader/course.ts';

const text = readFileSync(join(repoRoot, 'course.yaml'), 'utf8');

function problemsOf(mutate: (doc: any) => void): string[] {
  const doc = parse(text);
  mutate(doc);
  try {
    parseCourse(stringify(doc));
  } catch (err) {
    if (err instanceof CourseError) return err.problems;
    throw err;
  }
  return [];
}

describe('course.yaml', () => {
  const course = loadCourse();
  const exercises = allExercises(course);

  it('validates against course.schema.json', () => {
    expect(course.formatVersion).toBe(1);
    expect(course.chapters.length).toBeGreaterThan(0);
  });

  it('has exactly one exercise for every part of the engine, and no exercise for an unknown part', () => {
    expect(exercises.map((e) => e.part).sort()).toEqual([...PART_IDS].sort());
  });

  it('names files that exist: the learner stub, the reference solution, the shared suite, the test file and the mutants', () => {
    const missing = exercises.flatMap((e) => [e.learner, e.solution, e.suite, e.test, e.mutants]).filter((f) => !existsSync(join(repoRoot, f)));
    expect(missing).toEqual([]);
  });

  it('puts stubs in exercises/ and references in solutions/ at mirrored paths', () => {
    for (const e of exercises) {
      expect(e.learner.startsWith('exercises/')).toBe(true);
      expect(e.solution).toBe(e.learner.replace(/^exercises\//, 'solutions/'));
    }
  });

  it('gives every exercise at least two hints', () => {
    for (const e of exercises) expect(e.hints.length).toBeGreaterThanOrEqual(2);
  });
});

describe('course.yaml mistakes are reported with their paths', () => {
  it('a wrong type', () => {
    expect(problemsOf((d) => (d.chapters[0].exercises[0].points = 'ten'))).toEqual(['chapters[0].exercises[0].points: must be integer']);
  });

  it('a missing field and an unknown one', () => {
    const problems = problemsOf((d) => {
      delete d.chapters[1].exercises[0].hints;
      d.chapters[1].exercises[0].hint = 'x';
    });
    expect(problems).toContain("chapters[1].exercises[0]: must have required property 'hints'");
    expect(problems).toContain('chapters[1].exercises[0]: must NOT have additional properties (hint)');
  });

  it('a duplicate id, a prerequisite that does not come earlier, a part used twice', () => {
    const problems = problemsOf((d) => {
      d.chapters[1].exercises[1].id = d.chapters[1].exercises[0].id;
      d.chapters[0].exercises[0].prerequisites = ['ctrl-job'];
      d.chapters[2].exercises[1].part = d.chapters[2].exercises[0].part;
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^chapters\[0\]\.exercises\[0\]\.prerequisites: "ctrl-job" is not an earlier exercise$/),
        expect.stringMatching(/^chapters\[1\]\.exercises\[1\]\.id: duplicate exercise id/),
        expect.stringMatching(/^chapters\[2\]\.exercises\[1\]\.part: "scheduler\.fit" is already the part of exercise "sched-fit"$/),
      ]),
    );
  });

  it('YAML that does not parse', () => {
    expect(() => parseCourse('chapters: [')).toThrow(/not valid YAML/);
  });
});
