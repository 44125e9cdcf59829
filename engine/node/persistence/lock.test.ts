import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile, access } from 'node:fs/promises';
import { join } from 'node:path';
import { acquireDirLock, isProcessAlive, LOCK_FILE } from './lock.ts';
import { isPersistenceError } from './errors.ts';
import { tempDir } from './test-helpers.ts';

/** The pid of a process that has already exited. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  if (pid === undefined || isProcessAlive(pid)) throw new Error('could not get a dead pid');
  return pid;
}

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('data directory lock', () => {
  it('writes LOCK with the owner pid and removes it on release', async () => {
    const lock = await acquireDirLock(dir);
    expect((await readFile(join(dir, LOCK_FILE), 'utf8')).trim()).toBe(String(process.pid));
    await lock.release();
    await expect(access(join(dir, LOCK_FILE))).rejects.toThrow();
  });

  it('refuses a directory locked by a live process, naming it', async () => {
    const lock = await acquireDirLock(dir);
    const err = await acquireDirLock(dir).catch((e: unknown) => e);
    expect(isPersistenceError(err, 'Locked')).toBe(true);
    expect(String(err)).toMatch(/in use by this process/);
    await lock.release();
    await (await acquireDirLock(dir)).release();
  });

  it('takes over a stale lock left by a killed process', async () => {
    const pid = deadPid();
    await writeFile(join(dir, LOCK_FILE), `${pid}\n`);
    const lock = await acquireDirLock(dir);
    expect((await readFile(join(dir, LOCK_FILE), 'utf8')).trim()).toBe(String(process.pid));
    await lock.release();
  });

  it('takes over an unreadable (empty) lock file', async () => {
    await writeFile(join(dir, LOCK_FILE), '');
    await (await acquireDirLock(dir)).release();
  });

  it('release leaves a lock that another process has taken alone', async () => {
    const lock = await acquireDirLock(dir);
    await writeFile(join(dir, LOCK_FILE), '1\n'); // pid 1 is always alive
    await lock.release();
    expect((await readFile(join(dir, LOCK_FILE), 'utf8')).trim()).toBe('1');
  });
});
