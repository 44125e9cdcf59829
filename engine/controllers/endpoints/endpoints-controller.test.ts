/**
 * The Endpoints and EndpointSlice controllers on a virtual-clock cluster with two simulated nodes
 * (scheduler, kubelets and the default controllers running). Everything is observed via the API.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { corev1, discoveryv1 } from '../../api/types.ts';
import { createCluster, type Cluster } from '../../cluster/index.ts';

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

const S = 1000;

function pod(name: string, extra: Partial<corev1.Container> = {}, labels: Record<string, string> = { app: 'web' }): corev1.Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }], ...extra }] },
  };
}

function service(name: string, spec: Partial<corev1.ServiceSpec> = {}): corev1.Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 80 }], ...spec } };
}

async function setup(seed: string) {
  cluster = await createCluster({ nodes: 2, seed });
  const c = cluster;
  const admin = c.client('kubectl');
  const endpoints = async (name: string) => {
    try {
      return await admin.endpoints('default').get(name);
    } catch {
      return undefined;
    }
  };
  const slices = async (svc: string) => (await admin.endpointslices('default').list({ labelSelector: `kubernetes.io/service-name=${svc}` })).items as discoveryv1.EndpointSlice[];
  const until = async (cond: () => Promise<boolean>, ms = 120 * S) => expect(await c.clock.runUntil(cond, { timeoutMs: ms })).toBe(true);
  const podIP = async (name: string) => (await admin.pods('default').get(name)).status?.podIP;
  return { c, admin, endpoints, slices, until, podIP };
}

const readyIPs = (ep: corev1.Endpoints | undefined) => (ep?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)).sort();
const notReadyIPs = (ep: corev1.Endpoints | undefined) => (ep?.subsets ?? []).flatMap((s) => (s.notReadyAddresses ?? []).map((a) => a.ip)).sort();
const sliceEndpoints = (ss: discoveryv1.EndpointSlice[]) => ss.flatMap((s) => s.endpoints ?? []);

describe('Endpoints and EndpointSlice controllers', () => {
  it('ready pods of a Service appear as addresses with targetRef and nodeName, and in a managed IPv4 slice', async () => {
    const { admin, endpoints, slices, until, podIP } = await setup('ep-ready');
    await admin.services('default').create(service('web'));
    await admin.pods('default').create(pod('web-1'));
    await admin.pods('default').create(pod('web-2'));
    await admin.pods('default').create(pod('other', {}, { app: 'other' }));
    await until(async () => readyIPs(await endpoints('web')).length === 2);

    const ep = (await endpoints('web'))!;
    expect(readyIPs(ep)).toEqual([await podIP('web-1'), await podIP('web-2')].sort());
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets![0]!.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);
    for (const a of ep.subsets![0]!.addresses!) {
      expect(a.nodeName).toMatch(/^node-/);
      expect(a.targetRef).toMatchObject({ kind: 'Pod', namespace: 'default' });
      expect(['web-1', 'web-2']).toContain(a.targetRef!.name);
    }

    await until(async () => sliceEndpoints(await slices('web')).filter((e) => e.conditions?.ready).length === 2);
    const [slice, ...more] = await slices('web');
    expect(more).toEqual([]);
    const svc = await admin.services('default').get('web');
    expect(slice!.metadata?.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice!.addressType).toBe('IPv4');
    expect(slice!.metadata?.labels).toMatchObject({ 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(slice!.metadata?.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata?.uid, controller: true, blockOwnerDeletion: true }]);
    expect(slice!.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);
    for (const e of slice!.endpoints!) {
      expect(e.conditions).toEqual({ ready: true, serving: true, terminating: false });
      expect(e.nodeName).toMatch(/^node-/);
      expect(e.targetRef?.kind).toBe('Pod');
    }
  });

  it('a pod whose readiness probe fails is listed in notReadyAddresses and as ready=false, serving=false', async () => {
    const { admin, endpoints, slices, until, podIP } = await setup('ep-notready');
    await admin.services('default').create(service('web'));
    await admin.pods('default').create(pod('good', { readinessProbe: { httpGet: { path: '/', port: 80 } } }));
    await admin.pods('default').create(pod('bad', { readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 1 } }));
    await until(async () => {
      const ep = await endpoints('web');
      return readyIPs(ep).length === 1 && notReadyIPs(ep).length === 1;
    });
    const ep = await endpoints('web');
    expect(readyIPs(ep)).toEqual([await podIP('good')]);
    expect(notReadyIPs(ep)).toEqual([await podIP('bad')]);

    await until(async () => sliceEndpoints(await slices('web')).length === 2 && sliceEndpoints(await slices('web')).some((e) => e.conditions?.ready));
    const bad = sliceEndpoints(await slices('web')).find((e) => e.targetRef?.name === 'bad');
    expect(bad?.conditions).toEqual({ ready: false, serving: false, terminating: false });
  });

  it('a named targetPort resolves per pod; a pod without that container port name is left out', async () => {
    const { admin, endpoints, slices, until, podIP } = await setup('ep-named');
    await admin.services('default').create(service('web', { ports: [{ name: 'web', port: 80, targetPort: 'http' }] }));
    await admin.pods('default').create(pod('on-80'));
    await admin.pods('default').create(pod('on-8080', { image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }));
    await admin.pods('default').create(pod('unnamed', { ports: [{ containerPort: 80 }] }));
    await until(async () => readyIPs(await endpoints('web')).length === 2);
    const ep = (await endpoints('web'))!;
    const byPort = Object.fromEntries(ep.subsets!.map((s) => [s.ports![0]!.port, s.addresses!.map((a) => a.ip)]));
    expect(byPort).toEqual({ 80: [await podIP('on-80')], 8080: [await podIP('on-8080')] });

    await until(async () => (await slices('web')).length === 2);
    const ports = (await slices('web')).map((s) => s.ports![0]!.port).sort();
    expect(ports).toEqual([80, 8080]);
    expect(sliceEndpoints(await slices('web')).map((e) => e.targetRef?.name).sort()).toEqual(['on-80', 'on-8080']);
  });

  it('a deleted pod leaves the Endpoints; while terminating it stays in the slice with ready=false', async () => {
    const { admin, endpoints, slices, until } = await setup('ep-delete');
    await admin.services('default').create(service('web'));
    await admin.pods('default').create(pod('web-1'));
    await admin.pods('default').create(pod('web-2'));
    await until(async () => readyIPs(await endpoints('web')).length === 2);
    await admin.pods('default').delete('web-1');
    await until(async () => readyIPs(await endpoints('web')).length === 1);
    expect((await endpoints('web'))!.subsets![0]!.addresses!.map((a) => a.targetRef?.name)).toEqual(['web-2']);
    // The slice either still shows web-1 terminating (ready false) or has dropped it already.
    const seen = sliceEndpoints(await slices('web')).find((e) => e.targetRef?.name === 'web-1');
    if (seen) expect(seen.conditions).toMatchObject({ ready: false, terminating: true });
    await until(async () => sliceEndpoints(await slices('web')).map((e) => e.targetRef?.name).join() === 'web-2');
  });

  it('deleting the Service removes its Endpoints and EndpointSlices', async () => {
    const { admin, endpoints, slices, until } = await setup('ep-svc-delete');
    await admin.services('default').create(service('web'));
    await admin.pods('default').create(pod('web-1'));
    await until(async () => readyIPs(await endpoints('web')).length === 1 && (await slices('web')).length === 1);
    await admin.services('default').delete('web');
    await until(async () => (await endpoints('web')) === undefined && (await slices('web')).length === 0);
  });

  it('a headless Service (clusterIP None) still gets Endpoints and slices, labelled headless', async () => {
    const { admin, endpoints, slices, until, podIP } = await setup('ep-headless');
    await admin.services('default').create(service('db', { clusterIP: 'None' }));
    await admin.pods('default').create(pod('web-1'));
    await until(async () => readyIPs(await endpoints('db')).length === 1);
    const ep = (await endpoints('db'))!;
    expect(readyIPs(ep)).toEqual([await podIP('web-1')]);
    expect(ep.metadata?.labels).toHaveProperty('service.kubernetes.io/headless');
    await until(async () => sliceEndpoints(await slices('db')).length === 1);
  });

  it('a Service without a selector is left alone: its hand-made Endpoints is kept, no slice is made', async () => {
    const { admin, endpoints, slices, c } = await setup('ep-noselector');
    await admin.services('default').create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { ports: [{ port: 80 }] } });
    await admin.endpoints('default').create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ext' }, subsets: [{ addresses: [{ ip: '192.0.2.1' }], ports: [{ port: 80 }] }] });
    await admin.pods('default').create(pod('web-1'));
    await c.clock.advance(30 * S);
    expect(readyIPs(await endpoints('ext'))).toEqual(['192.0.2.1']);
    expect(await slices('ext')).toEqual([]);
  });
});
