/**
 * The bearer token `tinykube up` requires (kube-apiserver's --token-auth-file, reduced to one
 * user): random, kept in <data-dir>/token (mode 0600) so a restart keeps every kubeconfig that
 * holds it valid. Never printed: only the kubeconfig carries it.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TOKEN_FILE = 'token';

/** The token stored in `dataDir`, creating it (32 random bytes, base64url) when missing or empty. */
export function loadOrCreateToken(dataDir: string): string {
  const path = join(dataDir, TOKEN_FILE);
  try {
    const existing = readFileSync(path, 'utf8').trim();
    if (/^[A-Za-z0-9_-]{16,}$/.test(existing)) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(32).toString('base64url');
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return token;
}
