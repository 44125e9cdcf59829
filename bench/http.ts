/**
 * HTTP apiserver figures: 50 concurrent clients, each looping create → get → list (by its own
 * label) of ConfigMaps over HTTP (fetch, keep-alive) against createHttpApiServer on a RealClock
 * cluster, for BENCH_HTTP_SECONDS (default 5) — first with the embedded store, then with a real
 * etcd-server (started on loopback, when /usr/bin/etcd exists). Prints p50/p99 per verb, the
 * request throughput, and the embedded/etcd ratio.
 */
import { existsSync } from 'node:fs';
import { createHttpApiServer } from '../engine/node/http/index.ts';
import { createCluster } from '../engine/node/create-cluster.ts';
import { createEtcdKV, ETCD_BINARY, startEtcdServer } from '../engine/node/etcd/index.ts';
import { RealClock } from '../engine/util/clock.ts';
import type { KV } from '../engine/store/kv.ts';

const CLIENTS = 50;
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
const VERBS = ['create', 'get', 'list'] as const;
type Verb = (typeof VERBS)[number];

interface Figures {
  latencies: Record<Verb, number[]>;
  requests: number;
  errors: number;
  seconds: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(kv: KV | undefined): Promise<Figures> {
  const cluster = await createCluster({ clock: new RealClock(), kv });
  const server = await createHttpApiServer({ cluster });
  const base = `${server.url}/api/v1/namespaces/default/configmaps`;
  const figures: Figures = { latencies: { create: [], get: [], list: [] }, requests: 0, errors: 0, seconds: SECONDS };
  const timed = async (verb: Verb, url: string, init?: RequestInit) => {
    const t0 = performance.now();
    const res = await fetch(url, init);
    await res.arrayBuffer();
    figures.latencies[verb].push(performance.now() - t0);
    figures.requests++;
    if (!res.ok) figures.errors++;
  };
  const t0 = performance.now();
  const deadline = t0 + SECONDS * 1000;
  const client = async (c: number) => {
    for (let i = 0; performance.now() < deadline; i++) {
      const name = `c${c}-${i}`;
      const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { client: String(c) } }, data: { i: String(i) } });
      await timed('create', base, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await timed('get', `${base}/${name}`);
      await timed('list', `${base}?labelSelector=client%3D${c}&limit=20`);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  figures.seconds = (performance.now() - t0) / 1000;
  await server.close();
  await cluster.close();
  return figures;
}

function print(label: string, f: Figures): number {
  const rps = f.requests / f.seconds;
  console.log(`   ${label}: ${Math.round(rps)} req/s over ${f.seconds.toFixed(1)} s, ${CLIENTS} clients, ${f.errors} errors`);
  for (const verb of VERBS) {
    const s = [...f.latencies[verb]].sort((a, b) => a - b);
    console.log(`     ${verb.padEnd(6)} n=${String(s.length).padStart(6)}  p50 ${percentile(s, 50).toFixed(2)} ms  p99 ${percentile(s, 99).toFixed(2)} ms`);
  }
  return rps;
}

export async function run(): Promise<void> {
  const embedded = print('embedded store', await measure(undefined));
  if (!existsSync(ETCD_BINARY)) {
    console.log(`   etcd: skipped (${ETCD_BINARY} missing; apt-get install -y etcd-server)`);
    return;
  }
  const etcd = await startEtcdServer();
  try {
    const kv = await createEtcdKV({ endpoints: [etcd.endpoint], prefix: '/registry' });
    const onEtcd = print('real etcd     ', await measure(kv));
    console.log(`   embedded / etcd throughput: ${(embedded / onEtcd).toFixed(2)}x`);
  } finally {
    await etcd.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
