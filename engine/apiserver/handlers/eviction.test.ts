import { describe, expect, it } from 'vitest';
import { podObject, refs } from '../testing.ts';
import { failWithStatus as fail, useReferenceHarness } from '../../../test/apiserver-harness.ts';

const h = useReferenceHarness();
const evictionRef = (name: string) => ({ ...refs.pods(), name, subresource: 'eviction' });
const eviction = (pod: string, deleteOptions?: Record<string, unknown>) => ({
  apiVersion: 'policy/v1',
  kind: 'Eviction',
  metadata: { name: pod, namespace: 'default' },
  ...(deleteOptions ? { deleteOptions } : {}),
});

describe('eviction subresource (kubectl drain)', () => {
  it('evicting a pod deletes it gracefully and answers 201 with a Success Status', async () => {
    await h.api.create(refs.pods(), podObject('web', { nodeName: 'n1' }));
    const status = await h.api.create(evictionRef('web'), eviction('web'));
    expect(status).toMatchObject({ kind: 'Status', status: 'Success', code: 201 });
    const pod = await h.api.get({ ...refs.pods(), name: 'web' });
    expect(pod.metadata?.deletionTimestamp).toBeDefined();
    expect(pod.metadata?.deletionGracePeriodSeconds).toBe(30);
    expect(h.trace.at(-1)).toMatchObject({ verb: 'create', resource: 'pods', subresource: 'eviction', name: 'web', code: 201 });
  });

  it('honours the Eviction\'s deleteOptions.gracePeriodSeconds', async () => {
    await h.api.create(refs.pods(), podObject('web', { nodeName: 'n1' }));
    await h.api.create(evictionRef('web'), eviction('web', { gracePeriodSeconds: 5 }));
    const pod = await h.api.get({ ...refs.pods(), name: 'web' });
    expect(pod.metadata?.deletionGracePeriodSeconds).toBe(5);
  });

  it('a pod already being deleted is a Success without another change', async () => {
    await h.api.create(refs.pods(), podObject('web', { nodeName: 'n1' }));
    await h.api.delete({ ...refs.pods(), name: 'web' }, { gracePeriodSeconds: 10 });
    const before = await h.api.get({ ...refs.pods(), name: 'web' });
    const status = await h.api.create(evictionRef('web'), eviction('web', { gracePeriodSeconds: 1 }));
    expect(status).toMatchObject({ status: 'Success' });
    const after = await h.api.get({ ...refs.pods(), name: 'web' });
    expect(after.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
  });

  it('an unknown pod is 404 and a name differing from the URL is 400', async () => {
    expect((await fail(h.api.create(evictionRef('ghost'), eviction('ghost')))).message).toBe('pods "ghost" not found');
    await h.api.create(refs.pods(), podObject('web', { nodeName: 'n1' }));
    const err = await fail(h.api.create(evictionRef('web'), eviction('other')));
    expect(err.code).toBe(400);
    expect(err.message).toBe('name in URL does not match name in Eviction object');
  });

  it('a body of another kind is 400 and leaves the pod alone', async () => {
    await h.api.create(refs.pods(), podObject('web', { nodeName: 'n1' }));
    const err = await fail(h.api.create(evictionRef('web'), { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web' } }));
    expect(err.code).toBe(400);
    expect((await h.api.get({ ...refs.pods(), name: 'web' })).metadata?.deletionTimestamp).toBeUndefined();
  });

  it('a dry-run eviction changes nothing', async () => {
    await h.api.create(refs.pods(), podObject('web', { nodeName: 'n1' }));
    await h.api.create(evictionRef('web'), eviction('web'), { dryRun: true });
    expect((await h.api.get({ ...refs.pods(), name: 'web' })).metadata?.deletionTimestamp).toBeUndefined();
  });
});

describe('eviction of an unscheduled pod', () => {
  it('removes it at once, as a delete of a pod with no node does', async () => {
    await h.api.create(refs.pods(), podObject('pending'));
    await h.api.create(evictionRef('pending'), eviction('pending'));
    expect((await fail(h.api.get({ ...refs.pods(), name: 'pending' }))).code).toBe(404);
  });
});
