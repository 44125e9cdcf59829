/**
 * Starts a throwaway single-member etcd (the etcd-server package's /usr/bin/etcd) on free
 * loopback ports with its own data directory — for tests, benchmarks and `tinykube up --etcd`
 * experiments. Stop it with `stop()` (kills the process by its PID, then removes a temp dir).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ETCD_BINARY = '/usr/bin/etcd';

export interface EtcdServer {
  /** The client URL, e.g. http://127.0.0.1:41234 */
  endpoint: string;
  dataDir: string;
  pid: number;
  /** Kills etcd (SIGTERM, then SIGKILL) and removes the data dir when this function made it. */
  stop(): Promise<void>;
}

export interface StartEtcdOptions {
  /** Keep data here (survives stop/start); default a new temp dir removed on stop. */
  dataDir?: string;
  binary?: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function startEtcdServer(options: StartEtcdOptions = {}): Promise<EtcdServer> {
  const binary = options.binary ?? ETCD_BINARY;
  if (!existsSync(binary)) {
    throw new Error(`${binary} not found: install etcd-server (apt-get install -y etcd-server etcd-client; .ci/run does it)`);
  }
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'tinykube-etcd-')));
  const [client, peer] = [await freePort(), await freePort()];
  const endpoint = `http://127.0.0.1:${client}`;
  const peerUrl = `http://127.0.0.1:${peer}`;
  const args = [
    '--name', 'default', '--data-dir', dataDir,
    '--listen-client-urls', endpoint, '--advertise-client-urls', endpoint,
    '--listen-peer-urls', peerUrl, '--initial-advertise-peer-urls', peerUrl,
    '--initial-cluster', `default=${peerUrl}`, '--log-level', 'error',
  ];
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const giveUp = new AbortController();
      void sleep(3000, undefined, { signal: giveUp.signal }).then(() => child.kill('SIGKILL'), () => undefined);
      await exited;
      giveUp.abort();
    }
    if (ownDir) await rm(dataDir, { recursive: true, force: true });
  };
  // Ready when /health answers (etcd serves it on the client URL).
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`etcd exited with ${child.exitCode}: ${stderr.trim()}`);
    }
    try {
      const res = await fetch(`${endpoint}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (i > 200) {
      await stop();
      throw new Error(`etcd did not become healthy within 10 s: ${stderr.trim()}`);
    }
    await sleep(50);
  }
  return { endpoint, dataDir, pid: child.pid!, stop };
}
