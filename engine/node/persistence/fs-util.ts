/**
 * The few file-system steps whose order matters for crash safety.
 */
import { writeSync } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';

/**
 * Makes a directory's entries (a created, renamed or deleted file name) durable. POSIX says an
 * fsync of a file does not persist its name; Linux needs an fsync of the directory too. Windows
 * cannot open a directory for this, and does not need it.
 */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    if (!isCode(err, 'EISDIR', 'EPERM', 'EACCES', 'EINVAL')) throw err;
  } finally {
    await handle?.close();
  }
}

/** Writes every byte of `data` at `position` (a single write may be short). */
export async function writeFully(handle: FileHandle, data: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await handle.write(data, done, data.length - done, position + done);
    done += bytesWritten;
  }
}

/**
 * Synchronous variant for the log's hot path. A write() into the page cache takes microseconds;
 * doing it synchronously skips the thread-pool round trip of the async API (about 30x more
 * appends per second here, see bench/persistence.ts) and makes "append resolved ⇒ write()
 * returned" hold by construction. The slow part, fsync, stays asynchronous.
 */
export function writeFullySync(fd: number, data: Uint8Array, position: number): void {
  let done = 0;
  while (done < data.length) done += writeSync(fd, data, done, data.length - done, position + done);
}

/**
 * Replaces `path` with `data` so that after a crash the file is either entirely the old one (or
 * absent) or entirely the new one: write a temporary file, fsync it, rename it over the target
 * (atomic on POSIX), fsync the directory.
 */
export async function writeFileAtomic(dir: string, path: string, data: Uint8Array): Promise<void> {
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await writeFully(handle, data, 0);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await handle.close();
  await rename(tmp, path);
  await fsyncDir(dir);
}

export function isCode(err: unknown, ...codes: string[]): boolean {
  return typeof err === 'object' && err !== null && codes.includes((err as { code?: string }).code ?? '');
}
