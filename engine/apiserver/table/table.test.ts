import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { RESOURCES, findResource } from '../../api/resources.ts';
import { toTable } from './index.ts';

const NOW = Date.parse('2024-01-01T01:00:00Z');
const CREATED = '2024-01-01T00:00:00Z';
const info = (g: string, plural: string) => findResource(g, 'v1', plural)!;
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: 'default', creationTimestamp: CREATED, uid: 'u1', resourceVersion: '7', ...extra });
const columns = (g: string, plural: string, wide = false) => toTable(info(g, plural), [], { now: NOW }).columnDefinitions.filter((c) => wide || c.priority === 0).map((c) => c.name.toUpperCase());
const row = (g: string, plural: string, o: KubeObject) => toTable(info(g, plural), [o], { now: NOW }).rows[0]!.cells;

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1' }, { name: 'side', image: 'busybox' }] } };

describe('Table envelope', () => {
  it('is a meta.k8s.io/v1 Table carrying the list metadata', () => {
    const t = toTable(info('', 'configmaps'), [], { now: NOW, listMeta: { resourceVersion: '42' } });
    expect(t).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '42' }, rows: [] });
  });
  it('puts PartialObjectMetadata in rows by default, the object with Object, nothing with None', () => {
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('c'), data: { a: 'b' } };
    const i = info('', 'configmaps');
    expect(toTable(i, [cm], { now: NOW }).rows[0]?.object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: cm.metadata });
    expect(toTable(i, [cm], { now: NOW, includeObject: 'Object' }).rows[0]?.object).toBe(cm);
    expect(toTable(i, [cm], { now: NOW, includeObject: 'None' }).rows[0]).not.toHaveProperty('object');
  });
  it('gives every row as many cells as there are columns, for every served kind', () => {
    for (const r of RESOURCES) {
      const o: KubeObject = { apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind, metadata: meta('x') };
      const t = toTable(r, [o], { now: NOW });
      expect(t.rows[0]?.cells.length, r.plural).toBe(t.columnDefinitions.length);
      // Events list their name last and wide (printers.go eventColumnDefinitions), without the name format.
      expect(t.columnDefinitions.filter((c) => c.name === 'Name').length, r.plural).toBe(1);
    }
  });
});

describe('upstream columns and cells', () => {
  it('deployments: NAME READY UP-TO-DATE AVAILABLE AGE (+ CONTAINERS IMAGES SELECTOR)', () => {
    expect(columns('apps', 'deployments', true)).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    const d: KubeObject = { metadata: meta('web'), spec: { replicas: 3, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] }, template }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } };
    expect(row('apps', 'deployments', d)).toEqual(['web', '2/3', 3, 2, '60m', 'web,side', 'nginx:1,busybox', 'app=web,tier in (a,b)']);
  });
  it('replicasets: NAME DESIRED CURRENT READY AGE', () => {
    expect(columns('apps', 'replicasets')).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);
    expect(row('apps', 'replicasets', { metadata: meta('rs'), spec: { replicas: 2, template }, status: { replicas: 2 } }).slice(0, 5)).toEqual(['rs', 2, 2, 0, '60m']);
  });
  it('daemonsets and statefulsets', () => {
    expect(columns('apps', 'daemonsets')).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE']);
    expect(columns('apps', 'statefulsets')).toEqual(['NAME', 'READY', 'AGE']);
    expect(row('apps', 'statefulsets', { metadata: meta('db'), spec: { replicas: 3, template }, status: { readyReplicas: 1 } }).slice(0, 3)).toEqual(['db', '1/3', '60m']);
  });
  it('services: TYPE CLUSTER-IP EXTERNAL-IP PORT(S)', () => {
    expect(columns('', 'services')).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
    const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject => ({ metadata: meta('s'), spec, status });
    expect(row('', 'services', svc({ type: 'ClusterIP', clusterIP: '10.96.0.10', ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }], selector: { k: 'v' } }))).toEqual(['s', 'ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP', '60m', 'k=v']);
    expect(row('', 'services', svc({ type: 'NodePort', clusterIP: '10.96.0.11', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] }))[4]).toBe('80:30080/TCP');
    expect(row('', 'services', svc({ type: 'LoadBalancer', clusterIP: '10.96.0.12', ports: [] }))[3]).toBe('<pending>');
    expect(row('', 'services', svc({ type: 'LoadBalancer', clusterIP: '10.96.0.12' }, { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } }))[3]).toBe('1.2.3.4');
    expect(row('', 'services', svc({ type: 'ExternalName', externalName: 'example.com' }))[2]).toBe('<none>');
  });
  it('nodes: STATUS Ready / NotReady / Unknown, SchedulingDisabled when cordoned, ROLES from labels', () => {
    expect(columns('', 'nodes')).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    const node = (ready: string | undefined, unschedulable = false, labels: Record<string, string> = {}): KubeObject => ({
      metadata: meta('n', { namespace: undefined, labels }),
      spec: { unschedulable },
      status: { conditions: ready ? [{ type: 'Ready', status: ready }] : [], nodeInfo: { kubeletVersion: 'v1.31.0' }, addresses: [{ type: 'InternalIP', address: '172.18.0.2' }] },
    });
    expect(row('', 'nodes', node('True')).slice(0, 5)).toEqual(['n', 'Ready', '<none>', '60m', 'v1.31.0']);
    expect(row('', 'nodes', node('False'))[1]).toBe('NotReady');
    expect(row('', 'nodes', node(undefined))[1]).toBe('Unknown');
    expect(row('', 'nodes', node('True', true))[1]).toBe('Ready,SchedulingDisabled');
    expect(row('', 'nodes', node('True', false, { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'edge' }))[2]).toBe('control-plane,edge');
    expect(row('', 'nodes', node('True'))[5]).toBe('172.18.0.2');
  });
  it('namespaces, configmaps, secrets, serviceaccounts', () => {
    expect(row('', 'namespaces', { metadata: meta('ns'), status: { phase: 'Terminating' } })).toEqual(['ns', 'Terminating', '60m']);
    expect(row('', 'configmaps', { metadata: meta('c'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } })).toEqual(['c', 3, '60m']);
    expect(columns('', 'secrets')).toEqual(['NAME', 'TYPE', 'DATA', 'AGE']);
    expect(row('', 'secrets', { metadata: meta('s'), type: 'Opaque', data: { a: 'YQ==' } })).toEqual(['s', 'Opaque', 1, '60m']);
    expect(row('', 'serviceaccounts', { metadata: meta('default') })).toEqual(['default', 0, '60m']);
  });
  it('events: LAST SEEN TYPE REASON OBJECT MESSAGE, with the name as a wide last column', () => {
    expect(columns('', 'events')).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(columns('', 'events', true)).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME']);
    const ev: KubeObject = { metadata: meta('p.1'), type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/p to node-1 ', involvedObject: { kind: 'Pod', name: 'p' }, source: { component: 'default-scheduler' }, firstTimestamp: '2024-01-01T00:50:00Z', lastTimestamp: '2024-01-01T00:59:00Z', count: 2 };
    expect(row('', 'events', ev)).toEqual(['60s', 'Normal', 'Scheduled', 'pod/p', '', 'default-scheduler', 'Successfully assigned default/p to node-1', '10m', 2, 'p.1']);
  });
  it('jobs: STATUS COMPLETIONS DURATION', () => {
    expect(columns('batch', 'jobs')).toEqual(['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE']);
    const job = (status: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject => ({ metadata: meta('j'), spec: { template, ...spec }, status });
    expect(row('batch', 'jobs', job({ succeeded: 1, startTime: '2024-01-01T00:00:00Z', completionTime: '2024-01-01T00:00:42Z', conditions: [{ type: 'Complete', status: 'True' }] }, { completions: 1 })).slice(0, 5)).toEqual(['j', 'Complete', '1/1', '42s', '60m']);
    expect(row('batch', 'jobs', job({ startTime: '2024-01-01T00:58:00Z', active: 1 })).slice(1, 4)).toEqual(['Running', '0/1', '2m']);
    expect(row('batch', 'jobs', job({ conditions: [{ type: 'Failed', status: 'True' }] }, { parallelism: 3 })).slice(1, 3)).toEqual(['Failed', '0/1 of 3']);
  });
  it('cronjobs: SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE', () => {
    expect(columns('batch', 'cronjobs')).toEqual(['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE']);
    expect(row('batch', 'cronjobs', { metadata: meta('c'), spec: { schedule: '*/5 * * * *', suspend: false, jobTemplate: { spec: { template } } }, status: { lastScheduleTime: '2024-01-01T00:55:00Z' } }).slice(0, 7)).toEqual(['c', '*/5 * * * *', '<none>', 'False', 0, '5m', '60m']);
  });
  it('leases, endpoints, ingresses, persistent volume claims', () => {
    expect(row('coordination.k8s.io', 'leases', { metadata: meta('node-1'), spec: { holderIdentity: 'node-1' } })).toEqual(['node-1', 'node-1', '60m']);
    const ep: KubeObject = { metadata: meta('web'), subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: '10.0.0.3' }, { ip: '10.0.0.4' }], ports: [{ port: 80 }] }] };
    expect(row('', 'endpoints', ep)[1]).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...');
    expect(row('', 'endpoints', { metadata: meta('none') })[1]).toBe('<none>');
    expect(row('networking.k8s.io', 'ingresses', { metadata: meta('i'), spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com' }, {}] } })).toEqual(['i', 'nginx', 'a.example.com,*', '', '80', '60m']);
    expect(columns('', 'persistentvolumeclaims')).toEqual(['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE']);
    expect(row('', 'persistentvolumeclaims', { metadata: meta('data'), spec: { volumeName: 'pv1', storageClassName: 'standard' }, status: { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] } }).slice(0, 7)).toEqual(['data', 'Bound', 'pv1', '1Gi', 'RWO', 'standard', '<unset>']);
  });
  it('a claim or volume being deleted (held by its protection finalizer) shows STATUS Terminating', () => {
    const deleting = { ...meta('data'), deletionTimestamp: '2025-01-01T00:00:00Z' };
    expect(row('', 'persistentvolumeclaims', { metadata: deleting, spec: { volumeName: 'pv1' }, status: { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] } })[1]).toBe('Terminating');
    expect(row('', 'persistentvolumes', { metadata: deleting, spec: { capacity: { storage: '1Gi' } }, status: { phase: 'Bound' } })[4]).toBe('Terminating');
  });
  it('kinds without a printer get NAME AGE', () => {
    const fake = { ...info('', 'configmaps'), plural: 'widgets', kind: 'Widget' };
    const t = toTable(fake, [{ metadata: meta('w') }], { now: NOW });
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Age']);
    expect(t.rows[0]?.cells).toEqual(['w', '60m']);
  });
});
