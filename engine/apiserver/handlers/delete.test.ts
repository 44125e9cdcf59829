import { describe, expect, it } from 'vitest';
import { configMapObject, podObject, refs, type Harness } from '../testing.ts';
import { failWithStatus as fail, useReferenceHarness } from '../../../test/apiserver-harness.ts';

const h = useReferenceHarness();
const podRef = (name: string, namespace = 'default') => ({ ...refs.pods(namespace), name });
const exists = async (ref: Parameters<Harness['api']['get']>[0]) => h.api.get(ref).then(() => true, () => false);

describe('delete: pods are deleted gracefully', () => {
  it('a scheduled pod gets deletionTimestamp = now + 30 s and deletionGracePeriodSeconds 30, and stays (202)', async () => {
    await h.api.create(refs.pods(), podObject('web', { nodeName: 'n1' }));
    const out = await h.api.delete(podRef('web'));
    expect(out.metadata?.deletionTimestamp).toBe('2025-01-01T00:00:30Z');
    expect(out.metadata?.deletionGracePeriodSeconds).toBe(30);
    expect(await exists(podRef('web'))).toBe(true);
    expect(h.trace.at(-1)).toMatchObject({ verb: 'delete', code: 202 });
  });

  it('the kubelet’s delete with grace 0 removes it; a longer grace period than pending is ignored', async () => {
    await h.api.create(refs.pods(), podObject('web', { nodeName: 'n1' }));
    const first = await h.api.delete(podRef('web'), { gracePeriodSeconds: 10 });
    const again = await h.api.delete(podRef('web'), { gracePeriodSeconds: 60 });
    expect(again.metadata?.deletionTimestamp).toBe(first.metadata?.deletionTimestamp);
    await h.api.delete(podRef('web'), { gracePeriodSeconds: 0 });
    expect(await exists(podRef('web'))).toBe(false);
  });

  it('a shorter grace period moves deletionTimestamp earlier', async () => {
    await h.api.create(refs.pods(), podObject('web', { nodeName: 'n1' }));
    await h.api.delete(podRef('web'));
    const shorter = await h.api.delete(podRef('web'), { gracePeriodSeconds: 5 });
    expect([shorter.metadata?.deletionTimestamp, shorter.metadata?.deletionGracePeriodSeconds]).toEqual(['2025-01-01T00:00:05Z', 5]);
  });

  it('an unscheduled pod, or one that already finished, is deleted at once', async () => {
    await h.api.create(refs.pods(), podObject('pending'));
    await h.api.delete(podRef('pending'));
    expect(await exists(podRef('pending'))).toBe(false);
    const done = await h.api.create(refs.pods(), podObject('done', { nodeName: 'n1' }));
    await h.api.update({ ...podRef('done'), subresource: 'status' }, { ...done, status: { phase: 'Succeeded' } });
    await h.api.delete(podRef('done'));
    expect(await exists(podRef('done'))).toBe(false);
  });

  it('a deleted object comes back with its last state and the deletion’s revision', async () => {
    await h.api.create(refs.configmaps(), configMapObject('a'));
    const out = await h.api.delete({ ...refs.configmaps(), name: 'a' });
    expect(out.data).toEqual({ k: 'v' });
    expect(out.metadata?.resourceVersion).toBe(String(h.kv.currentRevision()));
  });
});

describe('delete: preconditions and finalizers', () => {
  it('a uid or resourceVersion precondition that does not hold is 409 and deletes nothing', async () => {
    const cm = await h.api.create(refs.configmaps(), configMapObject('a'));
    const ref = { ...refs.configmaps(), name: 'a' };
    const e1 = await fail(h.api.delete(ref, { preconditions: { uid: 'other' } }));
    expect(e1.message).toBe(`Operation cannot be fulfilled on ConfigMap "a": the UID in the precondition (other) does not match the UID in record (${cm.metadata?.uid}). The object might have been deleted and then recreated`);
    const e2 = await fail(h.api.delete(ref, { preconditions: { resourceVersion: '1' } }));
    expect(e2.code).toBe(409);
    expect(await exists(ref)).toBe(true);
    await h.api.delete(ref, { preconditions: { uid: cm.metadata?.uid, resourceVersion: cm.metadata?.resourceVersion } });
    expect(await exists(ref)).toBe(false);
  });

  it('with finalizers only deletionTimestamp and deletionGracePeriodSeconds 0 are set', async () => {
    await h.api.create(refs.configmaps(), { ...configMapObject('a'), metadata: { name: 'a', finalizers: ['x.io/hold'] } });
    const out = await h.api.delete({ ...refs.configmaps(), name: 'a' });
    expect([out.metadata?.deletionTimestamp, out.metadata?.deletionGracePeriodSeconds, out.metadata?.finalizers]).toEqual(['2025-01-01T00:00:00Z', 0, ['x.io/hold']]);
  });

  it('a graceful pod whose finalizer is removed stays until the kubelet deletes it', async () => {
    await h.api.create(refs.pods(), podObject('web', { nodeName: 'n1', finalizers: ['x.io/hold'] }));
    const marked = await h.api.delete(podRef('web'));
    await h.api.update(podRef('web'), { ...marked, metadata: { ...marked.metadata, finalizers: [] } });
    expect(await exists(podRef('web'))).toBe(true);
    await h.api.delete(podRef('web'), { gracePeriodSeconds: 0 });
    expect(await exists(podRef('web'))).toBe(false);
  });
});

describe('delete: namespaces', () => {
  it('deleting a namespace marks it Terminating; new content is refused; deleting again is 409 until it is finalized', async () => {
    await h.api.create(refs.namespaces(), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    await h.api.create(refs.configmaps('team'), configMapObject('a'));
    const ns = await h.api.delete({ ...refs.namespaces(), name: 'team' });
    expect(ns.status).toEqual({ phase: 'Terminating' });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.metadata?.deletionTimestamp).toBeDefined();

    const refused = await fail(h.api.create(refs.configmaps('team'), configMapObject('b')));
    expect(refused.message).toBe('configmaps "b" is forbidden: unable to create new content in namespace team because it is being terminated');
    const again = await fail(h.api.delete({ ...refs.namespaces(), name: 'team' }));
    expect(again.message).toBe('Operation cannot be fulfilled on namespaces "team": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.');

    // What the namespace controller does: empty it, then clear spec.finalizers through /finalize.
    await h.api.delete({ ...refs.configmaps('team'), name: 'a' });
    const current = await h.api.get({ ...refs.namespaces(), name: 'team' });
    await h.api.update({ ...refs.namespaces(), name: 'team', subresource: 'finalize' }, { ...current, spec: { finalizers: [] } });
    expect(await exists({ ...refs.namespaces(), name: 'team' })).toBe(false);
  });

  it('the immortal namespaces cannot be deleted (403)', async () => {
    const err = await fail(h.api.delete({ ...refs.namespaces(), name: 'kube-system' }));
    expect([err.code, err.message]).toEqual([403, 'namespaces "kube-system" is forbidden: this namespace may not be deleted']);
  });
});

describe('deleteCollection', () => {
  it('deletes what the selectors match, in one namespace, and returns those items', async () => {
    await h.api.create(refs.configmaps(), configMapObject('a', {}, { app: 'x' }));
    await h.api.create(refs.configmaps(), configMapObject('b', {}, { app: 'y' }));
    await h.api.create(refs.configmaps('kube-system'), configMapObject('c', {}, { app: 'x' }));
    const out = await h.api.deleteCollection(refs.configmaps(), { labelSelector: 'app=x' });
    expect(out.items.map((o) => o.metadata?.name)).toEqual(['a']);
    expect((await h.api.list(refs.configmaps(''))).items.map((o) => o.metadata?.name)).toEqual(['b', 'c']);
    expect(h.trace.at(-1)).toMatchObject({ verb: 'deletecollection', resource: 'configmaps', namespace: 'default', code: 200 });
  });
});
