/**
 * The `tinykube` command as a user runs it (bin/tinykube.mjs through tsx, from another directory):
 * help, usage errors with exit code 2, and no cluster started for either.
 */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'tinykube.mjs');
const tinykube = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: tmpdir(), encoding: 'utf8', timeout: 30_000 });

describe('the tinykube command', () => {
  it('prints its commands with --help and exits 0, from any directory', () => {
    const r = tinykube('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: tinykube <command>/);
    expect(r.stdout).toMatch(/^ {2}up /m);
  });

  it('prints every option of up with `up --help`', () => {
    const r = tinykube('up', '--help');
    expect(r.status).toBe(0);
    for (const flag of ['--port', '--nodes', '--data-dir', '--speed', '--parts', '--insecure', '--address', '--etcd']) expect(r.stdout).toContain(flag);
  });

  it('exits 2 with a clear message for an unknown command or a bad option', () => {
    const unknown = tinykube('down');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "down"/);
    const bad = tinykube('up', '--speed', 'fast');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--speed must be a number above 0/);
  });
});
