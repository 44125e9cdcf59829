import { afterEach, describe, expect, it } from 'vitest';
import { isNotFound } from '../api/errors.ts';
import type { corev1 } from '../api/types.ts';
import { createCluster, type Cluster, type ClusterOptions } from './index.ts';
import { PART_IDS } from './parts.ts';
import { defaultParts } from './default-parts.ts';

const clusters: Cluster[] = [];
async function cluster(options: ClusterOptions = {}): Promise<Cluster> {
  const c = await createCluster(options);
  clusters.push(c);
  return c;
}
afterEach(async () => {
  await Promise.all(clusters.splice(0).map((c) => c.close()));
});

const configMap = (name: string): corev1.ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { k: 'v' } });

describe('createCluster', () => {
  it('starts with the system namespaces and serves the API through a client', async () => {
    const c = await cluster();
    const names = (await c.client().namespaces().list()).items.map((n) => n.metadata?.name);
    expect(names).toEqual(expect.arrayContaining(['default', 'kube-system', 'kube-public', 'kube-node-lease']));
    const created = await c.client().configmaps('default').create(configMap('a'));
    expect(created.metadata?.resourceVersion).toBe(String(c.kv.currentRevision()));
  });

  it('is repeatable from its seed: same seed, same uids', async () => {
    const uid = async (seed: string) => (await (await cluster({ seed })).client().configmaps('default').create(configMap('a'))).metadata?.uid;
    expect(await uid('s1')).toBe(await uid('s1'));
    expect(await uid('s1')).not.toBe(await uid('s2'));
  });

  it('runs on a virtual clock: timestamps move only when time is advanced', async () => {
    const c = await cluster();
    const a = await c.client().configmaps('default').create(configMap('a'));
    await c.clock.advance(90_000);
    const b = await c.client().configmaps('default').create(configMap('b'));
    const ms = Date.parse(b.metadata!.creationTimestamp!) - Date.parse(a.metadata!.creationTimestamp!);
    expect(ms).toBe(90_000);
  });

  it('records every API write in the trace with who made it and why, never the contents', async () => {
    const c = await cluster();
    const before = c.trace.entries().length;
    const secret: corev1.Secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: 'hunter2-very-secret' } };
    await c.client('alice').withReason('store the password').secrets('default').create(secret);
    await c.client('bob').configmaps('default').get('missing').catch(() => undefined);
    await c.client('bob').configmaps('default').delete('missing').catch((e) => expect(isNotFound(e)).toBe(true));
    const added = c.trace.entries().slice(before);
    expect(added).toEqual([
      expect.objectContaining({ verb: 'create', user: 'alice', reason: 'store the password', resource: 'secrets', namespace: 'default', name: 's', code: 201 }),
      expect.objectContaining({ verb: 'delete', user: 'bob', resource: 'configmaps', name: 'missing', code: 404 }),
    ]);
    expect(JSON.stringify(c.trace.entries())).not.toContain('hunter2');
  });

  it('fills every part from solutions/ unless told otherwise', async () => {
    const c = await cluster();
    for (const id of PART_IDS) expect(c.parts[id]).toBe(defaultParts[id]);
  });

  it('swaps in exactly the parts it is given', async () => {
    const seen: string[] = [];
    const validator: typeof defaultParts['apiserver.validation'] = (meta, options) => {
      seen.push(meta?.name ?? '');
      return defaultParts['apiserver.validation'](meta, options);
    };
    const c = await cluster({ parts: { 'apiserver.validation': validator } });
    expect(c.parts['apiserver.validation']).toBe(validator);
    expect(c.parts['store.mvcc']).toBe(defaultParts['store.mvcc']);
    await c.client().configmaps('default').create(configMap('via-learner-part'));
    expect(seen).toContain('via-learner-part');
  });
});
