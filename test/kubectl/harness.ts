/**
 * The kubectl end-to-end harness: starts `tinykube up` (bin/tinykube.mjs) as a child process on a
 * free port with a temporary data dir, waits for /readyz, and runs the real /usr/bin/kubectl
 * against it with the written kubeconfig and a fresh --cache-dir (kubectl caches discovery per
 * server; a stale cache would hide what this server serves).
 *
 * FOR H4 (and anyone writing test/kubectl/*.test.ts) — the API, stable:
 *
 *   const tk = await startTinykube({ nodes: 3, speed: 20 });   // also: args: ['--insecure'], dataDir
 *   const r = await tk.kubectl(['get', 'pods', '-A']);         // { code, stdout, stderr }
 *   await tk.kubectl(['apply', '-f', '-'], { stdin: yamlText, env: { EDITOR: '...' } });
 *   await waitFor(() => tk.kubectl([...]), (r) => r.stdout.includes('Running'));
 *   await tk.stop();                                            // SIGTERM, waits for exit 0
 *   const again = await startTinykube({ dataDir: tk.dataDir }); // restart on the same state
 *   const res = await tk.request('/api/v1/pods', { method: 'POST', headers: {...}, body });
 *                                                               // raw HTTP: { status, headers, body }
 *
 * The server is https:// with a self-signed CA unless args has '--insecure' (then http://, no
 * token): kubectl sends a bearer token only over TLS. `request` adds the token and trusts the CA.
 * Use `afterAll(stopAllTinykubes)` (or stop() in a finally): servers still running when the test
 * process exits are killed too. `--speed 20` (the default here) makes rollouts finish in a few
 * seconds of wall time. kubectl calls time out after 60 s (`timeoutMs`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const KUBECTL = '/usr/bin/kubectl';
const BIN = join(REPO_ROOT, 'bin', 'tinykube.mjs');

/** Whether the e2e tests can run here: kubectl is installed. */
export const kubectlAvailable = existsSync(KUBECTL);

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface KubectlOptions {
  stdin?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Default true: send the kubeconfig's bearer token. */
  auth?: boolean;
}

export interface StartOptions {
  /** Default 3. */
  nodes?: number;
  /** Simulated time per wall time; default 20. */
  speed?: number;
  /** Extra `tinykube up` flags, e.g. ['--insecure']. */
  args?: string[];
  /** Reuse a data dir (restart); default a fresh temporary one, removed when the test process exits. */
  dataDir?: string;
  /** How long to wait for /readyz; default 60 s. */
  startTimeoutMs?: number;
}

export interface Tinykube {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  kubeconfig: string;
  dataDir: string;
  /** The bearer token (undefined with --insecure), for raw HTTP requests in tests. */
  token: string | undefined;
  /** One raw HTTP request to the server (path with query), e.g. for bad-input tests. */
  request(path: string, init?: RawRequest): Promise<RawResponse>;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  kubectl(args: readonly string[], options?: KubectlOptions): Promise<RunResult>;
  /** SIGTERM, then waits for the exit; returns the exit code (0 = clean shutdown). Idempotent. */
  stop(): Promise<number | null>;
}

const running = new Set<ChildProcess>();
const stoppers = new Set<() => Promise<unknown>>();
const tempDirs = new Set<string>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** Stops every server this process started (use in afterAll). */
export async function stopAllTinykubes(): Promise<void> {
  await Promise.all([...stoppers].map((s) => s()));
}

export async function startTinykube(options: StartOptions = {}): Promise<Tinykube> {
  let dataDir = options.dataDir;
  if (!dataDir) {
    dataDir = mkdtempSync(join(tmpdir(), 'tinykube-e2e-'));
    tempDirs.add(dataDir);
  }
  const cacheDir = mkdtempSync(join(tmpdir(), 'tinykube-kubectl-cache-'));
  const args = [
    BIN, 'up',
    '--port', '0',
    '--data-dir', dataDir,
    '--nodes', String(options.nodes ?? 3),
    '--speed', String(options.speed ?? 20),
    // Free host ports for the ingress listeners, so parallel test files never compete for 8080/8443.
    '--ingress-port', '0',
    '--ingress-https-port', '0',
    ...(options.args ?? []),
  ];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    running.delete(child);
    resolve(code);
  }));

  const kill = async () => {
    child.kill('SIGKILL');
    await exited;
  };

  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  let url: string | undefined;
  while (!url) {
    const m = /API server listening on (https?:\/\/\S+)/.exec(out);
    if (m) url = m[1]!;
    else if (child.exitCode !== null) throw new Error(`tinykube up exited with ${child.exitCode} before serving:\n${out}`);
    else if (Date.now() > deadline) {
      await kill();
      throw new Error(`tinykube up did not start within ${timeoutMs} ms:\n${out}`);
    } else await sleep(50);
  }
  const insecure = options.args?.includes('--insecure') ?? false;
  const token = insecure ? undefined : readFileSync(join(dataDir, 'token'), 'utf8').trim();
  const ca = url.startsWith('https:') ? readFileSync(join(dataDir, 'tls.crt'), 'utf8') : undefined;
  const request = (path: string, init: RawRequest = {}) => rawRequest(url!, path, init, token, ca);
  for (;;) {
    const ok = await request('/readyz').then((r) => r.status === 200, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await kill();
      throw new Error(`tinykube up at ${url} never answered /readyz:\n${out}`);
    }
    await sleep(100);
  }

  const kubeconfig = join(dataDir, 'kubeconfig');
  let stopped: Promise<number | null> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      rmSync(cacheDir, { recursive: true, force: true });
      stoppers.delete(stop);
      return code;
    })();
    return stopped;
  };
  stoppers.add(stop);

  return {
    url,
    port: Number(new URL(url).port),
    kubeconfig,
    dataDir,
    token,
    request,
    output: () => out,
    kubectl: (kargs, kopts = {}) =>
      run(KUBECTL, ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...kargs], {
        stdin: kopts.stdin,
        env: { ...process.env, KUBECONFIG: kubeconfig, ...kopts.env } as Record<string, string>,
        timeoutMs: kopts.timeoutMs ?? 60_000,
      }),
    stop,
  };
}

/** Calls `probe` until `done(result)` holds; throws with the last result after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value:\n${JSON.stringify(value, null, 2)}`);
    await sleep(intervalMs);
  }
}

function rawRequest(base: string, path: string, init: RawRequest, token: string | undefined, ca: string | undefined): Promise<RawResponse> {
  const url = new URL(path, base);
  const headers: Record<string, string> = { ...init.headers };
  if (token && init.auth !== false) headers.authorization ??= `Bearer ${token}`;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: init.method ?? 'GET', headers, ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Runs a program, collecting output; never rejects for a non-zero exit. */
export function run(file: string, args: readonly string[], options: { stdin?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
