/**
 * Build-time access to the course for the site: reads course.yaml (the single source of the
 * chapters and exercises) and finds, for each part, the engine file that declares its interface.
 * Used by config.ts (sidebar), course.data.ts (components) and exercises/[id].paths.ts (pages).
 * Node-only: runs in VitePress's build, never in the browser.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCourse as loadCheckedCourse, type Chapter, type Course, type Exercise } from '../../grader/course.ts';

/** The repository root (docs/.vitepress/ → ../..). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const courseFile = join(repoRoot, 'course.yaml');
export const partsFile = join(repoRoot, 'engine/cluster/parts.ts');

export type { Chapter, Course, Exercise };

/** The course as the grader reads it: parsed and checked against course.schema.json. */
export function loadCourse(): Course {
  return loadCheckedCourse(courseFile);
}

/** Every exercise with the chapter it belongs to, in course order. */
export function allExercises(course: Course): { chapter: Chapter; exercise: Exercise }[] {
  return course.chapters.flatMap((chapter) => chapter.exercises.map((exercise) => ({ chapter, exercise })));
}

// ---- finding a part's interface -------------------------------------------------------------

export interface PartInterface {
  /** The type named for the part in engine/cluster/parts.ts, e.g. `FitPart`. */
  typeName: string;
  /** Repo-relative path of the file that declares it, e.g. `engine/scheduler/parts.ts`. */
  file: string;
  /** The declaration's source text (with its doc comment), cut from the file at build time. */
  declaration: string;
  /** The part's one-line summary: its doc comment in engine/cluster/parts.ts. */
  summary: string;
}

function read(file: string): string {
  return readFileSync(file, 'utf8');
}

function resolveModule(fromFile: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function declares(source: string, name: string): boolean {
  return new RegExp(`export\\s+(?:declare\\s+)?(?:interface|type|class|function|const)\\s+${name}\\b`).test(source);
}

/** Follows imports and re-exports from `file` to the file that declares `name`. */
function findDeclaringFile(file: string, name: string, seen = new Set<string>()): string | undefined {
  if (seen.has(file)) return undefined;
  seen.add(file);
  const source = read(file);
  if (declares(source, name)) return file;
  const named = /(?:import|export)\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g;
  for (const m of source.matchAll(named)) {
    const names = m[1]!.split(',').map((n) => n.trim().replace(/^type\s+/, ''));
    const hit = names.find((n) => n === name || n.startsWith(`${name} as `) || n.endsWith(` as ${name}`));
    if (!hit) continue;
    const original = hit.includes(' as ') ? (hit.endsWith(` as ${name}`) ? hit.split(' as ')[0]!.trim() : name) : name;
    const target = resolveModule(file, m[2]!);
    const found = target && findDeclaringFile(target, original, seen);
    if (found) return found;
  }
  for (const m of source.matchAll(/export\s+(?:type\s+)?\*\s+from\s+'([^']+)'/g)) {
    const target = resolveModule(file, m[1]!);
    const found = target && findDeclaringFile(target, name, seen);
    if (found) return found;
  }
  return undefined;
}

/** Cuts `export interface|type name …` with its preceding doc comment out of `source`. */
function cutDeclaration(source: string, name: string): string {
  const start = source.search(new RegExp(`^export\\s+(?:interface|type)\\s+${name}\\b`, 'm'));
  if (start < 0) return '';
  let from = start;
  const before = source.slice(0, start).trimEnd();
  if (before.endsWith('*/')) {
    const open = before.lastIndexOf('/**');
    if (open >= 0) from = open;
  }
  const isInterface = /^export\s+interface/.test(source.slice(start, start + 40));
  let depth = 0;
  let i = start;
  while (i < source.length) {
    const c = source[i]!;
    const two = source.slice(i, i + 2);
    if (two === '/*') {
      const close = source.indexOf('*/', i + 2);
      i = close < 0 ? source.length : close + 2;
      continue;
    }
    if (two === '//') {
      const nl = source.indexOf('\n', i);
      i = nl < 0 ? source.length : nl;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      i = j + 1;
      continue;
    }
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') {
      depth--;
      if (depth === 0 && c === '}' && isInterface) {
        i++;
        break;
      }
    } else if (c === ';' && depth === 0 && !isInterface) {
      i++;
      break;
    }
    i++;
  }
  return source.slice(from, i).trim();
}

let partCache: Map<string, PartInterface> | undefined;

/** For every part id in engine/cluster/parts.ts, the file and declaration of its interface. */
export function partInterfaces(): Map<string, PartInterface> {
  if (partCache) return partCache;
  const result = new Map<string, PartInterface>();
  const source = read(partsFile);
  const body = source.slice(source.indexOf('export interface Parts'));
  for (const m of body.matchAll(/(?:\/\*\*((?:[^*]|\*(?!\/))*)\*\/\s*)?^\s*'([a-z]+\.[a-z-]+)':\s*([A-Za-z0-9_]+)(?:\['([^']+)'\])?;/gm)) {
    const [, doc, partId, typeName, indexKey] = m as unknown as [string, string | undefined, string, string, string | undefined];
    const summary = (doc ?? '').split('\n').map((l) => l.replace(/^\s*\*?\s?/, '')).join(' ').replace(/\s+/g, ' ').trim();
    let file = findDeclaringFile(partsFile, typeName!);
    let name = typeName!;
    if (file && indexKey) {
      // e.g. KubeletParts['kubelet.sync']: look up the property's type in KubeletParts' file.
      const prop = read(file).match(new RegExp(`'${indexKey.replace('.', '\\.')}':\\s*([A-Za-z0-9_]+)`));
      if (prop) {
        name = prop[1]!;
        file = findDeclaringFile(file, name);
      }
    }
    if (!file) continue;
    const text = read(file);
    const declaration = cutDeclaration(text, name);
    // A factory or function type says little by itself: add the interfaces of the same file it
    // names (e.g. `KeyIndexFactory = (key) => KeyIndex` brings `interface KeyIndex`).
    const named = [...new Set(declaration.replace(/\/\*[\s\S]*?\*\//g, '').match(/\b[A-Z][A-Za-z0-9]+\b/g) ?? [])]
      .filter((n) => n !== name && new RegExp(`^export\\s+interface\\s+${n}\\b`, 'm').test(text));
    result.set(partId!, {
      typeName: name,
      file: relative(repoRoot, file),
      declaration: [declaration, ...named.map((n) => cutDeclaration(text, n))].join('\n\n'),
      summary,
    });
  }
  partCache = result;
  return result;
}
