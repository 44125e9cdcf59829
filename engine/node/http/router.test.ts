import { describe, expect, it } from 'vitest';
import { route } from './router.ts';

const res = (path: string) => {
  const r = route(path);
  return r.kind === 'resource' ? { plural: r.info.plural, namespace: r.namespace, name: r.name, subresource: r.subresource, watch: r.watch } : r;
};

describe('route', () => {
  it('reads namespaced, cluster-wide and group paths as upstream lays them out', () => {
    expect(res('/api/v1/namespaces/default/pods/web/log')).toEqual({ plural: 'pods', namespace: 'default', name: 'web', subresource: 'log', watch: false });
    expect(res('/api/v1/pods')).toEqual({ plural: 'pods', namespace: undefined, name: undefined, subresource: undefined, watch: false });
    expect(res('/apis/apps/v1/namespaces/x/deployments/d/scale')).toMatchObject({ plural: 'deployments', namespace: 'x', name: 'd', subresource: 'scale' });
    expect(res('/api/v1/nodes/n1/status')).toMatchObject({ plural: 'nodes', name: 'n1', subresource: 'status' });
    expect(res('/api/v1/watch/namespaces/default/pods')).toMatchObject({ plural: 'pods', namespace: 'default', watch: true });
  });

  it('tells a Namespace and its subresources from a namespaced path', () => {
    expect(res('/api/v1/namespaces/team')).toMatchObject({ plural: 'namespaces', name: 'team', namespace: undefined });
    expect(res('/api/v1/namespaces/team/finalize')).toMatchObject({ plural: 'namespaces', name: 'team', subresource: 'finalize' });
    expect(res('/api/v1/namespaces/team/configmaps')).toMatchObject({ plural: 'configmaps', namespace: 'team' });
  });

  it('answers discovery and meta paths', () => {
    expect(route('/api').kind).toBe('api');
    expect(route('/apis').kind).toBe('apis');
    expect(route('/api/v1')).toEqual({ kind: 'groupVersion', group: '', version: 'v1' });
    expect(route('/apis/apps/v1')).toEqual({ kind: 'groupVersion', group: 'apps', version: 'v1' });
    expect(route('/version').kind).toBe('version');
    expect(route('/readyz')).toEqual({ kind: 'health', check: 'readyz' });
    expect(route('/openapi/v3/apis/apps/v1')).toEqual({ kind: 'openapiV3', path: 'apis/apps/v1' });
    expect(route('/openapi/v2').kind).toBe('openapiV2');
  });

  it('is 404 for unknown resources, wrong scope and extra segments', () => {
    for (const p of ['/api/v1/widgets', '/apis/nope/v1/things', '/api/v1/namespaces/x/nodes', '/api/v1/pods/web', '/api/v1/namespaces/x/pods/a/b/c', '/foo', '/api/v1/namespaces/%zz/pods']) {
      expect(route(p).kind, p).toBe('notFound');
    }
  });
});
