/**
 * The typed client against the real apiserver: verbs, subresources, errors and the trace.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isStatusError } from '../api/errors.ts';
import type { appsv1, corev1 } from '../api/types.ts';
import { createCluster, type Cluster } from '../cluster/index.ts';
import type { TypedWatchEvent } from './resource-client.ts';

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

const deployment = (name: string, replicas = 1): appsv1.Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
  },
});

describe('client on a real cluster', () => {
  it('creates, gets, lists, updates, patches and deletes', async () => {
    const c = (cluster = await createCluster({ seed: 'client' }));
    const cms = c.client().configmaps('default');
    const created = await cms.create({ metadata: { name: 'cfg', labels: { tier: 'be' } }, data: { a: '1' } });
    expect(created.metadata?.resourceVersion).toBeTruthy();
    expect((await cms.get('cfg')).data).toEqual({ a: '1' });
    expect((await cms.list({ labelSelector: 'tier=be' })).items.map((x) => x.metadata?.name)).toEqual(['cfg']);
    const updated = await cms.update({ ...created, data: { a: '2' } });
    expect(Number(updated.metadata?.resourceVersion)).toBeGreaterThan(Number(created.metadata?.resourceVersion));
    const patched = await cms.patch('cfg', 'merge', { data: { b: '3' } });
    expect(patched.data).toEqual({ a: '2', b: '3' });
    await cms.delete('cfg');
    const gone = await cms.get('cfg').catch((e: unknown) => e);
    expect(isStatusError(gone, 'NotFound')).toBe(true);
  });

  it('rejects an update with a stale resourceVersion with 409 Conflict', async () => {
    const c = (cluster = await createCluster({ seed: 'client' }));
    const cms = c.client().configmaps('default');
    const v1 = await cms.create({ metadata: { name: 'cfg' }, data: { a: '1' } });
    await cms.update({ ...v1, data: { a: '2' } });
    const err = await cms.update({ ...v1, data: { a: '3' } }).catch((e: unknown) => e);
    expect(isStatusError(err, 'Conflict')).toBe(true);
    expect((err as Error).message).toContain('the object has been modified');
  });

  it('records every write under the client user and reason in the trace', async () => {
    const c = (cluster = await createCluster({ seed: 'client' }));
    await c.client().withUser('replicaset-controller', 'scale up to 1').configmaps('default').create({ metadata: { name: 'x' } });
    const last = c.trace.last(1)[0];
    expect(last).toMatchObject({ verb: 'create', user: 'replicaset-controller', reason: 'scale up to 1', resource: 'configmaps', name: 'x', code: 201 });
  });

  it('reads and writes the scale subresource of a Deployment', async () => {
    const c = (cluster = await createCluster({ seed: 'client' }));
    const deployments = c.client().deployments('default');
    await deployments.create(deployment('web', 2));
    const scale = await deployments.getScale('web');
    expect(scale.spec?.replicas).toBe(2);
    await deployments.updateScale('web', { ...scale, spec: { replicas: 5 } });
    expect((await deployments.get('web')).spec?.replicas).toBe(5);
  });

  it('updates status through updateStatus without touching the spec', async () => {
    const c = (cluster = await createCluster({ seed: 'client' }));
    const deployments = c.client().deployments('default');
    const d = await deployments.create(deployment('web', 2));
    const after = await deployments.updateStatus({ ...d, spec: { ...d.spec!, replicas: 9 }, status: { replicas: 2, observedGeneration: 1 } });
    expect(after.status?.replicas).toBe(2);
    expect(after.spec?.replicas).toBe(2);
  });

  it('binds a pod to a node, and refuses to bind it twice', async () => {
    const c = (cluster = await createCluster({ seed: 'client' }));
    const pods = c.client('system:kube-scheduler').pods('default');
    await pods.create({ metadata: { name: 'web' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    await pods.bind('web', { target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } });
    expect((await pods.get('web')).spec?.nodeName).toBe('node-1');
    const again = await pods.bind('web', { target: { apiVersion: 'v1', kind: 'Node', name: 'node-2' } }).catch((e: unknown) => e);
    expect(isStatusError(again, 'Conflict')).toBe(true);
  });

  it('watches a namespace and sees ADDED, MODIFIED and DELETED', async () => {
    const c = (cluster = await createCluster({ seed: 'client' }));
    const pods = c.client().pods('default');
    const seen: string[] = [];
    const list = await pods.list();
    const handle = pods.watch({ resourceVersion: list.metadata.resourceVersion }, (e: TypedWatchEvent<corev1.Pod>) => {
      seen.push(`${e.type} ${(e.object as corev1.Pod).metadata?.name}`);
    });
    const p = await pods.create({ metadata: { name: 'a' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    await pods.update({ ...p, metadata: { ...p.metadata, labels: { x: 'y' } } });
    await pods.delete('a');
    await c.clock.runUntil(() => seen.length >= 3);
    handle.stop();
    await handle.done;
    expect(seen).toEqual(['ADDED a', 'MODIFIED a', 'DELETED a']);
  });
});
