/**
 * Build-time data loader: the course as the site's components need it (CourseMap,
 * ChapterExercises), read from course.yaml. Import it as
 * `import { data } from '../course.data.ts'`; VitePress runs `load` in Node and ships only the
 * returned JSON to the browser.
 */
import { defineLoader } from 'vitepress';
import { loadCourse, partInterfaces } from './course.ts';

export interface ExerciseSummary {
  id: string;
  title: string;
  part: string;
  /** The part's one-line summary (its doc comment in engine/cluster/parts.ts). */
  summary: string;
  learner: string;
  solution: string;
  /** Repo path of the engine file that declares the part's interface ('' if not found). */
  interfaceFile: string;
  /** The interface's type name, e.g. `FitPart`. */
  interfaceType: string;
  points: number;
  difficulty: 'easy' | 'medium' | 'hard';
  prerequisites: string[];
}

export interface ChapterSummary {
  id: string;
  title: string;
  component: string;
  doc: string;
  objectives: string[];
  exercises: ExerciseSummary[];
  points: number;
}

export interface CourseData {
  title: string;
  chapters: ChapterSummary[];
  exerciseCount: number;
  points: number;
}

declare const data: CourseData;
export { data };

export default defineLoader({
  watch: ['../../course.yaml', '../../engine/cluster/parts.ts'],
  load(): CourseData {
    const course = loadCourse();
    const parts = partInterfaces();
    const chapters = course.chapters.map((c) => {
      const exercises = c.exercises.map((e) => ({
        id: e.id,
        title: e.title,
        part: e.part,
        summary: parts.get(e.part)?.summary ?? '',
        learner: e.learner,
        solution: e.solution,
        interfaceFile: parts.get(e.part)?.file ?? '',
        interfaceType: parts.get(e.part)?.typeName ?? '',
        points: e.points,
        difficulty: e.difficulty,
        prerequisites: e.prerequisites ?? [],
      }));
      return {
        id: c.id,
        title: c.title,
        component: c.component,
        doc: c.doc,
        objectives: c.objectives,
        exercises,
        points: exercises.reduce((sum, e) => sum + e.points, 0),
      };
    });
    return {
      title: course.course.title,
      chapters,
      exerciseCount: chapters.reduce((n, c) => n + c.exercises.length, 0),
      points: chapters.reduce((n, c) => n + c.points, 0),
    };
  },
});
