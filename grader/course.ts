/**
 * course.yaml: the course as data. loadCourse parses it, checks it against course.schema.json
 * with ajv, then checks what a schema cannot: unique ids, prerequisites that exist and come
 * earlier, one exercise per part. Every mistake is reported with its path
 * (`chapters[2].exercises[0].points: must be integer`), all at once.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { parse } from 'yaml';

export interface Exercise {
  id: string;
  title: string;
  part: string;
  learner: string;
  solution: string;
  /** The shared cases beside the part's interface in engine/. */
  suite: string;
  /** The grader's pristine test file (grader/tests/<id>.ts). */
  test: string;
  /** The deliberate mistakes the self-check proves are caught (grader/mutants/<id>.ts). */
  mutants: string;
  points: number;
  difficulty: 'easy' | 'medium' | 'hard';
  prerequisites?: string[];
  timeLimitSeconds: number;
  hints: string[];
}

export interface Chapter {
  id: string;
  title: string;
  component: string;
  doc: string;
  objectives: string[];
  exercises: Exercise[];
}

export interface Course {
  formatVersion: 1;
  course: { id: string; title: string };
  chapters: Chapter[];
}

export class CourseError extends Error {
  constructor(readonly problems: string[]) {
    super(`course.yaml is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CourseError';
  }
}

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

const schema = JSON.parse(readFileSync(join(repoRoot, 'course.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile<Course>(schema);

/** `/chapters/2/exercises/0/points` → `chapters[2].exercises[0].points` */
function readablePath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : `.${seg.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('')
    .replace(/^\./, '');
}

/** Checks a parsed course document; throws CourseError listing every problem. */
export function checkCourse(doc: unknown): Course {
  if (!validate(doc)) {
    const problems = (validate.errors ?? []).map((e) => {
      const at = readablePath(e.instancePath) || '(top level)';
      const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : '';
      return `${at}: ${e.message ?? e.keyword}${extra}`;
    });
    throw new CourseError(problems);
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  const parts = new Map<string, string>();
  doc.chapters.forEach((ch, ci) => {
    ch.exercises.forEach((ex, ei) => {
      const at = `chapters[${ci}].exercises[${ei}]`;
      if (seen.has(ex.id)) problems.push(`${at}.id: duplicate exercise id "${ex.id}"`);
      for (const p of ex.prerequisites ?? []) {
        if (!seen.has(p)) problems.push(`${at}.prerequisites: "${p}" is not an earlier exercise`);
      }
      seen.add(ex.id);
      const other = parts.get(ex.part);
      if (other) problems.push(`${at}.part: "${ex.part}" is already the part of exercise "${other}"`);
      parts.set(ex.part, ex.id);
    });
  });
  const chapterIds = doc.chapters.map((c) => c.id);
  chapterIds.forEach((id, i) => {
    if (chapterIds.indexOf(id) !== i) problems.push(`chapters[${i}].id: duplicate chapter id "${id}"`);
  });
  if (problems.length) throw new CourseError(problems);
  return doc;
}

export function parseCourse(text: string): Course {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new CourseError([`not valid YAML: ${err instanceof Error ? err.message : String(err)}`]);
  }
  return checkCourse(doc);
}

export function loadCourse(path = join(repoRoot, 'course.yaml')): Course {
  return parseCourse(readFileSync(path, 'utf8'));
}

export function allExercises(course: Course): Exercise[] {
  return course.chapters.flatMap((c) => c.exercises);
}
