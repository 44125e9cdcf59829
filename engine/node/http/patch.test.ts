import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configMap, serve, type Served } from './testing.ts';

let s: Served;
beforeEach(async () => {
  s = await serve();
  await s.call(CM, { method: 'POST', json: configMap('a', { k: 'v', x: '1' }) });
});
afterEach(async () => {
  await s.close();
});

const CM = '/api/v1/namespaces/default/configmaps';
const patch = (body: string, type: string, query = '') => s.call(`${CM}/a${query}`, { method: 'PATCH', body, headers: { 'content-type': type } });

describe('PATCH by content type', () => {
  it('application/merge-patch+json merges and null removes', async () => {
    const r = await patch(JSON.stringify({ data: { k: 'w', x: null } }), 'application/merge-patch+json');
    expect(r.status).toBe(200);
    expect((await r.json()).data).toEqual({ k: 'w' });
  });

  it('application/strategic-merge-patch+json (what kubectl apply sends)', async () => {
    const r = await patch(JSON.stringify({ data: { n: '2' } }), 'application/strategic-merge-patch+json');
    expect(r.status).toBe(200);
    expect((await r.json()).data).toEqual({ k: 'v', x: '1', n: '2' });
  });

  it('application/json-patch+json applies operations', async () => {
    const r = await patch(JSON.stringify([{ op: 'replace', path: '/data/k', value: 'z' }]), 'application/json-patch+json');
    expect(r.status).toBe(200);
    expect((await r.json()).data.k).toBe('z');
  });

  it('application/apply-patch+yaml takes YAML with a fieldManager (server-side apply)', async () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\ndata:\n  k: applied\n';
    const r = await patch(yaml, 'application/apply-patch+yaml', '?fieldManager=kubectl&force=true');
    expect(r.status).toBe(200);
    expect((await r.json()).data.k).toBe('applied');
  });

  it('a server-side apply that creates the object answers 201 Created, and 200 once it exists', async () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fresh\n  namespace: default\ndata:\n  k: new\n';
    const apply = () => s.call(`${CM}/fresh?fieldManager=kubectl`, { method: 'PATCH', body: yaml, headers: { 'content-type': 'application/apply-patch+yaml' } });
    const created = await apply();
    expect(created.status).toBe(201);
    expect((await created.json()).data).toEqual({ k: 'new' });
    expect((await apply()).status).toBe(200);
  });

  it('an unknown patch content type is 415 and changes nothing', async () => {
    const r = await patch(JSON.stringify({ data: { k: 'no' } }), 'text/plain');
    expect(r.status).toBe(415);
    expect((await r.json()).reason).toBe('UnsupportedMediaType');
    expect((await (await s.call(`${CM}/a`)).json()).data.k).toBe('v');
  });

  it('malformed patch bodies are 400 BadRequest Statuses', async () => {
    const bad = await patch('{"data":', 'application/merge-patch+json');
    expect(bad.status).toBe(400);
    expect((await bad.json()).reason).toBe('BadRequest');
    const badYaml = await patch('a: [b', 'application/apply-patch+yaml', '?fieldManager=m');
    expect(badYaml.status).toBe(400);
  });
});
