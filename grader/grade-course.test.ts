import { describe, expect, it } from 'vitest';
import { loadCourse, type Course } from './course.ts';
import { gradeCourse, selectExercises, UnknownExerciseError } from './grade-course.ts';
import { closePool, createPool, gradeExercise } from './run-exercise.ts';

const course = loadCourse();

describe('gradeCourse', { timeout: 60_000 }, () => {
  it('an unknown exercise id is a clear error that lists the valid ids', async () => {
    await expect(gradeCourse(course, { ids: ['sched-taints', 'nope'] })).rejects.toThrow(/unknown exercise id: nope\nvalid ids: store-mvcc, /);
    expect(() => selectExercises(course, ['x', 'y'])).toThrow(UnknownExerciseError);
  });

  it('selects exercises in course order whatever order the ids are given in', () => {
    const all = selectExercises(course).map((x) => x.exercise.id);
    const picked = selectExercises(course, ['sched-taints', 'store-mvcc']).map((x) => x.exercise.id);
    expect(picked).toEqual(all.filter((id) => id === 'sched-taints' || id === 'store-mvcc'));
  });

  it('reports in course order, an exercise without a test file as an error, and sums the points', async () => {
    // a copy of the course where the exercise before sched-taints has no test file
    const copy = structuredClone(course) as Course;
    const chapter = copy.chapters.find((c) => c.exercises.some((e) => e.id === 'sched-taints'))!;
    const i = chapter.exercises.findIndex((e) => e.id === 'sched-taints');
    const other = chapter.exercises[i === 0 ? 1 : i - 1]!;
    other.test = 'grader/tests/not-written-yet.ts';
    const finished: string[] = [];
    const report = await gradeCourse(copy, { ids: ['sched-taints', other.id], against: 'solution', onExercise: (r) => finished.push(r.id) });
    expect(report.exercises.map((r) => r.id)).toEqual(selectExercises(copy, ['sched-taints', other.id]).map((x) => x.exercise.id));
    expect(finished.sort()).toEqual(['sched-taints', other.id].sort());
    const byId = Object.fromEntries(report.exercises.map((r) => [r.id, r]));
    expect(byId[other.id]).toMatchObject({ status: 'error', pointsEarned: 0 });
    expect(byId[other.id]!.loadError).toMatch(/no test file/);
    expect(byId['sched-taints']).toMatchObject({ status: 'pass' });
    expect(report).toMatchObject({ course: 'tinykube', tampered: [], points: byId['sched-taints']!.points, maxPoints: byId['sched-taints']!.points + other.points });
  });
});

describe('reusing children between exercises', { timeout: 60_000 }, () => {
  it('a child that passed an exercise grades the next one (its own test file and file); one that failed is not reused', async () => {
    const pick = (id: string) => selectExercises(course, [id])[0]!;
    const taints = pick('sched-taints');
    const other = selectExercises(course).find((x) => x.exercise.id !== 'sched-taints')!;
    const pool = createPool();
    try {
      expect((await gradeExercise(taints.exercise, taints.chapter, { against: 'solution', pool })).status).toBe('pass');
      expect(pool.idle.length).toBe(1);
      const second = await gradeExercise(other.exercise, other.chapter, { against: 'solution', pool });
      expect(second).toMatchObject({ id: other.exercise.id, status: 'pass' });
      expect(pool.idle.length).toBe(1);
      const stub = await gradeExercise(taints.exercise, taints.chapter, { pool });
      expect(stub).toMatchObject({ status: 'fail', file: taints.exercise.learner });
      expect(pool.idle.length).toBe(0);
    } finally {
      closePool(pool);
    }
  });
});
