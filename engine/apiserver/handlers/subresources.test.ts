import { describe, expect, it } from 'vitest';
import { deploymentObject, podObject, refs } from '../testing.ts';
import { failWithStatus as fail, useReferenceHarness } from '../../../test/apiserver-harness.ts';

const h = useReferenceHarness();
const scaleRef = (name: string) => ({ ...refs.deployments(), name, subresource: 'scale' });
const binding = (pod: string, node: string) => ({ apiVersion: 'v1', kind: 'Binding', metadata: { name: pod }, target: { apiVersion: 'v1', kind: 'Node', name: node } });

describe('scale subresource', () => {
  it('reads an autoscaling/v1 Scale with spec.replicas, status.replicas and the selector as a string', async () => {
    const d = await h.api.create(refs.deployments(), deploymentObject('web', 3));
    await h.api.update({ ...refs.deployments(), name: 'web', subresource: 'status' }, { ...d, status: { replicas: 2 } });
    const scale = await h.api.get(scaleRef('web'));
    expect(scale).toMatchObject({ apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 3 }, status: { replicas: 2, selector: 'app=web' } });
  });

  it('writing a Scale changes spec.replicas of the object and bumps its generation', async () => {
    await h.api.create(refs.deployments(), deploymentObject('web', 1));
    const scale = await h.api.get(scaleRef('web'));
    const out = await h.api.update(scaleRef('web'), { ...scale, spec: { replicas: 5 } });
    expect(out.kind).toBe('Scale');
    const d = await h.api.get({ ...refs.deployments(), name: 'web' });
    expect((d.spec as { replicas: number }).replicas).toBe(5);
    expect(d.metadata?.generation).toBe(2);
  });

  it('a negative replica count is 422 on Scale.autoscaling', async () => {
    await h.api.create(refs.deployments(), deploymentObject('web', 1));
    const scale = await h.api.get(scaleRef('web'));
    const err = await fail(h.api.update(scaleRef('web'), { ...scale, spec: { replicas: -1 } }));
    expect(err.message).toBe('Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });

  it('a Scale with a stale resourceVersion is 409; a merge patch of the Scale works', async () => {
    await h.api.create(refs.deployments(), deploymentObject('web', 1));
    const scale = await h.api.get(scaleRef('web'));
    await h.api.patch(scaleRef('web'), 'merge', { spec: { replicas: 2 } });
    expect((await fail(h.api.update(scaleRef('web'), { ...scale, spec: { replicas: 4 } }))).code).toBe(409);
    expect(((await h.api.get(scaleRef('web'))).spec as { replicas: number }).replicas).toBe(2);
  });

  it('kinds without scale have no /scale (404)', async () => {
    expect((await fail(h.api.get({ ...refs.pods(), name: 'x', subresource: 'scale' }))).code).toBe(404);
  });
});

describe('binding subresource', () => {
  it('binding a pod sets spec.nodeName and PodScheduled=True and answers a Success Status', async () => {
    await h.api.create(refs.pods(), podObject('web'));
    const status = await h.api.create({ ...refs.pods(), name: 'web', subresource: 'binding' }, binding('web', 'n1'), { user: 'system:kube-scheduler' });
    expect(status).toMatchObject({ kind: 'Status', status: 'Success', code: 201 });
    const pod = await h.api.get({ ...refs.pods(), name: 'web' });
    expect((pod.spec as { nodeName: string }).nodeName).toBe('n1');
    expect((pod.status as { conditions: unknown[] }).conditions).toContainEqual({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:00Z' });
    expect(h.trace.at(-1)).toMatchObject({ verb: 'create', resource: 'pods', subresource: 'binding', name: 'web', code: 201, user: 'system:kube-scheduler' });
  });

  it('a pod is bound once: binding it again is 409 Conflict on pods/binding', async () => {
    await h.api.create(refs.pods(), podObject('web'));
    await h.api.create({ ...refs.pods(), name: 'web', subresource: 'binding' }, binding('web', 'n1'));
    const err = await fail(h.api.create({ ...refs.pods(), name: 'web', subresource: 'binding' }, binding('web', 'n2')));
    expect([err.code, err.reason]).toEqual([409, 'Conflict']);
    expect(err.message).toBe('Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "n1"');
  });

  it('binding a missing pod is 404; a binding without target is 422', async () => {
    expect((await fail(h.api.create({ ...refs.pods(), name: 'ghost', subresource: 'binding' }, binding('ghost', 'n1')))).code).toBe(404);
    await h.api.create(refs.pods(), podObject('web'));
    const err = await fail(h.api.create({ ...refs.pods(), name: 'web', subresource: 'binding' }, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web' }, target: {} }));
    expect(err.code).toBe(422);
  });

  it('a binding whose uid precondition does not match is 409', async () => {
    await h.api.create(refs.pods(), podObject('web'));
    const b = binding('web', 'n1');
    const err = await fail(h.api.create({ ...refs.pods(), name: 'web', subresource: 'binding' }, { ...b, metadata: { name: 'web', uid: 'not-the-uid' } }));
    expect(err.code).toBe(409);
  });
});
