/**
 * The kubeconfig `tinykube up` writes: one cluster (the HTTP server), one user (the bearer token,
 * or none with --insecure), one context `tinykube`, made current — the shape `kind` and `k3d`
 * write (client-go's clientcmd/api/v1 Config). Written with mode 0600 since it holds the token.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

export const CONTEXT_NAME = 'tinykube';

export interface KubeconfigInput {
  /** e.g. http://127.0.0.1:6443 */
  server: string;
  /** The bearer token; undefined with --insecure. */
  token?: string;
  /** PEM of the CA that signed the serving certificate (https:// servers). */
  caPem?: string;
}

export function kubeconfigObject(input: KubeconfigInput): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [
      {
        name: CONTEXT_NAME,
        cluster: input.caPem === undefined ? { server: input.server } : { server: input.server, 'certificate-authority-data': Buffer.from(input.caPem).toString('base64') },
      },
    ],
    users: [{ name: CONTEXT_NAME, user: input.token === undefined ? {} : { token: input.token } }],
    contexts: [{ name: CONTEXT_NAME, context: { cluster: CONTEXT_NAME, user: CONTEXT_NAME, namespace: 'default' } }],
    'current-context': CONTEXT_NAME,
  };
}

export function kubeconfigYaml(input: KubeconfigInput): string {
  return stringify(kubeconfigObject(input));
}

/** Writes atomically (temp file + rename) so a reader never sees half a kubeconfig. */
export function writeKubeconfig(path: string, input: KubeconfigInput): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, kubeconfigYaml(input), { mode: 0o600 });
  renameSync(tmp, path);
}

/** The URL clients should use: a wildcard or loopback listen address is reached on 127.0.0.1. */
export function serverUrl(address: string, port: number, scheme: 'http' | 'https' = 'http'): string {
  const local = address === '0.0.0.0' || address === '::' || address === 'localhost' || address === '::1' || address.startsWith('127.');
  const host = local ? '127.0.0.1' : address.includes(':') ? `[${address}]` : address;
  return `${scheme}://${host}:${port}`;
}
