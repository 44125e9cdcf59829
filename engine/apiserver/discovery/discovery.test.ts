import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../../api/resources.ts';
import { SERVER_VERSION, apiGroupList, apiResourceList, apiVersions } from './index.ts';

describe('discovery', () => {
  it('serves a server version whose minor kubectl accepts (1.27–1.33)', () => {
    expect(SERVER_VERSION.major).toBe('1');
    expect(Number(SERVER_VERSION.minor)).toBeGreaterThanOrEqual(27);
    expect(Number(SERVER_VERSION.minor)).toBeLessThanOrEqual(33);
    expect(SERVER_VERSION.gitVersion).toMatch(/^v1\.31\.0/);
    expect(SERVER_VERSION.platform).toBe('linux/amd64');
  });

  it('/api lists the core group version v1', () => {
    expect(apiVersions()).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
  });

  it('/apis lists every named group once, with its versions and a preferred version', () => {
    const list = apiGroupList();
    expect(list.kind).toBe('APIGroupList');
    const names = list.groups.map((g) => g.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['apps', 'batch', 'networking.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io', 'storage.k8s.io']));
    expect(names).not.toContain('');
    const apps = list.groups.find((g) => g.name === 'apps');
    expect(apps?.preferredVersion).toEqual({ groupVersion: 'apps/v1', version: 'v1' });
    expect(apps?.versions).toEqual([{ groupVersion: 'apps/v1', version: 'v1' }]);
  });

  it('orders groups by upstream priority (apps, batch, networking, storage, coordination, discovery)', () => {
    const names = apiGroupList().groups.map((g) => g.name);
    expect(names).toEqual(['apps', 'batch', 'networking.k8s.io', 'storage.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io']);
  });

  it('sorts a resource list by name, subresources beside their resource', () => {
    const names = apiResourceList('', 'v1')?.resources.map((r) => r.name) ?? [];
    expect(names).toEqual([...names].sort());
    expect(names.slice(names.indexOf('namespaces'), names.indexOf('namespaces') + 4)).toEqual(['namespaces', 'namespaces/finalize', 'namespaces/status', 'nodes']);
  });

  it('answers undefined for a group/version the engine does not serve', () => {
    expect(apiResourceList('apps', 'v1beta1')).toBeUndefined();
    expect(apiResourceList('nope.example.com', 'v1')).toBeUndefined();
  });

  it('lists pods with upstream verbs, short name, category and subresources', () => {
    const core = apiResourceList('', 'v1');
    expect(core?.groupVersion).toBe('v1');
    const pods = core?.resources.find((r) => r.name === 'pods');
    expect(pods).toEqual({
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
    });
    const byName = new Map(core?.resources.map((r) => [r.name, r]));
    expect(byName.get('pods/status')).toMatchObject({ kind: 'Pod', verbs: ['get', 'patch', 'update'], singularName: '' });
    expect(byName.get('pods/log')).toMatchObject({ kind: 'Pod', verbs: ['get'] });
    expect(byName.get('pods/binding')).toMatchObject({ kind: 'Binding', verbs: ['create'] });
    expect(byName.get('namespaces')?.verbs).not.toContain('deletecollection');
    expect(byName.get('namespaces/finalize')?.verbs).toEqual(['update']);
  });

  it('reports the scale subresource as autoscaling/v1 Scale', () => {
    const scale = apiResourceList('apps', 'v1')?.resources.find((r) => r.name === 'deployments/scale');
    expect(scale).toMatchObject({ kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] });
  });

  it('carries the short names and the `all` category kubectl relies on', () => {
    const all = [...new Set(RESOURCES.map((r) => `${r.group}/${r.version}`))].flatMap((gv) => {
      const [g, v] = gv.split('/') as [string, string];
      return apiResourceList(g, v)?.resources ?? [];
    });
    const short = (n: string) => all.find((r) => r.name === n)?.shortNames;
    expect(short('deployments')).toEqual(['deploy']);
    expect(short('services')).toEqual(['svc']);
    expect(short('configmaps')).toEqual(['cm']);
    expect(short('namespaces')).toEqual(['ns']);
    const inAll = all.filter((r) => r.categories?.includes('all')).map((r) => r.name).sort();
    expect(inAll).toEqual(['cronjobs', 'daemonsets', 'deployments', 'jobs', 'pods', 'replicasets', 'services', 'statefulsets']);
  });

  it('returns copies: a caller mutating a document does not change the next answer', () => {
    const a = apiResourceList('', 'v1');
    a?.resources.splice(0);
    expect(apiResourceList('', 'v1')?.resources.length).toBeGreaterThan(0);
    const g = apiGroupList();
    g.groups.splice(0);
    expect(apiGroupList().groups.length).toBeGreaterThan(0);
  });
});
