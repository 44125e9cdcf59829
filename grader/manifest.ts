/**
 * The grader's checksum manifest (grader/manifest.json): the sha256 of every file the grader
 * trusts — its own code and tests, the engine, the reference solutions, the course and the
 * toolchain config. A learner edits exercises/ only; like MIT 6.5840's graders, the course owns
 * the tests. checkManifest tells a run whether any trusted file was modified, removed or ADDED
 * (a new file under engine/ could be imported by the engine), so the runner can mark the run
 * untrusted; student CI goes further and restores these paths from the course's repository.
 *
 * Hashes are of the content with CRLF normalised to LF, so a Windows checkout with
 * core.autocrlf does not look tampered.
 *
 *   npx tsx grader/manifest.ts           rewrite grader/manifest.json (npm run grade:manifest)
 *   npx tsx grader/manifest.ts --check   print the problems, exit 1 if any
 *   npx tsx grader/manifest.ts --paths   print TRUSTED_PATHS, one a line
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Files and folders the grader trusts, relative to the repo root. Not exercises/ (the learner's)
 * nor docs/. The one list: the manifest, `--paths` and student CI (which reads it from the
 * course's grader/manifest.json) all use it.
 */
export const TRUSTED_PATHS: readonly string[] = [
  '.github/workflows/grade.yml',
  'course.schema.json',
  'course.yaml',
  'engine',
  'grader',
  'package-lock.json',
  'package.json',
  'solutions',
  'tsconfig.json',
  'vitest.config.ts',
];

export const MANIFEST_PATH = 'grader/manifest.json';

/** Never hashed: the manifest itself, and files no tool reads (editor and OS litter). */
const IGNORED_NAMES = new Set(['.DS_Store', 'Thumbs.db', 'node_modules']);

export interface ManifestFile {
  comment: string;
  algorithm: 'sha256';
  /** TRUSTED_PATHS when the manifest was written (student CI restores these). */
  paths: string[];
  /** Path (posix, relative to the repo root) → hex sha256, sorted by path. */
  files: Record<string, string>;
}

function posix(p: string): string {
  return p.split(sep).join('/');
}

function hashFile(path: string): string {
  const bytes = readFileSync(path);
  // CRLF → LF (byte-wise; UTF-8 never uses 0x0D/0x0A inside a multi-byte sequence).
  const text = bytes.includes(0x0d) ? Buffer.from(bytes.toString('latin1').replace(/\r\n/g, '\n'), 'latin1') : bytes;
  return createHash('sha256').update(text).digest('hex');
}

function walk(root: string, rel: string, out: string[]): void {
  const abs = join(root, rel);
  if (!existsSync(abs)) return;
  const st = statSync(abs);
  if (st.isFile()) {
    if (rel !== MANIFEST_PATH) out.push(posix(rel));
    return;
  }
  if (!st.isDirectory()) return;
  for (const name of readdirSync(abs).sort()) {
    if (IGNORED_NAMES.has(name)) continue;
    walk(root, join(rel, name), out);
  }
}

/** Every trusted file under `root` with its sha256, keys sorted. */
export function computeManifest(root: string): Record<string, string> {
  const files: string[] = [];
  for (const p of TRUSTED_PATHS) walk(root, p, files);
  files.sort();
  const out: Record<string, string> = {};
  for (const f of files) out[f] = hashFile(join(root, f));
  return out;
}

/** The manifest file's text: stable (sorted keys, two-space indent, final newline). */
export function manifestText(files: Record<string, string>): string {
  const sorted: Record<string, string> = {};
  for (const k of Object.keys(files).sort()) sorted[k] = files[k]!;
  const doc: ManifestFile = {
    comment: 'sha256 of every file the grader trusts. Generated: run `npm run grade:manifest` after changing the course.',
    algorithm: 'sha256',
    paths: [...TRUSTED_PATHS],
    files: sorted,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

export function writeManifest(root: string): void {
  writeFileSync(join(root, MANIFEST_PATH), manifestText(computeManifest(root)));
}

/** The manifest as committed, or a problem explaining why it cannot be read. */
export function readManifest(root: string): ManifestFile | string {
  const path = join(root, MANIFEST_PATH);
  if (!existsSync(path)) return `${MANIFEST_PATH} is missing`;
  try {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as Partial<ManifestFile>;
    if (!doc || typeof doc.files !== 'object' || doc.files === null) return `${MANIFEST_PATH} has no "files" object`;
    return doc as ManifestFile;
  } catch (err) {
    return `${MANIFEST_PATH} is not valid JSON: ${(err as Error).message}`;
  }
}

/**
 * Readable problems, [] when every trusted file matches: "grader/tests/sched-fit.ts was
 * modified", "… is missing", "… is not in the manifest" (an added file).
 */
export function checkManifest(root: string): string[] {
  const manifest = readManifest(root);
  if (typeof manifest === 'string') return [manifest];
  const actual = computeManifest(root);
  const problems: string[] = [];
  const paths = new Set([...Object.keys(manifest.files), ...Object.keys(actual)]);
  for (const p of [...paths].sort()) {
    const want = manifest.files[p];
    const got = actual[p];
    if (want === undefined) problems.push(`${p} is not in the manifest`);
    else if (got === undefined) problems.push(`${p} is missing`);
    else if (want !== got) problems.push(`${p} was modified`);
  }
  return problems;
}

function main(argv: string[]): number {
  const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
  if (argv.includes('--paths')) {
    process.stdout.write(TRUSTED_PATHS.join('\n') + '\n');
    return 0;
  }
  if (argv.includes('--check')) {
    const problems = checkManifest(root);
    for (const p of problems) console.log(p);
    if (problems.length > 0) console.log(`${problems.length} problem(s): run \`npm run grade:manifest\` if the change is intended.`);
    return problems.length > 0 ? 1 : 0;
  }
  const files = computeManifest(root);
  writeFileSync(join(root, MANIFEST_PATH), manifestText(files));
  console.log(`wrote ${MANIFEST_PATH}: ${Object.keys(files).length} files under ${TRUSTED_PATHS.join(', ')}`);
  return 0;
}

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === '') process.exit(main(process.argv.slice(2)));
