import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configMap, serve, type Served } from './testing.ts';

let s: Served;
beforeEach(async () => {
  s = await serve();
});
afterEach(async () => {
  await s.close();
});

const CM = '/api/v1/namespaces/default/configmaps';

describe('the REST verbs over HTTP', () => {
  it('POST creates (201) and GET reads the object back', async () => {
    const created = await s.call(CM, { method: 'POST', json: configMap('a') });
    expect(created.status).toBe(201);
    const got = await s.call(`${CM}/a`);
    expect(got.status).toBe(200);
    expect((await got.json()).data).toEqual({ k: 'v' });
  });

  it('GET on a collection lists, with labelSelector and limit/continue', async () => {
    for (const n of ['a', 'b', 'c']) {
      const cm = { ...configMap(n), metadata: { name: n, namespace: 'default', labels: { app: n === 'c' ? 'x' : 'y' } } };
      await s.call(CM, { method: 'POST', json: cm });
    }
    const all = await (await s.call(CM)).json();
    expect(all.kind).toBe('ConfigMapList');
    expect(all.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['a', 'b', 'c']);
    const sel = await (await s.call(`${CM}?labelSelector=app%3Dy`)).json();
    expect(sel.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['a', 'b']);
    const page = await (await s.call(`${CM}?limit=2`)).json();
    expect(page.items).toHaveLength(2);
    const rest = await (await s.call(`${CM}?limit=2&continue=${encodeURIComponent(page.metadata.continue)}`)).json();
    expect(rest.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['c']);
  });

  it('/api/v1/{resource} lists across namespaces', async () => {
    await s.call(CM, { method: 'POST', json: configMap('a') });
    await s.call('/api/v1/namespaces/kube-system/configmaps', { method: 'POST', json: configMap('b', {}, 'kube-system') });
    const all = await (await s.call('/api/v1/configmaps')).json();
    const names = all.items.map((i: { metadata: { name: string } }) => i.metadata.name);
    expect(names).toContain('a');
    expect(names).toContain('b');
  });

  it('PUT updates and a stale resourceVersion is 409 Conflict', async () => {
    const created = await (await s.call(CM, { method: 'POST', json: configMap('a') })).json();
    const updated = await s.call(`${CM}/a`, { method: 'PUT', json: { ...created, data: { k: 'w' } } });
    expect(updated.status).toBe(200);
    const stale = await s.call(`${CM}/a`, { method: 'PUT', json: { ...created, data: { k: 'z' } } });
    expect(stale.status).toBe(409);
    expect((await stale.json()).reason).toBe('Conflict');
    expect((await (await s.call(`${CM}/a`)).json()).data).toEqual({ k: 'w' });
  });

  it('DELETE removes the object, then GET is a 404 NotFound Status', async () => {
    await s.call(CM, { method: 'POST', json: configMap('a') });
    const del = await s.call(`${CM}/a`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    const body = await del.json();
    expect([body.kind, body.status, body.details.name]).toEqual(['Status', 'Success', 'a']);
    const gone = await s.call(`${CM}/a`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'configmaps "a" not found', code: 404 });
  });

  it('DELETE takes DeleteOptions in the body and preconditions are checked', async () => {
    await s.call(CM, { method: 'POST', json: configMap('a') });
    const bad = await s.call(`${CM}/a`, { method: 'DELETE', json: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: 'not-the-uid' } } });
    expect(bad.status).toBe(409);
    expect((await s.call(`${CM}/a`)).status).toBe(200);
    const badPolicy = await s.call(`${CM}/a`, { method: 'DELETE', json: { propagationPolicy: 'Sideways' } });
    expect(badPolicy.status).toBe(400);
    const ok = await s.call(`${CM}/a?propagationPolicy=Background`, { method: 'DELETE' });
    expect(ok.status).toBe(200);
  });

  it('DELETE on a collection deletes what the selector matches', async () => {
    for (const n of ['a', 'b']) await s.call(CM, { method: 'POST', json: { ...configMap(n), metadata: { name: n, namespace: 'default', labels: { del: n === 'a' ? 'yes' : 'no' } } } });
    const res = await s.call(`${CM}?labelSelector=del%3Dyes`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect((await s.call(`${CM}/a`)).status).toBe(404);
    expect((await s.call(`${CM}/b`)).status).toBe(200);
  });

  it('dryRun=All answers like a create but stores nothing', async () => {
    const res = await s.call(`${CM}?dryRun=All`, { method: 'POST', json: configMap('a') });
    expect(res.status).toBe(201);
    expect((await s.call(`${CM}/a`)).status).toBe(404);
    expect((await s.call(`${CM}?dryRun=Some`, { method: 'POST', json: configMap('a') })).status).toBe(400);
  });

  it('a deployment is served under /apis/apps/v1 with its scale subresource', async () => {
    const dep = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    };
    expect((await s.call('/apis/apps/v1/namespaces/default/deployments', { method: 'POST', json: dep })).status).toBe(201);
    const scale = await s.call('/apis/apps/v1/namespaces/default/deployments/web/scale');
    expect(scale.status).toBe(200);
    expect((await scale.json()).kind).toBe('Scale');
  });

  it('the body kind must match the path: 400 with the upstream message and nothing stored', async () => {
    const res = await s.call(CM, { method: 'POST', json: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } } });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toBe('the API version in the data (apps/v1) does not match the expected API version (v1)');
  });

  it('fieldValidation=Warn answers Warning headers; Strict is a 400', async () => {
    const cm = { ...configMap('a'), bogus: 1 };
    const warn = await s.call(`${CM}?fieldValidation=Warn`, { method: 'POST', json: cm });
    expect(warn.status).toBe(201);
    expect(warn.headers.get('warning')).toBe('299 - "unknown field \\"bogus\\""');
    const strict = await s.call(`${CM}?fieldValidation=Strict`, { method: 'POST', json: { ...cm, metadata: { name: 'b', namespace: 'default' } } });
    expect(strict.status).toBe(400);
    expect((await s.call(`${CM}/b`)).status).toBe(404);
  });
});

describe('namespaces in the path and the body', () => {
  it('a body without a namespace takes the path’s; a different one is a 400', async () => {
    const res = await s.call(CM, { method: 'POST', json: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'n' } } });
    expect(res.status).toBe(201);
    expect((await res.json()).metadata.namespace).toBe('default');
    const other = await s.call(CM, { method: 'POST', json: configMap('m', {}, 'kube-system') });
    expect(other.status).toBe(400);
    expect((await s.call('/api/v1/namespaces/kube-system/configmaps/m')).status).toBe(404);
  });
});

describe('pod subresources over HTTP', () => {
  const PODS = '/api/v1/namespaces/default/pods';
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };

  it('POST pods/{name}/eviction (kubectl drain) answers 201 and the pod goes away', async () => {
    expect((await s.call(PODS, { method: 'POST', json: pod })).status).toBe(201);
    const bad = await s.call(`${PODS}/p/eviction`, { method: 'POST', json: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'other', namespace: 'default' } } });
    expect(bad.status).toBe(400);
    const res = await s.call(`${PODS}/p/eviction`, { method: 'POST', json: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'p', namespace: 'default' } } });
    expect(res.status).toBe(201);
    expect((await res.json()).kind).toBe('Status');
    const after = await s.call(`${PODS}/p`);
    // An unscheduled pod is deleted at once; a running one would be terminating.
    if (after.status === 200) expect((await after.json()).metadata.deletionTimestamp).toBeTruthy();
    else expect(after.status).toBe(404);
  });

  it('POST pods/{name}/binding assigns the node', async () => {
    await s.call(PODS, { method: 'POST', json: pod });
    const res = await s.call(`${PODS}/p/binding`, { method: 'POST', json: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p', namespace: 'default' }, target: { kind: 'Node', name: 'n1' } } });
    expect(res.status).toBe(201);
    expect((await (await s.call(`${PODS}/p`)).json()).spec.nodeName).toBe('n1');
  });
});
