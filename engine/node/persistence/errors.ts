/**
 * Failures of the on-disk store that the caller cannot repair by retrying: the data directory is
 * in use by another process, the log is damaged somewhere a crash cannot explain, or the backend
 * was closed. (A torn log TAIL is not an error: it is cut and reported as a warning.)
 *
 * etcd stops in the same situations: `wal: crc mismatch` / `wal: file not found` in
 * server/storage/wal/wal.go, and "another etcd process is using the data dir" from its file lock.
 */
export type PersistenceErrorCode =
  /** Another live process holds the directory's LOCK file. */
  | 'Locked'
  /** Damage that cannot be a torn write: records in the middle of the log are unreadable or missing. */
  | 'Corrupt'
  /** append/saveSnapshot after close(), or after an earlier write failed. */
  | 'Closed';

export class PersistenceError extends Error {
  constructor(
    readonly code: PersistenceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PersistenceError';
  }
}

export function isPersistenceError(err: unknown, code?: PersistenceErrorCode): err is PersistenceError {
  return err instanceof PersistenceError && (code === undefined || err.code === code);
}
