/** Shared by this folder's tests (not exported from index.ts). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WalRecord } from '../../store/backend.ts';

/** A fresh temporary directory, removed by the returned cleanup. */
export async function tempDir(prefix = 'tinykube-wal-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A txn record putting `key=value` at `revision`. */
export function putRecord(revision: number, key = `/k/${revision}`, value = `v${revision}`): WalRecord {
  return { type: 'txn', revision, ops: [{ op: 'put', key, value, lease: 0 }] };
}
