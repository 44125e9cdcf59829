import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kubeconfigObject, serverUrl, writeKubeconfig } from './kubeconfig.ts';
import { loadOrCreateToken } from './token.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tinykube-up-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the kubeconfig tinykube up writes', () => {
  it('has one cluster, one user with the bearer token and a current context named tinykube', () => {
    const dir = tempDir();
    const path = join(dir, 'kubeconfig');
    writeKubeconfig(path, { server: 'http://127.0.0.1:6443', token: 'abcdefghijklmnopqrstuvwxyz' });
    const doc = parse(readFileSync(path, 'utf8'));
    expect(doc).toMatchObject({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'tinykube',
      clusters: [{ name: 'tinykube', cluster: { server: 'http://127.0.0.1:6443' } }],
      users: [{ name: 'tinykube', user: { token: 'abcdefghijklmnopqrstuvwxyz' } }],
      contexts: [{ name: 'tinykube', context: { cluster: 'tinykube', user: 'tinykube' } }],
    });
    expect(statSync(path).mode & 0o077).toBe(0);
  });

  it('has a user without credentials with --insecure', () => {
    expect(kubeconfigObject({ server: 'http://127.0.0.1:1' }).users).toEqual([{ name: 'tinykube', user: {} }]);
  });

  it('points clients at 127.0.0.1 for a loopback or wildcard address, else at the address', () => {
    expect(serverUrl('127.0.0.1', 6443)).toBe('http://127.0.0.1:6443');
    expect(serverUrl('0.0.0.0', 1)).toBe('http://127.0.0.1:1');
    expect(serverUrl('::', 1)).toBe('http://127.0.0.1:1');
    expect(serverUrl('10.1.2.3', 8080)).toBe('http://10.1.2.3:8080');
    expect(serverUrl('fd00::1', 8080)).toBe('http://[fd00::1]:8080');
  });
});

describe('the bearer token', () => {
  it('is created once, private to the user, and the same after a restart', () => {
    const dir = tempDir();
    const first = loadOrCreateToken(dir);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(join(dir, 'token')).mode & 0o077).toBe(0);
    expect(loadOrCreateToken(dir)).toBe(first);
  });

  it('differs between data dirs', () => {
    expect(loadOrCreateToken(tempDir())).not.toBe(loadOrCreateToken(tempDir()));
  });
});
