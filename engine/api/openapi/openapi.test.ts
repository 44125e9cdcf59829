import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../resources.ts';
import { contentHash, groupVersionPath, openApiV2, openApiV3Document, openApiV3Paths } from './index.ts';

type Doc = { openapi: string; paths: Record<string, Record<string, any>>; components: { schemas: Record<string, any> } };
const v3 = (p: string) => openApiV3Document(p) as Doc;

describe('/openapi/v3 index', () => {
  it('lists one document per served group/version with a hashed serverRelativeURL', () => {
    const { paths } = openApiV3Paths();
    const want = [...new Set(RESOURCES.map((r) => groupVersionPath(r.group, r.version)))].sort();
    expect(Object.keys(paths).sort()).toEqual(want);
    expect(paths['api/v1']?.serverRelativeURL).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{16}$/);
    expect(paths['apis/apps/v1']?.serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=/);
  });
  it('hashes change with the content', () => {
    expect(contentHash('a')).not.toBe(contentHash('b'));
    expect(contentHash('abc')).toBe(contentHash('abc'));
  });
});

describe('per group/version OpenAPI 3.0 documents', () => {
  it('answers undefined for an unknown path', () => {
    expect(openApiV3Document('apis/nope/v1')).toBeUndefined();
  });
  it('names schemas like upstream and tags top-level kinds with x-kubernetes-group-version-kind', () => {
    const d = v3('api/v1');
    expect(d.openapi).toBe('3.0.0');
    expect(d.components.schemas['io.k8s.api.core.v1.Pod']['x-kubernetes-group-version-kind']).toEqual([{ group: '', version: 'v1', kind: 'Pod' }]);
    expect(d.components.schemas['io.k8s.api.core.v1.PodList']['x-kubernetes-group-version-kind']).toEqual([{ group: '', version: 'v1', kind: 'PodList' }]);
    expect(v3('apis/apps/v1').components.schemas['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
  });
  it('resolves every $ref inside the document', () => {
    for (const p of Object.keys(openApiV3Paths().paths)) {
      const d = v3(p);
      const missing: string[] = [];
      JSON.stringify(d, (k, v) => {
        if (k === '$ref') {
          const name = String(v).replace('#/components/schemas/', '');
          if (!d.components.schemas[name]) missing.push(`${p}: ${v}`);
        }
        return v;
      });
      expect(missing).toEqual([]);
    }
  });
  it('carries descriptions, wrapping described refs in allOf', () => {
    const pod = v3('api/v1').components.schemas['io.k8s.api.core.v1.Pod'];
    expect(pod.description).toMatch(/Pod is a collection of containers/);
    expect(pod.properties.spec).toEqual({ allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }], description: expect.stringMatching(/desired behavior/) });
    expect(pod.properties.kind).toMatchObject({ type: 'string' });
    expect(pod.properties.kind.enum).toBeUndefined();
    const container = v3('api/v1').components.schemas['io.k8s.api.core.v1.Container'];
    expect(container.required).toContain('name');
    expect(container.properties.image.description).toMatch(/image name/i);
  });
  it('lists the REST paths of a resource with actions and kinds', () => {
    const d = v3('apis/apps/v1');
    const item = d.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'];
    expect(item?.get['x-kubernetes-action']).toBe('get');
    expect(item?.patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(d.paths['/apis/apps/v1/namespaces/{namespace}/deployments']?.post['x-kubernetes-action']).toBe('post');
    expect(d.paths['/apis/apps/v1/deployments']?.get['x-kubernetes-action']).toBe('list');
    expect(d.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale']?.get['x-kubernetes-group-version-kind']).toEqual({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    expect(v3('api/v1').paths['/api/v1/nodes/{name}']?.get).toBeDefined();
  });
  it('advertises fieldValidation on PATCH (kubectl then validates on the server) but not strategic merge patch', () => {
    const patch = v3('apis/apps/v1').paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']?.patch;
    expect(patch.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toContain('query:fieldValidation');
    expect(Object.keys(patch.requestBody.content)).not.toContain('application/strategic-merge-patch+json');
  });
  it('builds each document once', () => {
    expect(openApiV3Document('api/v1')).toBe(openApiV3Document('api/v1'));
  });
});

describe('/openapi/v2', () => {
  it('is a Swagger 2.0 document with #/definitions refs and no kind tags', () => {
    const d = openApiV2() as { swagger: string; definitions: Record<string, any> };
    expect(d.swagger).toBe('2.0');
    const pod = d.definitions['io.k8s.api.core.v1.Pod'];
    expect(pod.properties.spec.$ref).toBe('#/definitions/io.k8s.api.core.v1.PodSpec');
    expect(pod['x-kubernetes-group-version-kind']).toBeUndefined();
    expect(JSON.stringify(d)).not.toContain('#/components/');
  });
});
