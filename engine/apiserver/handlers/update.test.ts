import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { configMapObject, deploymentObject, podObject, refs } from '../testing.ts';
import { failWithStatus as fail, useReferenceHarness } from '../../../test/apiserver-harness.ts';

const h = useReferenceHarness();
const cmRef = (name: string) => ({ ...refs.configmaps(), name });
const withoutRv = (o: KubeObject): KubeObject => ({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } });

describe('update', () => {
  it('without resourceVersion an update is unconditional: it overwrites whatever is stored', async () => {
    const cm = await h.api.create(refs.configmaps(), configMapObject('a'));
    await h.api.update(cmRef('a'), { ...cm, data: { k: 'second' } });
    const third = await h.api.update(cmRef('a'), withoutRv({ ...cm, data: { k: 'third' } }));
    expect(third.data).toEqual({ k: 'third' });
  });

  it('an update of a missing object is 404 for kinds that do not allow create-on-update', async () => {
    const err = await fail(h.api.update(cmRef('ghost'), configMapObject('ghost')));
    expect([err.code, err.message]).toEqual([404, 'configmaps "ghost" not found']);
  });

  it('events and leases may be created with a PUT (AllowCreateOnUpdate)', async () => {
    const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node-1' }, spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40 } };
    const created = await h.api.update({ ...refs.leases('kube-node-lease'), name: 'node-1' }, lease);
    expect(created.metadata?.uid).toBeDefined();
    const ev = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e1' }, involvedObject: { kind: 'Pod', name: 'x', namespace: 'default' }, reason: 'R', message: 'm' };
    expect((await h.api.update({ ...refs.events(), name: 'e1' }, ev)).metadata?.name).toBe('e1');
  });

  it('a Lease update without resourceVersion is 422: leases need compare-and-swap', async () => {
    const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l' }, spec: { holderIdentity: 'a' } };
    const created = await h.api.create(refs.leases(), lease);
    const err = await fail(h.api.update({ ...refs.leases(), name: 'l' }, withoutRv({ ...created, spec: { holderIdentity: 'b' } })));
    expect([err.code, err.message]).toEqual([422, 'leases.coordination.k8s.io "l" is invalid: metadata.resourceVersion: Invalid value: 0: must be specified for an update']);
  });

  it('an update that changes nothing writes nothing: same resourceVersion, no new revision', async () => {
    const cm = await h.api.create(refs.configmaps(), configMapObject('a'));
    const rev = h.kv.currentRevision();
    const same = await h.api.update(cmRef('a'), cm);
    expect(same.metadata?.resourceVersion).toBe(cm.metadata?.resourceVersion);
    expect(h.kv.currentRevision()).toBe(rev);
  });

  it('a name in the body that differs from the URL is 400', async () => {
    const cm = await h.api.create(refs.configmaps(), configMapObject('a'));
    const err = await fail(h.api.update(cmRef('b'), cm));
    expect([err.code, err.message]).toEqual([400, 'the name of the object (a) does not match the name on the URL (b)']);
  });

  it('creationTimestamp and uid stay what the server set', async () => {
    const cm = await h.api.create(refs.configmaps(), configMapObject('a'));
    const updated = await h.api.update(cmRef('a'), { ...cm, metadata: { ...cm.metadata, creationTimestamp: '2000-01-01T00:00:00Z', uid: undefined } });
    expect(updated.metadata?.creationTimestamp).toBe(cm.metadata?.creationTimestamp);
    expect(updated.metadata?.uid).toBe(cm.metadata?.uid);
  });

  it('a uid in the body is a precondition: a different uid is 409 Conflict, as upstream', async () => {
    const cm = await h.api.create(refs.configmaps(), configMapObject('a'));
    const err = await fail(h.api.update(cmRef('a'), { ...cm, metadata: { ...cm.metadata, uid: 'other' } }));
    expect([err.code, err.reason]).toEqual([409, 'Conflict']);
    expect(err.message).toMatch(/^Operation cannot be fulfilled on configmaps "a": StorageError: invalid object, Code: 4, Key: .*a, ResourceVersion: 0, /);
    expect(err.message).toContain(`AdditionalErrorMsg: Precondition failed: UID in precondition: other, UID in object meta: ${cm.metadata?.uid}`);
  });

  it('an update cannot remove a deletionTimestamp', async () => {
    await h.api.create(refs.configmaps(), { ...configMapObject('a'), metadata: { name: 'a', finalizers: ['x.io/hold'] } });
    const marked = await h.api.delete(cmRef('a'));
    const updated = await h.api.update(cmRef('a'), { ...marked, metadata: { ...marked.metadata, deletionTimestamp: undefined, labels: { a: 'b' } } });
    expect(updated.metadata?.deletionTimestamp).toBe(marked.metadata?.deletionTimestamp);
  });
});

describe('status subresource', () => {
  it('writes of status through the main resource are ignored', async () => {
    const d = await h.api.create(refs.deployments(), deploymentObject('web'));
    const updated = await h.api.update({ ...refs.deployments(), name: 'web' }, { ...d, status: { replicas: 9 } });
    expect(updated.status).toBeUndefined();
  });

  it('writes of spec or labels through /status are ignored; status changes', async () => {
    const d = await h.api.create(refs.deployments(), deploymentObject('web', 1));
    const body = { ...d, metadata: { ...d.metadata, labels: { sneaky: 'yes' } }, spec: { ...(d.spec as object), replicas: 7 }, status: { replicas: 1 } };
    const updated = await h.api.update({ ...refs.deployments(), name: 'web', subresource: 'status' }, body);
    expect((updated.spec as { replicas: number }).replicas).toBe(1);
    expect(updated.metadata?.labels).toBeUndefined();
    expect(updated.status).toEqual({ replicas: 1 });
  });

  it('a status write with a stale resourceVersion is 409', async () => {
    const pod = await h.api.create(refs.pods(), podObject('p'));
    await h.api.update({ ...refs.pods(), name: 'p', subresource: 'status' }, { ...pod, status: { phase: 'Running' } });
    const err = await fail(h.api.update({ ...refs.pods(), name: 'p', subresource: 'status' }, { ...pod, status: { phase: 'Failed' } }));
    expect(err.code).toBe(409);
  });

  it('kinds without a status subresource have no /status (404)', async () => {
    const cm = await h.api.create(refs.configmaps(), configMapObject('a'));
    expect((await fail(h.api.update({ ...cmRef('a'), subresource: 'status' }, cm))).code).toBe(404);
  });
});

describe('patch', () => {
  it('a JSON merge patch changes only what it names; null deletes', async () => {
    await h.api.create(refs.configmaps(), configMapObject('a', { k: 'v', gone: 'x' }));
    const p = await h.api.patch(cmRef('a'), 'merge', { data: { added: '1', gone: null } });
    expect(p.data).toEqual({ k: 'v', added: '1' });
  });

  it('a JSON patch applies its operations; a failing test op rejects the whole patch', async () => {
    await h.api.create(refs.configmaps(), configMapObject('a'));
    const p = await h.api.patch(cmRef('a'), 'json', [{ op: 'add', path: '/data/x', value: 'y' }]);
    expect(p.data).toEqual({ k: 'v', x: 'y' });
    const rev = h.kv.currentRevision();
    const err = await fail(h.api.patch(cmRef('a'), 'json', [{ op: 'test', path: '/data/x', value: 'nope' }, { op: 'remove', path: '/data/k' }]));
    expect(err.code).toBeGreaterThanOrEqual(400);
    expect(h.kv.currentRevision()).toBe(rev);
  });

  it('a strategic merge patch merges containers by name', async () => {
    const d = deploymentObject('web');
    await h.api.create(refs.deployments(), d);
    const p = await h.api.patch({ ...refs.deployments(), name: 'web' }, 'strategic', {
      spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1.28' }] } } },
    });
    const containers = (p.spec as { template: { spec: { containers: Array<{ name: string; image: string }> } } }).template.spec.containers;
    expect(containers.map((c) => [c.name, c.image])).toEqual([['app', 'nginx:1.28']]);
    expect(p.metadata?.generation).toBe(2);
  });

  it('a patch that names a stale resourceVersion is 409; without one it applies to the latest object', async () => {
    const cm = await h.api.create(refs.configmaps(), configMapObject('a'));
    await h.api.patch(cmRef('a'), 'merge', { data: { n: '1' } });
    const err = await fail(h.api.patch(cmRef('a'), 'merge', { metadata: { resourceVersion: cm.metadata?.resourceVersion }, data: { n: '2' } }));
    expect(err.code).toBe(409);
    expect((await h.api.patch(cmRef('a'), 'merge', { data: { n: '3' } })).data).toEqual({ k: 'v', n: '3' });
  });

  it('patching a missing object is 404', async () => {
    expect((await fail(h.api.patch(cmRef('ghost'), 'merge', { data: {} }))).code).toBe(404);
  });

  it('a patch that makes the object invalid is 422 and changes nothing', async () => {
    await h.api.create(refs.deployments(), deploymentObject('web'));
    const rev = h.kv.currentRevision();
    const err = await fail(h.api.patch({ ...refs.deployments(), name: 'web' }, 'merge', { spec: { replicas: -2 } }));
    expect(err.code).toBe(422);
    expect(h.kv.currentRevision()).toBe(rev);
  });

  it('patching status through /status changes status only', async () => {
    await h.api.create(refs.pods(), podObject('p'));
    const p = await h.api.patch({ ...refs.pods(), name: 'p', subresource: 'status' }, 'merge', { status: { phase: 'Running' }, spec: { nodeName: 'x' } });
    expect((p.status as { phase: string }).phase).toBe('Running');
    expect((p.spec as { nodeName?: string }).nodeName).toBeUndefined();
  });

  it('apply creates a missing object and merges into an existing one', async () => {
    const created = await h.api.patch(cmRef('applied'), 'apply', configMapObject('applied', { a: '1' }));
    expect(created.data).toEqual({ a: '1' });
    const merged = await h.api.patch(cmRef('applied'), 'apply', configMapObject('applied', { b: '2' }));
    expect(merged.data).toEqual({ a: '1', b: '2' });
  });
});
