/**
 * Store throughput, in memory, no backend: puts/s, range/s (one key; a prefix of 100 keys),
 * txn/s (compare-and-swap, the apiserver's update), and watch fan-out (1,000 watchers on one
 * prefix, events delivered/s). Run: npx tsx bench/store.ts (or via npm run bench).
 */
import { VirtualClock } from '../engine/util/clock.ts';
import { createMvccStore, prefixEnd, type MvccStore } from '../engine/store/index.ts';
import { newKeyIndex } from '../solutions/store/key-index.ts';
import { txnCompare } from '../solutions/store/txn-compare.ts';

async function fresh(): Promise<MvccStore> {
  return createMvccStore({ clock: new VirtualClock(), keyIndex: newKeyIndex, txnCompare });
}

async function timed(label: string, ops: number, unit: string, body: () => Promise<void>): Promise<void> {
  const start = performance.now();
  await body();
  const ms = performance.now() - start;
  console.log(`store: ${label.padEnd(44)} ${Math.round((ops / ms) * 1000).toLocaleString('en-US').padStart(12)} ${unit}/s  (${ops} in ${ms.toFixed(0)} ms)`);
}

export async function run(): Promise<void> {
  const N = 50_000;
  const value = JSON.stringify({ kind: 'Pod', metadata: { name: 'x', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

  const store = await fresh();
  await timed('put (new keys)', N, 'puts', async () => {
    for (let i = 0; i < N; i++) await store.put(`/registry/pods/ns${i % 50}/pod-${i}`, value);
  });
  await timed('put (update existing keys)', N, 'puts', async () => {
    for (let i = 0; i < N; i++) await store.put(`/registry/pods/ns${i % 50}/pod-${(i * 7) % N}`, value);
  });
  await timed('range (single key)', N, 'ranges', async () => {
    for (let i = 0; i < N; i++) await store.range(`/registry/pods/ns${i % 50}/pod-${i}`);
  });
  // ns0 .. ns49 each hold 1,000 pods; a prefix of exactly 100 keys:
  for (let i = 0; i < 100; i++) await store.put(`/registry/configmaps/hundred/cm-${i}`, value);
  const R = 5_000;
  await timed('range (prefix of 100 keys)', R, 'ranges', async () => {
    for (let i = 0; i < R; i++) await store.range('/registry/configmaps/hundred/', { rangeEnd: prefixEnd('/registry/configmaps/hundred/') });
  });
  await timed('range (prefix of 100 keys, at a past revision)', R, 'ranges', async () => {
    const past = store.currentRevision() - 50;
    for (let i = 0; i < R; i++) await store.range('/registry/configmaps/hundred/', { rangeEnd: prefixEnd('/registry/configmaps/hundred/'), revision: past });
  });
  await timed('txn (compare MOD, put: optimistic update)', N, 'txns', async () => {
    for (let i = 0; i < N; i++) {
      const key = `/registry/pods/ns${i % 50}/pod-${i}`;
      const [cur] = (await store.range(key)).kvs;
      await store.txn({
        compare: [{ key, target: 'MOD', result: 'EQUAL', value: cur!.modRevision }],
        success: [{ put: { key, value } }],
        failure: [{ range: { key } }],
      });
    }
  });
  await timed('compact (at current revision)', 1, 'compactions', async () => {
    await store.compact(store.currentRevision());
  });
  await store.close();

  const W = 1_000;
  const P = 1_000;
  const fan = await fresh();
  const clock = new VirtualClock();
  let delivered = 0;
  for (let i = 0; i < W; i++) fan.watch('/registry/pods/', { rangeEnd: prefixEnd('/registry/pods/') }, (r) => (delivered += r.events.length));
  await timed(`watch fan-out (${W} watchers, ${P} puts)`, W * P, 'events', async () => {
    for (let i = 0; i < P; i++) await fan.put(`/registry/pods/default/p${i % 100}`, value);
    await clock.flush();
  });
  if (delivered !== W * P) throw new Error(`watch fan-out: delivered ${delivered}, expected ${W * P}`);
  await fan.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
