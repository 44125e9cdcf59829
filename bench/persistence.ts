/**
 * Persistence figures: store puts/s with no backend vs the file backend (fsync off / on), raw
 * backend appends/s, and the time to reopen a store of N records (log replay, snapshot + tail).
 */
import { mkdtemp, rm, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../engine/util/clock.ts';
import { createMvccStore, type MvccStore } from '../engine/store/index.ts';
import { createFileBackend, type FileBackendOptions } from '../engine/node/persistence/index.ts';
import { newKeyIndex } from '../solutions/store/key-index.ts';
import { txnCompare } from '../solutions/store/txn-compare.ts';

const VALUE = JSON.stringify({ kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' }, data: { k: 'v'.repeat(200) } });

async function withDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'tinykube-bench-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function openStore(dir: string | undefined, options: FileBackendOptions & { snapshotEvery?: number } = {}): Promise<MvccStore> {
  const { snapshotEvery, ...backendOptions } = options;
  const backend = dir ? await createFileBackend(dir, backendOptions) : undefined;
  return createMvccStore({ clock: new VirtualClock(), keyIndex: newKeyIndex, txnCompare, backend, snapshotEvery });
}

async function puts(store: MvccStore, n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await store.put(`/registry/configmaps/default/cm-${i % 1000}`, VALUE);
  return n / ((performance.now() - t0) / 1000);
}

function line(label: string, value: string): void {
  console.log(`   ${label.padEnd(52)} ${value}`);
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

async function dirSize(dir: string): Promise<number> {
  let total = 0;
  for (const f of await readdir(dir)) total += (await stat(join(dir, f))).size;
  return total;
}

export async function run(): Promise<void> {
  // Store throughput (one put at a time: the store applies mutations serially).
  {
    const store = await openStore(undefined);
    line('store puts/s, no backend (20k)', fmt(await puts(store, 20_000)));
    await store.close();
  }
  await withDir(async (dir) => {
    const store = await openStore(dir);
    line('store puts/s, file backend, fsync off (20k)', fmt(await puts(store, 20_000)));
    await store.close();
  });
  await withDir(async (dir) => {
    const store = await openStore(dir, { fsync: true });
    line('store puts/s, file backend, fsync on (1k)', fmt(await puts(store, 1_000)));
    await store.close();
  });

  // Raw backend appends, serial and concurrent (group commit shares one write + fsync).
  for (const fsync of [false, true]) {
    await withDir(async (dir) => {
      const b = await createFileBackend(dir, { fsync });
      await b.load();
      const n = fsync ? 1_000 : 20_000;
      let t0 = performance.now();
      for (let i = 0; i < n; i++) await b.append({ type: 'txn', revision: i + 2, ops: [{ op: 'put', key: `/k/${i}`, value: VALUE, lease: 0 }] });
      line(`backend appends/s, serial, fsync ${fsync ? 'on' : 'off'} (${n / 1000}k)`, fmt(n / ((performance.now() - t0) / 1000)));
      t0 = performance.now();
      const batch = 64;
      for (let i = 0; i < n; i += batch) {
        await Promise.all(
          Array.from({ length: batch }, (_, k) => b.append({ type: 'txn', revision: n + i + k + 2, ops: [{ op: 'put', key: `/k/${k}`, value: VALUE, lease: 0 }] })),
        );
      }
      line(`backend appends/s, 64 concurrent, fsync ${fsync ? 'on' : 'off'} (${n / 1000}k)`, fmt(n / ((performance.now() - t0) / 1000)));
      await b.close();
    });
  }

  // Reopen time.
  for (const [n, snapshotEvery, what] of [
    [10_000, 1_000_000, 'log only'],
    [100_000, 1_000_000, 'log only'],
    [100_000, 10_000, 'snapshot every 10k + tail'],
  ] as const) {
    await withDir(async (dir) => {
      const store = await openStore(dir, { snapshotEvery });
      await puts(store, n);
      await store.close();
      const t0 = performance.now();
      const again = await openStore(dir, { snapshotEvery });
      const ms = performance.now() - t0;
      line(`reopen ${fmt(n)} puts (${what}, ${(await dirSize(dir) / 2 ** 20).toFixed(1)} MiB)`, `${fmt(ms)} ms`);
      await again.close();
    });
  }
}
