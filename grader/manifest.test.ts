import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkManifest, computeManifest, MANIFEST_PATH, TRUSTED_PATHS, writeManifest } from './manifest.ts';

let root: string;

function put(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tinykube-manifest-'));
  put('course.yaml', 'formatVersion: 1\n');
  put('package.json', '{}\n');
  put('engine/scheduler/fit.ts', 'export const fit = 1;\n');
  put('grader/tests/sched-fit.ts', 'export default {};\n');
  put('solutions/scheduler/fit.ts', 'export const x = 1;\n');
  put('exercises/scheduler/fit.ts', 'export const x = 0;\n');
  put('docs/index.md', '# docs\n');
  writeManifest(root);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the checksum manifest', () => {
  it('is clean right after it is written', () => {
    expect(checkManifest(root)).toEqual([]);
  });

  it('hashes the trusted folders but not exercises/, docs/ or itself', () => {
    const files = Object.keys(computeManifest(root));
    expect(files).toEqual([
      'course.yaml',
      'engine/scheduler/fit.ts',
      'grader/tests/sched-fit.ts',
      'package.json',
      'solutions/scheduler/fit.ts',
    ]);
    expect(files).not.toContain(MANIFEST_PATH);
  });

  it('is stable JSON with sorted keys and the trusted paths', () => {
    const text = readFileSync(join(root, MANIFEST_PATH), 'utf8');
    writeManifest(root);
    expect(readFileSync(join(root, MANIFEST_PATH), 'utf8')).toBe(text);
    const doc = JSON.parse(text) as { paths: string[]; files: Record<string, string> };
    expect(Object.keys(doc.files)).toEqual(Object.keys(doc.files).sort());
    expect(doc.paths).toEqual([...TRUSTED_PATHS]);
    expect(doc.files['course.yaml']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports an edited test file as modified', () => {
    put('grader/tests/sched-fit.ts', 'export default { cases: [] };\n');
    expect(checkManifest(root)).toEqual(['grader/tests/sched-fit.ts was modified']);
  });

  it('reports a deleted file as missing and an added engine file as not in the manifest', () => {
    rmSync(join(root, 'solutions/scheduler/fit.ts'));
    put('engine/scheduler/sneaky.ts', 'export const pass = true;\n');
    expect(checkManifest(root)).toEqual(['engine/scheduler/sneaky.ts is not in the manifest', 'solutions/scheduler/fit.ts is missing']);
  });

  it("ignores the learner's exercises and the docs", () => {
    put('exercises/scheduler/fit.ts', 'export const x = 42;\n');
    put('exercises/scheduler/helper.ts', 'export {};\n');
    put('docs/index.md', '# changed\n');
    expect(checkManifest(root)).toEqual([]);
  });

  it('treats a CRLF checkout of the same text as unchanged', () => {
    put('engine/scheduler/fit.ts', 'export const fit = 1;\r\n');
    expect(checkManifest(root)).toEqual([]);
  });

  it('says so when the manifest itself is missing or broken', () => {
    rmSync(join(root, MANIFEST_PATH));
    expect(checkManifest(root)).toEqual([`${MANIFEST_PATH} is missing`]);
    put(MANIFEST_PATH, '{ not json');
    expect(checkManifest(root)[0]).toMatch(/is not valid JSON/);
  });
});

describe('student CI (.github/workflows/grade.yml)', () => {
  const workflow = readFileSync(join(import.meta.dirname, '..', '.github', 'workflows', 'grade.yml'), 'utf8');

  it("restores the paths listed in the course's own manifest, then grades with --ci", () => {
    expect(workflow).toContain('git show FETCH_HEAD:grader/manifest.json');
    expect(workflow).toContain('.paths');
    expect(workflow).toContain('git checkout FETCH_HEAD -- "$p"');
    expect(workflow).toContain('npm run grade -- --ci');
  });

  it('is itself one of the trusted paths', () => {
    expect(TRUSTED_PATHS).toContain('.github/workflows/grade.yml');
  });
});
