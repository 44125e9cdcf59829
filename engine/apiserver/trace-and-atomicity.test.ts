/**
 * Every write is traced (success or failure, never contents), and nothing writes half: a request
 * that fails at any step leaves the store exactly as it was.
 */
import { describe, expect, it } from 'vitest';
import { newForbidden } from '../api/errors.ts';
import type { AdmissionPluginFactory } from './admission/types.ts';
import { configMapObject, deploymentObject, podObject, refs, startHarness } from './testing.ts';
import { useReferenceHarness, referenceParts } from '../../test/apiserver-harness.ts';

const h = useReferenceHarness();

describe('trace', () => {
  it('records each write with user, reason, verb, resource, namespace/name, code and resourceVersion', async () => {
    h.trace.length = 0;
    const cm = await h.api.create(refs.configmaps(), configMapObject('a'), { user: 'kubectl', reason: 'apply manifest' });
    await h.api.patch({ ...refs.configmaps(), name: 'a' }, 'merge', { data: { x: '1' } }, { user: 'kubectl' });
    await h.api.delete({ ...refs.configmaps(), name: 'a' }, { user: 'kubectl' });
    expect(h.trace).toEqual([
      { time: h.clock.now(), verb: 'create', user: 'kubectl', reason: 'apply manifest', group: '', resource: 'configmaps', namespace: 'default', name: 'a', code: 201, resourceVersion: cm.metadata?.resourceVersion },
      { time: h.clock.now(), verb: 'patch', user: 'kubectl', group: '', resource: 'configmaps', namespace: 'default', name: 'a', code: 200, resourceVersion: String(Number(cm.metadata?.resourceVersion) + 1) },
      { time: h.clock.now(), verb: 'delete', user: 'kubectl', group: '', resource: 'configmaps', namespace: 'default', name: 'a', code: 200, resourceVersion: String(Number(cm.metadata?.resourceVersion) + 2) },
    ]);
  });

  it('records failures with their code and message', async () => {
    h.trace.length = 0;
    await h.api.get({ ...refs.configmaps(), name: 'x' }).catch(() => undefined);
    await h.api.update({ ...refs.configmaps(), name: 'x' }, configMapObject('x'), { user: 'ctl' }).catch(() => undefined);
    expect(h.trace).toEqual([{ time: h.clock.now(), verb: 'update', user: 'ctl', group: '', resource: 'configmaps', namespace: 'default', name: 'x', code: 404, message: 'configmaps "x" not found' }]);
  });

  it('never contains object contents: a Secret’s data cannot leak through it', async () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: 'hunter2-s3cr3t' }, data: { token: btoa('t0k3n-value') } };
    await h.api.create(refs.secrets(), secret);
    await h.api.patch({ ...refs.secrets(), name: 'db' }, 'merge', { data: { more: btoa('another-s3cr3t') } });
    await h.api.create(refs.secrets(), { ...secret, data: { bad: '!!not base64 hunter2-s3cr3t' } }).catch(() => undefined);
    const text = JSON.stringify(h.trace);
    for (const needle of ['hunter2', 't0k3n', btoa('t0k3n-value'), btoa('another-s3cr3t')]) expect(text).not.toContain(needle);
  });

  it('a failed Secret write is recorded with its reason and field paths, not the Status message (which may quote values)', async () => {
    await h.api.create(refs.secrets(), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '12345' } }).catch(() => undefined);
    const last = h.trace.at(-1)!;
    expect([last.code, last.name]).toEqual([422, 'db']);
    expect(last.message).toMatch(/^Invalid: data\[\.dockerconfigjson\]/);
    expect(last.message).not.toContain('12345');
  });
});

describe('nothing writes half', () => {
  it('requests failing at decoding, admission, validation, concurrency or preconditions leave the store unchanged', async () => {
    const d = await h.api.create(refs.deployments(), deploymentObject('web'));
    const cm = await h.api.create(refs.configmaps(), configMapObject('a'));
    await h.api.update({ ...refs.configmaps(), name: 'a' }, { ...cm, data: { v: '2' } });
    const before = await h.kv.range('/registry/', { rangeEnd: '/registry0' });

    const failing: Array<() => Promise<unknown>> = [
      () => h.api.create(refs.configmaps(), { ...configMapObject('b'), apiVersion: 'apps/v1' }), // decode
      () => h.api.create(refs.pods('nowhere'), podObject('p')), // admission
      () => h.api.create(refs.deployments(), deploymentObject('bad', -1)), // validation
      () => h.api.update({ ...refs.configmaps(), name: 'a' }, { ...cm, data: { v: 'stale' } }), // optimistic concurrency
      () => h.api.update({ ...refs.deployments(), name: 'web' }, { ...d, spec: { ...(d.spec as object), replicas: -3 } }), // update validation
      () => h.api.delete({ ...refs.configmaps(), name: 'a' }, { preconditions: { uid: 'nope' } }), // precondition
      () => h.api.patch({ ...refs.configmaps(), name: 'a' }, 'json', [{ op: 'replace', path: '/data/missing/deep', value: 1 }]), // bad patch
      () => h.api.delete({ ...refs.namespaces(), name: 'default' }), // immortal
      () => h.api.create({ ...refs.pods(), name: 'ghost', subresource: 'binding' }, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'ghost' }, target: { name: 'n1' } }),
    ];
    for (const f of failing) await expect(f()).rejects.toThrow();

    const after = await h.kv.range('/registry/', { rangeEnd: '/registry0' });
    expect(after.header.revision).toBe(before.header.revision);
    expect(after.kvs).toEqual(before.kvs);
  });

  it('an admission plugin that throws is a 500 and writes nothing', async () => {
    const broken: AdmissionPluginFactory = () => ({
      name: 'Broken',
      admit: (a) => {
        if (a.resource.resource === 'configmaps') throw new Error('boom');
        return undefined;
      },
    });
    const other = await startHarness({ ...referenceParts, namespaceLifecycle: broken });
    try {
      const rev = other.kv.currentRevision();
      await expect(other.api.create(refs.configmaps(), configMapObject('a'))).rejects.toMatchObject({ code: 500 });
      expect(other.kv.currentRevision()).toBe(rev);
    } finally {
      await other.close();
    }
  });

  it('a plugin’s rejection reaches the client unchanged', async () => {
    const deny: AdmissionPluginFactory = () => ({
      name: 'Deny',
      validate: (a) => (a.resource.resource === 'configmaps' ? newForbidden({ group: '', resource: 'configmaps' }, a.name, 'not today') : undefined),
    });
    const other = await startHarness({ ...referenceParts, namespaceLifecycle: deny });
    try {
      await expect(other.api.create(refs.configmaps(), configMapObject('a'))).rejects.toMatchObject({ code: 403, message: 'configmaps "a" is forbidden: not today' });
    } finally {
      await other.close();
    }
  });
});
