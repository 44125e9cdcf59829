/**
 * Secret figures: creates/s of small Secrets (data + stringData, through decode, the part
 * `secret.data`, defaults, the part `secret.types`, the store), then the cost of the largest
 * Secret allowed (1 MiB of data, base64 in the body): creates/s and the reference decoder's MB/s.
 */
import { VirtualClock } from '../engine/util/clock.ts';
import { Random } from '../engine/util/random.ts';
import { createMvccStore } from '../engine/store/index.ts';
import { createApiServer } from '../engine/apiserver/index.ts';
import type { KubeObject } from '../engine/api/object.ts';
import { newKeyIndex } from '../solutions/store/key-index.ts';
import { txnCompare } from '../solutions/store/txn-compare.ts';
import { validateObjectMeta } from '../solutions/apiserver/object-meta-validation.ts';
import { namespaceLifecycle } from '../solutions/apiserver/namespace-lifecycle.ts';
import { secretData } from '../solutions/secret/secret-data.ts';
import { secretTypes } from '../solutions/secret/secret-types.ts';

const SECRETS = { group: '', version: 'v1', resource: 'secrets', namespace: 'default' };

export async function run(): Promise<void> {
  const clock = new VirtualClock();
  const kv = await createMvccStore({ clock, keyIndex: newKeyIndex, txnCompare });
  const api = await createApiServer({ kv, clock, random: new Random('bench'), objectMetaValidator: validateObjectMeta, namespaceLifecycle, secretData, secretTypes });
  try {
    const small = (i: number): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: `s-${i}` }, type: 'kubernetes.io/basic-auth', data: { username: 'YWRtaW4=' }, stringData: { password: `p4ss-${i}-héllo` } });
    const n = 2000;
    let t0 = performance.now();
    for (let i = 0; i < n; i++) await api.create(SECRETS, small(i));
    console.log(`secret: ${Math.round(n / ((performance.now() - t0) / 1000))} creates/s (small Secret, data + stringData, basic-auth)`);

    const mib = btoa('x'.repeat(1024 * 1024));
    const m = 20;
    t0 = performance.now();
    for (let i = 0; i < m; i++) await api.create(SECRETS, { apiVersion: 'v1', kind: 'Secret', metadata: { name: `big-${i}` }, data: { blob: mib } });
    console.log(`secret: ${(m / ((performance.now() - t0) / 1000)).toFixed(1)} creates/s (1 MiB Secret)`);

    const rounds = 10;
    t0 = performance.now();
    for (let i = 0; i < rounds; i++) secretData.decode(mib);
    console.log(`secret: reference decode ${((rounds * mib.length) / 1e6 / ((performance.now() - t0) / 1000)).toFixed(1)} MB/s of base64`);
  } finally {
    await api.close();
    await kv.close();
  }
}
