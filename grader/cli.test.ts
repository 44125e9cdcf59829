import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './course.ts';
import { checkManifest } from './manifest.ts';
import { main, type CliIo } from './cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'tinykube-grade-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function io(extra: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (s) => out.push(s), err: (s) => err.push(s), env: {}, cwd: tmp, isTTY: false, checkManifest: () => [], ...extra };
  return { io: value, out, err };
}

describe('npm run grade (end to end)', { timeout: 60_000 }, () => {
  it('grading one exercise against its solution exits 0 (2 when grader files are edited) and writes results.json', () => {
    const json = join(tmp, 'e2e', 'results.json');
    const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
    const run = spawnSync(tsx, ['grader/cli.ts', 'sched-taints', '--against', 'solution', '--json', json], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    // the checksum manifest is only up to date at a commit: an edited engine makes the run untrusted
    const expected = checkManifest(repoRoot).length === 0 ? 0 : 2;
    expect({ status: run.status, stderr: expected === 0 ? run.stderr : '' }).toEqual({ status: expected, stderr: '' });
    const results = JSON.parse(readFileSync(json, 'utf8')) as { version: number; status: string; points: number; max_points: number; tests: { status: string }[] };
    expect(results).toMatchObject({ version: 3, status: 'pass', points: 10, max_points: 10 });
    expect(results.tests.length).toBeGreaterThan(1);
    expect(run.stdout).toMatch(/sched-taints/);
  });
});

describe('grader CLI (in process)', { timeout: 60_000 }, () => {
  it('an unknown exercise id is a usage error (exit 2) that lists the valid ids', async () => {
    const t = io();
    expect(await main(['sched-nope'], t.io)).toBe(2);
    expect(t.err.join('\n')).toMatch(/unknown exercise id: sched-nope\nvalid ids: .*sched-taints/);
  });

  it('a bad option value is a usage error (exit 2) with the usage text', async () => {
    const t = io();
    expect(await main(['--against', 'teacher'], t.io)).toBe(2);
    expect(t.err.join('\n')).toMatch(/--against must be learner or solution[\s\S]*usage: npm run grade/);
    expect(await main(['--use', 'sched-taints'], t.io)).toBe(2);
  });

  it('edited grader files make the run untrusted: reported loudly, exit 2 even though everything passes', async () => {
    const t = io({ checkManifest: () => ['grader/tests/sched-taints.ts'] });
    expect(await main(['sched-taints', '--against', 'solution', '--json', join(tmp, 'untrusted.json')], t.io)).toBe(2);
    expect(t.err.join('\n')).toMatch(/UNTRUSTED RUN[\s\S]*grader\/tests\/sched-taints\.ts/);
    const results = JSON.parse(readFileSync(join(tmp, 'untrusted.json'), 'utf8')) as { status: string; tampered: string[] };
    expect(results).toMatchObject({ status: 'pass', tampered: ['grader/tests/sched-taints.ts'] });
  });

  it('--ci writes results.json and junit.xml to --out, the step summary, and a Points notice; a failing stub exits 1', async () => {
    const summary = join(tmp, 'summary.md');
    const out = join(tmp, 'ci');
    const t = io({ env: { GITHUB_STEP_SUMMARY: summary } });
    expect(await main(['sched-taints', '--ci', '--out', out], t.io)).toBe(1);
    expect(existsSync(join(out, 'results.json'))).toBe(true);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toMatch(/<testsuites/);
    expect(readFileSync(summary, 'utf8')).toMatch(/sched-taints/);
    expect(t.out.join('\n')).toMatch(/::notice title=Autograding complete::Points 0\/10/);
  });
});
