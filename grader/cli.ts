/**
 * `npm run grade`: grades the course (or some exercises) and reports.
 *
 *   npm run grade                                  every exercise, against exercises/ (the learner's files)
 *   npm run grade -- sched-fit store-txn           some exercises
 *   npm run grade -- --against solution            against solutions/ (the course's self-test)
 *   npm run grade -- --use sched-fit=my/fit.ts     grade another file for one exercise
 *   npm run grade -- --json out.json --junit junit.xml
 *   npm run grade -- --ci [--out dir]              CI: results.json + junit.xml in dir (default: cwd),
 *                                                  $GITHUB_STEP_SUMMARY and a `::notice` with the points
 *
 * results.json is always written: to --json, or with --ci to <out>/results.json, else to
 * .tinykube/results.json (the last run, for tools that want it).
 *
 * The grader's own files are checked against the checksum manifest first: an edited test file is
 * reported loudly and the run is untrusted — exit code 2 even if everything passes.
 * Exit codes: 0 every exercise passes; 1 some fail; 2 untrusted run or a usage error.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CourseError, loadCourse, repoRoot } from './course.ts';
import { gradeCourse, UnknownExerciseError } from './grade-course.ts';
import { checkManifest } from './manifest.ts';
import { formatExerciseResult, formatSummary, pointsNotice, toJunitXml, toResultsJson, toStepSummary } from './report/index.ts';
import type { GradeReport } from './results.ts';

export const EXIT = { pass: 0, fail: 1, untrusted: 2, usage: 2 } as const;

const USAGE = `usage: npm run grade -- [exercise-id ...] [options]

  --against learner|solution   grade the learner's files (default) or the reference solutions
  --use <id>=<file>            grade <file> for exercise <id> (repeatable)
  --json <path>                write results.json there (default: .tinykube/results.json)
  --junit <path>               also write JUnit XML
  --ci                         CI mode: results.json and junit.xml in --out (default: the current
                               directory), a step summary in $GITHUB_STEP_SUMMARY, a ::notice line
  --out <dir>                  where --ci writes its files
  --concurrency <n>            exercises graded at the same time (default: min(2, cores))
  --color / --no-color         colours (default: when stdout is a terminal)
  -h, --help                   this text

exit code: 0 all pass, 1 some fail, 2 untrusted run (grader files edited) or usage error`;

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  isTTY: boolean;
  /** Replaces the checksum manifest check (tests). */
  checkManifest?: (root: string) => string[];
}

/** Runs the grader CLI; returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        against: { type: 'string' },
        use: { type: 'string', multiple: true },
        json: { type: 'string' },
        junit: { type: 'string' },
        ci: { type: 'boolean' },
        out: { type: 'string' },
        concurrency: { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values: v, positionals: ids } = parsed;
  if (v.help) {
    io.out(USAGE);
    return EXIT.pass;
  }
  const usage = (msg: string) => {
    io.err(`${msg}\n\n${USAGE}`);
    return EXIT.usage;
  };
  if (v.against !== undefined && v.against !== 'learner' && v.against !== 'solution') return usage(`--against must be learner or solution, not "${v.against}"`);
  const use: Record<string, string> = {};
  for (const u of v.use ?? []) {
    const eq = u.indexOf('=');
    if (eq <= 0 || eq === u.length - 1) return usage(`--use needs <exercise-id>=<file>, got "${u}"`);
    const file = u.slice(eq + 1);
    use[u.slice(0, eq)] = isAbsolute(file) ? file : resolve(io.cwd, file);
  }
  const concurrency = v.concurrency === undefined ? undefined : Number(v.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) return usage(`--concurrency must be a positive integer`);
  const color = v['no-color'] ? false : v.color ? true : io.isTTY && !io.env.NO_COLOR;

  let course;
  try {
    course = loadCourse();
  } catch (err) {
    io.err(err instanceof CourseError ? err.message : String(err));
    return EXIT.usage;
  }

  const tampered = (io.checkManifest ?? checkManifest)(repoRoot);
  const untrustedBanner = [
    '!!! UNTRUSTED RUN: these grader files differ from the checksum manifest (grader/manifest.json):',
    ...tampered.map((f) => `!!!   ${f}`),
    '!!! The grader only trusts its pristine tests: restore them (see the course README) and grade again.',
  ].join('\n');
  if (tampered.length) io.err(untrustedBanner);

  let report: GradeReport;
  try {
    report = await gradeCourse(course, {
      ids,
      ...(v.against ? { against: v.against as 'learner' | 'solution' } : {}),
      use,
      ...(concurrency ? { concurrency } : {}),
      onExercise: (ex) => io.out(formatExerciseResult(ex, { color })),
    });
  } catch (err) {
    if (err instanceof UnknownExerciseError) return usage(err.message);
    throw err;
  }
  report.tampered = tampered;
  // every exercise was printed as it finished: end with the summary only
  io.out(`\n${formatSummary(report, { color })}`);

  const outDir = resolve(io.cwd, v.out ?? '.');
  const jsonPath = v.json !== undefined ? resolve(io.cwd, v.json) : v.ci ? join(outDir, 'results.json') : join(repoRoot, '.tinykube', 'results.json');
  write(jsonPath, `${JSON.stringify(toResultsJson(report), null, 2)}\n`);
  const junitPath = v.junit !== undefined ? resolve(io.cwd, v.junit) : v.ci ? join(outDir, 'junit.xml') : undefined;
  if (junitPath) write(junitPath, toJunitXml(report));
  if (v.ci) {
    const summary = io.env.GITHUB_STEP_SUMMARY;
    if (summary) appendFileSync(summary, toStepSummary(report));
    io.out(pointsNotice(report));
  }
  io.out(`results: ${jsonPath}${junitPath ? `, JUnit: ${junitPath}` : ''}`);

  if (tampered.length) {
    io.err('exit code 2: the run is untrusted (grader files were edited, see above), whatever the results say.');
    return EXIT.untrusted;
  }
  return report.exercises.every((e) => e.status === 'pass') ? EXIT.pass : EXIT.fail;
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(repoRoot, 'grader', 'cli.ts');
if (invokedDirectly) {
  main(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    env: process.env,
    cwd: process.env.INIT_CWD ?? process.cwd(), // npm run moves to the package root; paths are the user's
    isTTY: process.stdout.isTTY === true,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`grader failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = EXIT.usage;
    },
  );
}
