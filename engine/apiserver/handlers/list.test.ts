import { describe, expect, it } from 'vitest';
import { configMapObject, podObject, refs } from '../testing.ts';
import { failWithStatus as fail, useReferenceHarness } from '../../../test/apiserver-harness.ts';
import { CONTINUE_EXPIRED_MESSAGE } from './list.ts';

const h = useReferenceHarness();
const names = (l: { items: Array<{ metadata?: { name?: string } }> }) => l.items.map((o) => o.metadata?.name);

describe('list', () => {
  it('is a <Kind>List in the group’s apiVersion, items sorted by namespace then name, resourceVersion = the store revision', async () => {
    await h.api.create(refs.configmaps('kube-system'), configMapObject('b'));
    await h.api.create(refs.configmaps(), configMapObject('z'));
    await h.api.create(refs.configmaps(), configMapObject('a'));
    const all = await h.api.list(refs.configmaps(''));
    expect([all.kind, all.apiVersion]).toEqual(['ConfigMapList', 'v1']);
    expect(all.items.map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`)).toEqual(['default/a', 'default/z', 'kube-system/b']);
    expect(all.metadata.resourceVersion).toBe(String(h.kv.currentRevision()));
    expect((await h.api.list(refs.deployments())).kind).toBe('DeploymentList');
    expect((await h.api.list(refs.deployments())).apiVersion).toBe('apps/v1');
  });

  it('a namespace’s list never includes a namespace whose name starts the same', async () => {
    await h.api.create(refs.namespaces(), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    await h.api.create(refs.namespaces(), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-b' } });
    await h.api.create(refs.configmaps('team'), configMapObject('one'));
    await h.api.create(refs.configmaps('team-b'), configMapObject('two'));
    expect(names(await h.api.list(refs.configmaps('team')))).toEqual(['one']);
  });

  it('filters by label selector and by field selector', async () => {
    await h.api.create(refs.pods(), podObject('a', { labels: { app: 'web', tier: 'fe' }, nodeName: 'n1' }));
    await h.api.create(refs.pods(), podObject('b', { labels: { app: 'web' } }));
    await h.api.create(refs.pods(), podObject('c', { labels: { app: 'db' }, nodeName: 'n1' }));
    expect(names(await h.api.list(refs.pods(), { labelSelector: 'app=web' }))).toEqual(['a', 'b']);
    expect(names(await h.api.list(refs.pods(), { labelSelector: 'app in (web,db),!tier' }))).toEqual(['b', 'c']);
    expect(names(await h.api.list(refs.pods(), { fieldSelector: 'spec.nodeName=n1' }))).toEqual(['a', 'c']);
    expect(names(await h.api.list(refs.pods(), { fieldSelector: 'spec.nodeName=', labelSelector: 'app' }))).toEqual(['b']);
  });

  it('a malformed selector is 400 BadRequest', async () => {
    expect((await fail(h.api.list(refs.pods(), { labelSelector: 'app in (' }))).code).toBe(400);
    const err = await fail(h.api.list(refs.pods(), { fieldSelector: 'spec.foo=1' }));
    expect([err.code, err.message]).toEqual([400, 'field label not supported: spec.foo']);
  });

  it('limit + continue with selectors still fills pages and reports remainingItemCount without them', async () => {
    for (let i = 0; i < 6; i++) await h.api.create(refs.configmaps(), configMapObject(`cm-${i}`, {}, { even: String(i % 2 === 0) }));
    const p1 = await h.api.list(refs.configmaps(), { limit: 2, labelSelector: 'even=true' });
    const p2 = await h.api.list(refs.configmaps(), { limit: 2, labelSelector: 'even=true', continue: p1.metadata.continue });
    expect([...names(p1), ...names(p2)]).toEqual(['cm-0', 'cm-2', 'cm-4']);
    expect(p2.metadata.continue).toBeUndefined();
    const plain = await h.api.list(refs.configmaps(), { limit: 4 });
    expect(plain.metadata.remainingItemCount).toBe(2);
  });

  it('a continue token whose revision was compacted is 410 Expired with the upstream message', async () => {
    for (let i = 0; i < 3; i++) await h.api.create(refs.configmaps(), configMapObject(`cm-${i}`));
    const p1 = await h.api.list(refs.configmaps(), { limit: 1 });
    await h.api.create(refs.configmaps(), configMapObject('later'));
    await h.kv.compact(h.kv.currentRevision());
    const err = await fail(h.api.list(refs.configmaps(), { limit: 1, continue: p1.metadata.continue }));
    expect([err.code, err.reason, err.message]).toEqual([410, 'Expired', CONTINUE_EXPIRED_MESSAGE]);
    expect(err.message.startsWith('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter')).toBe(true);
  });

  it('a garbled continue token is 400', async () => {
    expect((await fail(h.api.list(refs.configmaps(), { continue: '!!!' }))).code).toBe(400);
    expect((await fail(h.api.list(refs.configmaps(), { continue: btoa('{"v":"meta.k8s.io/v1","rv":5,"start":"../secrets/x"}') }))).code).toBe(400);
  });

  it('resourceVersionMatch=Exact reads the past; NotOlderThan reads the latest; a future version is 504', async () => {
    const cm = await h.api.create(refs.configmaps(), configMapObject('a', { v: '1' }));
    await h.api.update({ ...refs.configmaps(), name: 'a' }, { ...cm, data: { v: '2' } });
    const rv = cm.metadata!.resourceVersion!;
    const exact = await h.api.list(refs.configmaps(), { resourceVersion: rv, resourceVersionMatch: 'Exact' });
    expect(exact.items[0]?.data).toEqual({ v: '1' });
    expect(exact.metadata.resourceVersion).toBe(rv);
    const newer = await h.api.list(refs.configmaps(), { resourceVersion: rv, resourceVersionMatch: 'NotOlderThan' });
    expect(newer.items[0]?.data).toEqual({ v: '2' });
    const future = await fail(h.api.list(refs.configmaps(), { resourceVersion: '9999' }));
    expect([future.code, future.reason]).toEqual([504, 'Timeout']);
    expect(future.message).toBe(`Too large resource version: 9999, current: ${h.kv.currentRevision()}`);
  });

  it('an Exact list at a compacted revision is 410 Expired', async () => {
    const cm = await h.api.create(refs.configmaps(), configMapObject('a'));
    await h.api.create(refs.configmaps(), configMapObject('b'));
    await h.kv.compact(h.kv.currentRevision());
    const err = await fail(h.api.list(refs.configmaps(), { resourceVersion: cm.metadata?.resourceVersion, resourceVersionMatch: 'Exact' }));
    expect([err.code, err.reason, err.message]).toEqual([410, 'Expired', 'The resourceVersion for the provided list is too old.']);
  });

  it('resourceVersionMatch without a resourceVersion is 422, and a resourceVersion with continue is 400', async () => {
    const e1 = await fail(h.api.list(refs.configmaps(), { resourceVersionMatch: 'Exact' }));
    expect(e1.message).toBe('ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided');
    for (let i = 0; i < 2; i++) await h.api.create(refs.configmaps(), configMapObject(`cm-${i}`));
    const p1 = await h.api.list(refs.configmaps(), { limit: 1 });
    const e2 = await fail(h.api.list(refs.configmaps(), { limit: 1, continue: p1.metadata.continue, resourceVersion: '3' }));
    expect([e2.code, e2.message]).toEqual([400, 'specifying resource version is not allowed when using continue']);
  });

  it('an unknown resource is 404 the server could not find the requested resource', async () => {
    const err = await fail(h.api.list({ group: '', version: 'v1', resource: 'widgets' }));
    expect([err.code, err.message]).toEqual([404, 'the server could not find the requested resource']);
  });
});
