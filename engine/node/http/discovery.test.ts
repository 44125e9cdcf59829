import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configMap, serve, type Served } from './testing.ts';

let s: Served;
beforeEach(async () => {
  s = await serve();
});
afterEach(async () => {
  await s.close();
});

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

describe('discovery, version, health', () => {
  it('/version answers a 1.31 server version kubectl accepts', async () => {
    const v = await (await s.call('/version')).json();
    expect([v.major, v.minor]).toEqual(['1', '31']);
    expect(v.gitVersion).toMatch(/^v1\.31\./);
  });

  it('/api, /apis and the group-version resource lists', async () => {
    expect((await (await s.call('/api')).json()).versions).toEqual(['v1']);
    const groups = await (await s.call('/apis')).json();
    expect(groups.kind).toBe('APIGroupList');
    expect(groups.groups.map((g: { name: string }) => g.name)).toContain('apps');
    const core = await (await s.call('/api/v1')).json();
    expect(core.kind).toBe('APIResourceList');
    expect(core.resources.map((r: { name: string }) => r.name)).toContain('pods');
    const apps = await (await s.call('/apis/apps/v1')).json();
    expect(apps.groupVersion).toBe('apps/v1');
    expect((await s.call('/apis/apps/v2')).status).toBe(404);
    const group = await (await s.call('/apis/apps')).json();
    expect([group.kind, group.name, group.preferredVersion.groupVersion]).toEqual(['APIGroup', 'apps', 'apps/v1']);
    expect((await s.call('/apis/nope')).status).toBe(404);
    expect((await s.call('/api/v2')).status).toBe(404);
  });

  it('/healthz, /readyz, /livez answer ok; ?verbose lists the checks', async () => {
    for (const p of ['/healthz', '/readyz', '/livez']) {
      const r = await s.call(p);
      expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await r.text()).toBe('ok');
    }
    const v = await (await s.call('/readyz?verbose')).text();
    expect(v).toContain('[+]ping ok');
    expect(v.trimEnd().endsWith('readyz check passed')).toBe(true);
  });
});

describe('Tables for kubectl get', () => {
  it('answers a list as a meta.k8s.io/v1 Table with a row per object', async () => {
    await s.call('/api/v1/namespaces/default/configmaps', { method: 'POST', json: configMap('a') });
    const t = await (await s.call('/api/v1/namespaces/default/configmaps', { headers: { accept: TABLE } })).json();
    expect([t.kind, t.apiVersion]).toEqual(['Table', 'meta.k8s.io/v1']);
    expect(t.columnDefinitions[0].name).toBe('Name');
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0].cells[0]).toBe('a');
    expect(t.metadata.resourceVersion).toBeTruthy();
  });

  it('answers a single get as a one-row Table, and plain JSON without the Accept', async () => {
    await s.call('/api/v1/namespaces/default/configmaps', { method: 'POST', json: configMap('a') });
    const t = await (await s.call('/api/v1/namespaces/default/configmaps/a', { headers: { accept: TABLE } })).json();
    expect(t.kind).toBe('Table');
    expect(t.rows).toHaveLength(1);
    expect((await (await s.call('/api/v1/namespaces/default/configmaps/a')).json()).kind).toBe('ConfigMap');
  });
});

describe('OpenAPI', () => {
  it('answers the protobuf-only /openapi/v2 request kubectl falls back to with 406, JSON requests with the document', async () => {
    const r = await s.call('/openapi/v2', { headers: { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' } });
    expect(r.status).toBe(406);
    expect((await r.json()).kind).toBe('Status');
    const json = await s.call('/openapi/v2', { headers: { accept: 'application/json' } });
    expect(json.status).toBe(200);
  });

  it('/openapi/v3 lists the group-version documents, each served as JSON; unknown ones are 404', async () => {
    const index = await (await s.call('/openapi/v3', { headers: { accept: 'application/json, */*' } })).json();
    expect(Object.keys(index.paths)).toContain('apis/apps/v1');
    const url: string = index.paths['apis/apps/v1'].serverRelativeURL;
    const doc = await s.call(url, { headers: { accept: 'application/json' } });
    expect(doc.status).toBe(200);
    expect((await doc.json()).openapi).toMatch(/^3\./);
    expect((await s.call('/openapi/v3/apis/nope/v1')).status).toBe(404);
  });
});
