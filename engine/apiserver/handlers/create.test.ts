import { describe, expect, it } from 'vitest';
import { configMapObject, deploymentObject, podObject, refs, startHarness } from '../testing.ts';
import { failWithStatus as fail, useReferenceHarness, referenceParts } from '../../../test/apiserver-harness.ts';
import { NAME_SUFFIX_ALPHABET } from '../registry/names.ts';

const h = useReferenceHarness();

describe('create: storage', () => {
  it('stores a namespaced object at /registry/<plural>/<namespace>/<name> as JSON without resourceVersion', async () => {
    const created = await h.api.create(refs.configmaps(), configMapObject('settings'));
    const r = await h.kv.range('/registry/configmaps/default/settings');
    expect(r.kvs).toHaveLength(1);
    const stored = JSON.parse(r.kvs[0]!.value);
    expect(stored.metadata.resourceVersion).toBeUndefined();
    expect(stored.data).toEqual({ k: 'v' });
    expect(created.metadata?.resourceVersion).toBe(String(r.kvs[0]!.modRevision));
  });

  it('stores a cluster-scoped object at /registry/<plural>/<name> and drops a namespace it was given', async () => {
    const node = await h.api.create(refs.nodes(), { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', namespace: 'default' } });
    expect(node.metadata?.namespace).toBeUndefined();
    expect((await h.kv.range('/registry/nodes/node-1')).kvs).toHaveLength(1);
  });

  it('sets uid from the seeded random source and creationTimestamp from the cluster clock (RFC 3339, seconds, Z)', async () => {
    await h.clock.advance(5_250);
    const cm = await h.api.create(refs.configmaps(), configMapObject('a'));
    expect(cm.metadata?.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(cm.metadata?.creationTimestamp).toBe('2025-01-01T00:00:05Z');
  });

  it('the same seed gives the same uids: runs are repeatable', async () => {
    const other = await startHarness(referenceParts);
    try {
      const a = await h.api.create(refs.configmaps(), configMapObject('a'));
      const b = await other.api.create(refs.configmaps(), configMapObject('a'));
      expect(a.metadata?.uid).toBe(b.metadata?.uid);
    } finally {
      await other.close();
    }
  });

  it('generateName gets 5 characters from upstream’s alphabet', async () => {
    const cm = await h.api.create(refs.configmaps(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'web-' } });
    const name = cm.metadata?.name ?? '';
    expect(name).toMatch(new RegExp(`^web-[${NAME_SUFFIX_ALPHABET}]{5}$`));
    expect(cm.metadata?.generateName).toBe('web-');
  });

  it('a client cannot set status on create for kinds with a status subresource; pods start Pending', async () => {
    const d = deploymentObject('web');
    d.status = { replicas: 5, readyReplicas: 5 };
    expect((await h.api.create(refs.deployments(), d)).status).toBeUndefined();
    const pod = podObject('p');
    pod.status = { phase: 'Running' };
    expect((await h.api.create(refs.pods(), pod)).status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('a node keeps the status it registers with (the kubelet creates its own Node)', async () => {
    const node = await h.api.create(refs.nodes(), { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { capacity: { cpu: '4' } } });
    expect(node.status).toMatchObject({ capacity: { cpu: '4' } });
  });

  it('dryRun runs the whole chain but writes nothing', async () => {
    const before = h.kv.currentRevision();
    const cm = await h.api.create(refs.configmaps(), configMapObject('dry'), { dryRun: true });
    expect(cm.metadata?.uid).toBeDefined();
    expect(h.kv.currentRevision()).toBe(before);
    expect((await fail(h.api.get({ ...refs.configmaps(), name: 'dry' }))).code).toBe(404);
  });
});

describe('create: bootstrap', () => {
  it('the system namespaces exist at start, Active, with the kubernetes finalizer and the name label', async () => {
    const list = await h.api.list(refs.namespaces());
    expect(list.items.map((n) => n.metadata?.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    const ns = list.items[0]!;
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.metadata?.labels).toEqual({ 'kubernetes.io/metadata.name': 'default' });
  });
});

describe('create: decoding the body', () => {
  it('an apiVersion that does not match the endpoint is 400', async () => {
    const err = await fail(h.api.create(refs.configmaps(), { ...configMapObject('a'), apiVersion: 'apps/v1' }));
    expect([err.code, err.message]).toEqual([400, 'the API version in the data (apps/v1) does not match the expected API version (v1)']);
  });

  it('a kind that does not match the endpoint is 400', async () => {
    const err = await fail(h.api.create(refs.configmaps(), { ...configMapObject('a'), kind: 'Secret' }));
    expect(err.code).toBe(400);
    expect(err.message).toContain('Secret in version "v1" cannot be handled as a ConfigMap');
  });

  it('missing apiVersion and kind are filled in from the endpoint', async () => {
    const cm = await h.api.create(refs.configmaps(), { metadata: { name: 'bare' }, data: {} });
    expect([cm.apiVersion, cm.kind]).toEqual(['v1', 'ConfigMap']);
  });

  it('a namespace in the body that differs from the request’s is 400', async () => {
    const err = await fail(h.api.create(refs.configmaps('default'), { ...configMapObject('a'), metadata: { name: 'a', namespace: 'kube-system' } }));
    expect([err.code, err.message]).toEqual([400, 'the namespace of the provided object does not match the namespace sent on the request']);
  });

  it('a body over 3 MiB is 413 RequestEntityTooLarge', async () => {
    const err = await fail(h.api.create(refs.configmaps(), configMapObject('big', { blob: 'x'.repeat(3 * 1024 * 1024) })));
    expect([err.code, err.reason, err.message]).toEqual([413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728']);
  });

  it('fieldValidation Strict rejects unknown fields with the strict decoding error', async () => {
    const pod = podObject('p');
    (pod.spec as Record<string, unknown>).foo = 1;
    const err = await fail(h.api.create(refs.pods(), pod, { fieldValidation: 'Strict' }));
    expect([err.code, err.message]).toEqual([400, 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo"']);
  });

  it('a strict decoding error of a body without a kind says the object is unrecognized', async () => {
    const pod = podObject('p');
    delete pod.kind;
    (pod.spec as Record<string, unknown>).foo = 1;
    const err = await fail(h.api.create(refs.pods(), pod, { fieldValidation: 'Strict' }));
    expect([err.code, err.message]).toEqual([400, 'the object provided is unrecognized (must be of type Pod): strict decoding error: unknown field "spec.foo" ({"apiVersion":"v1","metadata": ...)']);
  });

  it('fieldValidation Warn (the default) drops unknown fields with a warning; Ignore drops them silently', async () => {
    const pod = (name: string) => {
      const p = podObject(name);
      (p.spec as Record<string, unknown>).foo = 1;
      return p;
    };
    const warned = await h.api.create(refs.pods(), pod('a'));
    expect((warned.spec as Record<string, unknown>).foo).toBeUndefined();
    expect(h.api.warnings().map((w) => w.text)).toEqual(['unknown field "spec.foo"']);
    const ignored = await h.api.create(refs.pods(), pod('b'), { fieldValidation: 'Ignore' });
    expect((ignored.spec as Record<string, unknown>).foo).toBeUndefined();
    expect(h.api.warnings()).toHaveLength(1);
  });

  it('the caller’s object is never modified', async () => {
    const pod = podObject('p');
    const copy = JSON.parse(JSON.stringify(pod));
    await h.api.create(refs.pods(), pod);
    expect(pod).toEqual(copy);
  });
});

describe('create: admission plugins of the engine', () => {
  it('DefaultTolerationSeconds gives pods not-ready and unreachable NoExecute tolerations of 300 s', async () => {
    const pod = await h.api.create(refs.pods(), podObject('p'));
    expect((pod.spec as { tolerations: unknown[] }).tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('a pod that already tolerates a taint keeps its own toleration and gets no default for it', async () => {
    const p = podObject('p');
    (p.spec as Record<string, unknown>).tolerations = [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }];
    const pod = await h.api.create(refs.pods(), p);
    expect((pod.spec as { tolerations: Array<{ key: string; tolerationSeconds: number }> }).tolerations.map((t) => [t.key, t.tolerationSeconds])).toEqual([
      ['node.kubernetes.io/unreachable', 10],
      ['node.kubernetes.io/not-ready', 300],
    ]);
  });

  it('ServiceAccount admission runs pods as the default service account unless they name one', async () => {
    const a = await h.api.create(refs.pods(), podObject('a'));
    const b = podObject('b');
    (b.spec as Record<string, unknown>).serviceAccountName = 'builder';
    const bb = await h.api.create(refs.pods(), b);
    expect((a.spec as { serviceAccountName: string }).serviceAccountName).toBe('default');
    expect((bb.spec as { serviceAccountName: string }).serviceAccountName).toBe('builder');
  });
});

describe('create: events expire', () => {
  it('an Event is stored with a lease and disappears about an hour later (--event-ttl)', async () => {
    const ev = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.1' },
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web' },
      reason: 'Scheduled',
      message: 'assigned',
      type: 'Normal',
    };
    await h.api.create(refs.events(), ev);
    const kv = (await h.kv.range('/registry/events/default/web.1')).kvs[0];
    expect(kv?.lease).not.toBe(0);
    await h.clock.advance(59 * 60 * 1000);
    expect((await h.api.list(refs.events())).items).toHaveLength(1);
    await h.clock.advance(3 * 60 * 1000);
    expect((await h.api.list(refs.events())).items).toHaveLength(0);
  });
});

describe('create: Secret stringData', () => {
  const secretsRef = { group: '', version: 'v1', resource: 'secrets', namespace: 'default' };
  const b64 = (s: string) => btoa(s);

  it('stores stringData as base64 data, stringData winning, and never returns stringData', async () => {
    const created = await h.api.create(secretsRef, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db' },
      data: { user: b64('old'), host: b64('db.local') },
      stringData: { user: 'admin' },
    });
    expect(created.data).toEqual({ user: b64('admin'), host: b64('db.local') });
    expect(created).not.toHaveProperty('stringData');
    const stored = JSON.parse((await h.kv.range('/registry/secrets/default/db')).kvs[0]!.value);
    expect(stored).not.toHaveProperty('stringData');
  });

  it('merges stringData sent in a patch', async () => {
    await h.api.create(secretsRef, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { user: b64('a') } });
    const patched = await h.api.patch({ ...secretsRef, name: 'db' }, 'merge', { stringData: { password: 's3cret' } });
    expect(patched.data).toEqual({ user: b64('a'), password: b64('s3cret') });
    expect(patched).not.toHaveProperty('stringData');
  });
});
