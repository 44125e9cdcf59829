/**
 * Apiserver figures: pod creates/s through the whole chain (decode, defaults, admission,
 * validation, guarded txn) with an in-memory store and with the file backend, then get/s and
 * lists of 1,000 pods per second. One request at a time, like a single client.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../engine/util/clock.ts';
import { Random } from '../engine/util/random.ts';
import { createMvccStore, type Backend, type MvccStore } from '../engine/store/index.ts';
import { createApiServer, type ApiServer } from '../engine/apiserver/index.ts';
import type { KubeObject } from '../engine/api/object.ts';
import { newKeyIndex } from '../solutions/store/key-index.ts';
import { txnCompare } from '../solutions/store/txn-compare.ts';
import { validateObjectMeta } from '../solutions/apiserver/object-meta-validation.ts';
import { namespaceLifecycle } from '../solutions/apiserver/namespace-lifecycle.ts';

const PODS = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };

function pod(i: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${i}`, labels: { app: 'web', shard: String(i % 10) } },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
  };
}

async function open(backend?: Backend): Promise<{ kv: MvccStore; api: ApiServer }> {
  const clock = new VirtualClock();
  const kv = await createMvccStore({ clock, keyIndex: newKeyIndex, txnCompare, backend });
  const api = await createApiServer({ kv, clock, random: new Random('bench'), objectMetaValidator: validateObjectMeta, namespaceLifecycle });
  return { kv, api };
}

async function creates(api: ApiServer, n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await api.create(PODS, pod(i));
  return n / ((performance.now() - t0) / 1000);
}

function line(label: string, value: string): void {
  console.log(`   ${label.padEnd(52)} ${value}`);
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

export async function run(): Promise<void> {
  const N = 5_000;
  {
    const { kv, api } = await open();
    await creates(api, 200); // warm up (schema compilation, JIT)
    await api.deleteCollection(PODS);
    line(`pod creates/s, full chain, in-memory store (${N / 1000}k)`, fmt(await creates(api, N)));

    let t0 = performance.now();
    const GETS = 20_000;
    for (let i = 0; i < GETS; i++) await api.get({ ...PODS, name: `web-${i % N}` });
    line(`pod gets/s (${GETS / 1000}k)`, fmt(GETS / ((performance.now() - t0) / 1000)));

    const LISTS = 50;
    t0 = performance.now();
    for (let i = 0; i < LISTS; i++) await api.list(PODS, { limit: 1000 });
    line('lists of 1,000 pods/s (limit=1000)', fmt(LISTS / ((performance.now() - t0) / 1000)));

    t0 = performance.now();
    for (let i = 0; i < LISTS; i++) await api.list(PODS, { labelSelector: 'shard=3' });
    line(`lists with a label selector over ${N / 1000}k pods/s`, fmt(LISTS / ((performance.now() - t0) / 1000)));
    await api.close();
    await kv.close();
  }

  let createFileBackend: ((dir: string) => Promise<Backend>) | undefined;
  try {
    ({ createFileBackend } = (await import('../engine/node/persistence/index.ts')) as { createFileBackend: (dir: string) => Promise<Backend> });
  } catch {
    line('pod creates/s, file backend', 'skipped: engine/node/persistence is not available');
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'tinykube-bench-api-'));
  try {
    const { kv, api } = await open(await createFileBackend(dir));
    await creates(api, 200);
    await api.deleteCollection(PODS);
    line(`pod creates/s, full chain, file backend (${N / 1000}k)`, fmt(await creates(api, N)));
    await api.close();
    await kv.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
