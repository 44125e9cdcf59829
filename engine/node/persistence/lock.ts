/**
 * One process per data directory. Two stores appending to the same log would interleave frames
 * and destroy it, so opening a directory takes a lock file, `LOCK`, holding the owner's pid.
 *
 *  - Taking it: the pid is written to a private temporary file which is then hard-linked to
 *    `LOCK`; link() fails if `LOCK` exists, so the lock appears atomically, already holding its pid
 *    (no window where another process could read an empty LOCK and think it stale).
 *  - A stale lock (its pid is not a running process: the owner was killed) is taken over: it is
 *    renamed aside — only one contender's rename can succeed — and the link is retried.
 *  - Releasing it (close) removes `LOCK` if it still holds our pid.
 *
 * Limits, stated plainly: a pid is only meaningful on this host (do not share a data directory
 * over NFS), and if the dead owner's pid has been reused by an unrelated live process the lock
 * looks held — remove `LOCK` by hand after checking. etcd takes an advisory lock of the kernel
 * on its WAL files instead (client/pkg/fileutil TryLockFile: fcntl/flock), which the kernel drops
 * when the process dies; Node's fs has no such lock, hence the pid file.
 */
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PersistenceError } from './errors.ts';
import { isCode } from './fs-util.ts';

export const LOCK_FILE = 'LOCK';

export interface DirLock {
  readonly path: string;
  release(): Promise<void>;
}

/** True when a process with this pid exists (EPERM: it exists but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return isCode(err, 'EPERM');
  }
}

async function readOwner(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(path, 'utf8')).trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch (err) {
    if (isCode(err, 'ENOENT')) return undefined;
    throw err;
  }
}

export async function acquireDirLock(dir: string): Promise<DirLock> {
  const path = join(dir, LOCK_FILE);
  const tmp = join(dir, `${LOCK_FILE}.${process.pid}.tmp`);
  await writeFile(tmp, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await link(tmp, path);
        return { path, release: () => releaseLock(path) };
      } catch (err) {
        if (!isCode(err, 'EEXIST')) throw err;
      }
      const owner = await readOwner(path);
      if (owner !== undefined && isProcessAlive(owner)) {
        const who = owner === process.pid ? 'this process (open it only once, or close it first)' : `process ${owner}`;
        throw new PersistenceError('Locked', `data directory ${dir} is in use by ${who}; if that is wrong, remove ${path}`);
      }
      // Stale (owner dead, or LOCK unreadable): move it aside and try again.
      const aside = join(dir, `${LOCK_FILE}.stale.${process.pid}`);
      try {
        await rename(path, aside);
        await unlink(aside);
      } catch (err) {
        if (!isCode(err, 'ENOENT')) throw err;
      }
    }
    throw new PersistenceError('Locked', `data directory ${dir}: could not take ${path} (other processes keep taking it)`);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

async function releaseLock(path: string): Promise<void> {
  if ((await readOwner(path)) === process.pid) await unlink(path).catch(() => undefined);
}
