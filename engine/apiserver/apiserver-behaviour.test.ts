/**
 * KUBERNETES-FACTS.md §apiserver, bullet by bullet, observed only through ApiServerInterface.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/object.ts';
import { configMapObject, deploymentObject, podObject, refs } from './testing.ts';
import { failWithStatus as fail, useReferenceHarness } from '../../test/apiserver-harness.ts';
import type { WatchEvent } from './types.ts';

const h = useReferenceHarness();

const named = (ref: ReturnType<typeof refs.pods>, name: string) => ({ ...ref, name });

describe('resourceVersion and optimistic concurrency', () => {
  it('an update with a stale resourceVersion is 409 Conflict with the upstream message', async () => {
    const cm = await h.api.create(refs.configmaps(), configMapObject('settings'));
    await h.api.update(named(refs.configmaps(), 'settings'), { ...cm, data: { k: 'newer' } });
    const err = await fail(h.api.update(named(refs.configmaps(), 'settings'), { ...cm, data: { k: 'stale' } }));
    expect(err.code).toBe(409);
    expect(err.reason).toBe('Conflict');
    expect(err.message).toBe('Operation cannot be fulfilled on configmaps "settings": the object has been modified; please apply your changes to the latest version and try again');
  });

  it('creating an existing name is 409 AlreadyExists', async () => {
    await h.api.create(refs.configmaps(), configMapObject('settings'));
    const err = await fail(h.api.create(refs.configmaps(), configMapObject('settings')));
    expect([err.code, err.reason, err.message]).toEqual([409, 'AlreadyExists', 'configmaps "settings" already exists']);
  });

  it('reading a missing object is 404 NotFound', async () => {
    const err = await fail(h.api.get(named(refs.configmaps(), 'nope')));
    expect([err.code, err.reason, err.message]).toEqual([404, 'NotFound', 'configmaps "nope" not found']);
  });

  it('resourceVersion is an opaque string that changes with every write', async () => {
    const a = await h.api.create(refs.configmaps(), configMapObject('settings'));
    const b = await h.api.update(named(refs.configmaps(), 'settings'), { ...a, data: { k: 'x' } });
    expect(typeof a.metadata?.resourceVersion).toBe('string');
    expect(b.metadata?.resourceVersion).not.toBe(a.metadata?.resourceVersion);
  });
});

describe('errors are Status objects', () => {
  it('a failure carries kind Status, status Failure, reason, code and details.causes', async () => {
    const err = await fail(h.api.create(refs.deployments(), deploymentObject('web', -1)));
    expect(err.status).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Invalid', code: 422 });
    expect(err.status.details?.causes?.length).toBeGreaterThan(0);
  });
});

describe('invalid objects are 422 Invalid', () => {
  it('Deployment.apps "x" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0', async () => {
    const err = await fail(h.api.create(refs.deployments(), deploymentObject('x', -1)));
    expect(err.message).toBe('Deployment.apps "x" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(err.status.details).toMatchObject({ name: 'x', group: 'apps', kind: 'Deployment' });
    expect(err.status.details?.causes).toContainEqual({ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' });
  });
});

describe('watch and list', () => {
  it('a watch from a resourceVersion streams ADDED, MODIFIED and DELETED after it', async () => {
    const list = await h.api.list(refs.configmaps());
    const events: WatchEvent[] = [];
    const w = h.api.watch(refs.configmaps(), { resourceVersion: list.metadata.resourceVersion }, (e) => events.push(e));
    const cm = await h.api.create(refs.configmaps(), configMapObject('a'));
    await h.api.update(named(refs.configmaps(), 'a'), { ...cm, data: { k: '2' } });
    await h.api.delete(named(refs.configmaps(), 'a'));
    await h.clock.flush();
    w.stop();
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
  });

  it('BOOKMARK events come only when asked for', async () => {
    const withBookmarks: WatchEvent[] = [];
    const without: WatchEvent[] = [];
    const a = h.api.watch(refs.configmaps(), { allowWatchBookmarks: true }, (e) => withBookmarks.push(e));
    const b = h.api.watch(refs.configmaps(), {}, (e) => without.push(e));
    await h.clock.advance(61_000);
    a.stop();
    b.stop();
    expect(withBookmarks.some((e) => e.type === 'BOOKMARK')).toBe(true);
    expect(without.some((e) => e.type === 'BOOKMARK')).toBe(false);
  });

  it('a watch from a compacted resourceVersion gets 410 Gone (Expired)', async () => {
    const first = await h.api.create(refs.configmaps(), configMapObject('a'));
    for (let i = 0; i < 3; i++) await h.api.create(refs.configmaps(), configMapObject(`b${i}`));
    await h.kv.compact(h.kv.currentRevision());
    const events: WatchEvent[] = [];
    const w = h.api.watch(refs.configmaps(), { resourceVersion: first.metadata?.resourceVersion }, (e) => events.push(e));
    await w.done;
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe('ERROR');
    expect(events[0]?.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
  });

  it('list limit + continue returns pages that all carry the first page resourceVersion', async () => {
    for (let i = 0; i < 5; i++) await h.api.create(refs.configmaps(), configMapObject(`cm-${i}`));
    const p1 = await h.api.list(refs.configmaps(), { limit: 2 });
    await h.api.create(refs.configmaps(), configMapObject('cm-9-late'));
    const p2 = await h.api.list(refs.configmaps(), { limit: 2, continue: p1.metadata.continue });
    const p3 = await h.api.list(refs.configmaps(), { limit: 2, continue: p2.metadata.continue });
    expect([p1, p2, p3].map((p) => p.metadata.resourceVersion)).toEqual(Array(3).fill(p1.metadata.resourceVersion));
    expect([...p1.items, ...p2.items, ...p3.items].map((o) => o.metadata?.name)).toEqual(['cm-0', 'cm-1', 'cm-2', 'cm-3', 'cm-4']);
    expect(p3.metadata.continue).toBeUndefined();
  });
});

describe('generation', () => {
  it('metadata.generation changes with the spec, not with metadata or status', async () => {
    const d = await h.api.create(refs.deployments(), deploymentObject('web', 1));
    expect(d.metadata?.generation).toBe(1);
    const labelled = await h.api.update(named(refs.deployments(), 'web'), { ...d, metadata: { ...d.metadata, labels: { team: 'a' } } });
    expect(labelled.metadata?.generation).toBe(1);
    const withStatus = await h.api.update({ ...named(refs.deployments(), 'web'), subresource: 'status' }, { ...labelled, status: { replicas: 1, observedGeneration: 1 } });
    expect(withStatus.metadata?.generation).toBe(1);
    const scaled = await h.api.update(named(refs.deployments(), 'web'), { ...withStatus, spec: { ...(withStatus.spec as object), replicas: 3 } });
    expect(scaled.metadata?.generation).toBe(2);
  });
});

describe('finalizers, deletionTimestamp, ownerReferences', () => {
  it('deleting an object with finalizers only sets deletionTimestamp; it goes when the last finalizer is removed', async () => {
    await h.api.create(refs.configmaps(), { ...configMapObject('held'), metadata: { name: 'held', finalizers: ['example.com/hold'] } });
    const marked = await h.api.delete(named(refs.configmaps(), 'held'));
    expect(marked.metadata?.deletionTimestamp).toBe('2025-01-01T00:00:00Z');
    const still = await h.api.get(named(refs.configmaps(), 'held'));
    expect(still.metadata?.deletionTimestamp).toBeDefined();
    await h.api.update(named(refs.configmaps(), 'held'), { ...still, metadata: { ...still.metadata, finalizers: [] } });
    expect((await fail(h.api.get(named(refs.configmaps(), 'held')))).code).toBe(404);
  });

  it('ownerReferences are stored as given (garbage collection is the GC controller’s job)', async () => {
    const owner = await h.api.create(refs.configmaps(), configMapObject('owner'));
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata!.uid!, controller: true, blockOwnerDeletion: true };
    const child = await h.api.create(refs.configmaps(), { ...configMapObject('child'), metadata: { name: 'child', ownerReferences: [ref] } });
    expect(child.metadata?.ownerReferences).toEqual([ref]);
  });

  it('propagationPolicy Foreground adds foregroundDeletion, Orphan adds orphan; background (default) adds nothing', async () => {
    for (const name of ['fg', 'orphan', 'bg']) await h.api.create(refs.configmaps(), configMapObject(name));
    const fg = await h.api.delete(named(refs.configmaps(), 'fg'), { propagationPolicy: 'Foreground' });
    const or = await h.api.delete(named(refs.configmaps(), 'orphan'), { propagationPolicy: 'Orphan' });
    await h.api.delete(named(refs.configmaps(), 'bg'));
    expect(fg.metadata?.finalizers).toEqual(['foregroundDeletion']);
    expect(or.metadata?.finalizers).toEqual(['orphan']);
    expect((await h.api.get(named(refs.configmaps(), 'fg'))).metadata?.deletionTimestamp).toBeDefined();
    expect((await fail(h.api.get(named(refs.configmaps(), 'bg')))).code).toBe(404);
  });
});

describe('defaults applied on the way in', () => {
  it('pods get imagePullPolicy (Always for :latest or no tag, else IfNotPresent), restartPolicy Always, terminationGracePeriodSeconds 30', async () => {
    const pod = podObject('web');
    (pod.spec as { containers: object[] }).containers = [
      { name: 'a', image: 'nginx' },
      { name: 'b', image: 'nginx:latest' },
      { name: 'c', image: 'nginx:1.27' },
    ];
    const created = await h.api.create(refs.pods(), pod);
    const spec = created.spec as { containers: Array<{ imagePullPolicy: string }>; restartPolicy: string; terminationGracePeriodSeconds: number };
    expect(spec.containers.map((c) => c.imagePullPolicy)).toEqual(['Always', 'Always', 'IfNotPresent']);
    expect(spec.restartPolicy).toBe('Always');
    expect(spec.terminationGracePeriodSeconds).toBe(30);
  });

  it('a Service defaults to type ClusterIP; a NodePort outside 30000-32767 is 422 with the upstream message', async () => {
    const svcRef = { group: '', version: 'v1', resource: 'services', namespace: 'default' };
    const svc = (name: string, spec: object): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: 'x' }, ports: [{ port: 80 }], ...spec } });
    const created = await h.api.create(svcRef, svc('plain', {}));
    expect((created.spec as { type: string }).type).toBe('ClusterIP');
    const err = await fail(h.api.create(svcRef, svc('np', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })));
    expect(err.code).toBe(422);
    expect(err.message).toContain('spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767');
  });
});
