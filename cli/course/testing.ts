/** Test helpers: a small course and results for the runner's tests (not a test file itself). */
import type { Chapter, Course, Exercise } from '../../grader/course.ts';
import type { CaseResult, ExerciseResult } from '../../grader/results.ts';

function exercise(id: string, extra: Partial<Exercise> = {}): Exercise {
  return {
    id,
    title: `Title of ${id}`,
    part: `part.${id}`,
    learner: `exercises/${id}.ts`,
    solution: `solutions/${id}.ts`,
    suite: `engine/${id}-suite.ts`,
    test: `grader/tests/${id}.ts`,
    mutants: `grader/mutants/${id}.ts`,
    points: 10,
    difficulty: 'easy',
    timeLimitSeconds: 10,
    hints: [`first hint of ${id}`, `second hint of ${id}`],
    ...extra,
  };
}

export function smallCourse(): Course {
  return {
    formatVersion: 1,
    course: { id: 'tiny', title: 'Tiny course' },
    chapters: [
      {
        id: 'store',
        title: 'The store',
        component: 'etcd',
        doc: '/chapters/store',
        objectives: ['o'],
        exercises: [exercise('a1'), exercise('a2', { prerequisites: ['a1'], points: 5 })],
      },
      {
        id: 'sched',
        title: 'The scheduler',
        component: 'kube-scheduler',
        doc: '/chapters/sched',
        objectives: ['o'],
        exercises: [exercise('b1', { hints: [] })],
      },
    ],
  };
}

export function caseResult(name: string, status: CaseResult['status'], extra: Partial<CaseResult> = {}): CaseResult {
  return { name, kind: 'cluster', status, durationMs: 1, ...extra };
}

export function resultFor(ex: Exercise, chapter: Chapter, cases: CaseResult[], loadError?: string): ExerciseResult {
  const status = loadError ? 'error' : cases.every((c) => c.status === 'pass') ? 'pass' : 'fail';
  return {
    id: ex.id,
    title: ex.title,
    chapter: chapter.id,
    part: ex.part,
    file: ex.learner,
    status,
    ...(loadError ? { loadError } : {}),
    points: ex.points,
    pointsEarned: status === 'pass' ? ex.points : 0,
    cases,
    durationMs: 5,
  };
}
