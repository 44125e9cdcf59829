/**
 * Grading time (issue 4's bench): the whole course against the solutions (cold: every exercise
 * in its own child process, min(2, cores) at a time), and one exercise as the watch-mode runner
 * grades it on save: cold (gradeExercise spawns a child that loads the engine and the test file,
 * then the graded file, then runs every case) and warm (watch mode: `prewarm` leaves a spare child
 * with the engine and test file loaded, so a save costs the graded file and the cases).
 * Targets: whole course ≤ 20 s, one exercise ≤ 1.5 s on 2 cores.
 */
import { loadCourse } from '../grader/course.ts';
import { gradeCourse } from '../grader/grade-course.ts';
import { disposeSpare, gradeExercise } from '../grader/run-exercise.ts';

const ONE = 'sched-taints';
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function run(): Promise<void> {
  const course = loadCourse();

  const t0 = performance.now();
  const report = await gradeCourse(course, { against: 'solution' });
  const whole = performance.now() - t0;
  const passed = report.exercises.filter((e) => e.status === 'pass').length;
  console.log(`whole course against solutions: ${secs(whole)} (${report.exercises.length} exercises, ${passed} pass, points ${report.points}/${report.maxPoints}; target ≤ 20 s)`);
  for (const e of report.exercises) {
    const cases = e.cases.length ? `${e.cases.filter((c) => c.status === 'pass').length}/${e.cases.length} cases` : (e.loadError ?? '').split('\n')[0];
    console.log(`  ${e.id.padEnd(18)} ${secs(e.durationMs).padStart(8)}  ${e.status.padEnd(5)} ${cases}`);
  }

  const chapter = course.chapters.find((c) => c.exercises.some((e) => e.id === ONE));
  const exercise = chapter?.exercises.find((e) => e.id === ONE);
  if (!chapter || !exercise) return;
  const median3 = async (prewarm: boolean) => {
    const times: number[] = [];
    if (prewarm) await gradeExercise(exercise, chapter, { against: 'solution', prewarm });
    for (let i = 0; i < 3; i++) {
      // in watch mode the learner types between saves: the spare has time to load
      if (prewarm) await new Promise((r) => setTimeout(r, 2_500));
      const t = performance.now();
      await gradeExercise(exercise, chapter, { against: 'solution', prewarm });
      times.push(performance.now() - t);
    }
    disposeSpare();
    times.sort((a, b) => a - b);
    return `median ${secs(times[1]!)} of 3 (min ${secs(times[0]!)}, max ${secs(times[2]!)})`;
  };
  console.log(`one exercise (${ONE}) cold, a fresh child: ${await median3(false)}`);
  console.log(`one exercise (${ONE}) save to verdict in watch mode (prewarmed spare): ${await median3(true)}; target ≤ 1.5 s`);
}
