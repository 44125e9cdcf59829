import { afterEach, describe, expect, it } from 'vitest';
import { StatusError } from '../../api/errors.ts';
import type { corev1 } from '../../api/types.ts';
import { createCluster, type Cluster } from '../../cluster/index.ts';

const clusters: Cluster[] = [];
afterEach(async () => {
  await Promise.all(clusters.splice(0).map((c) => c.close()));
});
async function services(ns = 'default') {
  const c = await createCluster();
  clusters.push(c);
  return { c, svcs: c.client().services(ns), other: c.client().services('kube-system') };
}
type Port = corev1.ServicePort;
const svc = (name: string, type: string, ports: Port[] = [{ port: 80 }]): corev1.Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { type, selector: { app: name }, ports },
});
const nodePorts = (s: corev1.Service) => (s.spec?.ports ?? []).map((p) => p.nodePort);
async function failure(p: Promise<unknown>): Promise<StatusError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  if (!(e instanceof StatusError)) throw new Error(`expected a StatusError, got ${String(e)}`);
  return e;
}
const inRange = (n: number | undefined) => n !== undefined && n >= 30000 && n <= 32767;

describe('NodePort allocation on create', () => {
  it('gives every port of a NodePort Service a nodePort in 30000-32767, stored', async () => {
    const { svcs } = await services();
    const created = await svcs.create(svc('web', 'NodePort', [{ name: 'http', port: 80 }, { name: 'https', port: 443 }]));
    const [a, b] = nodePorts(created);
    expect(inRange(a) && inRange(b)).toBe(true);
    expect(a).not.toBe(b);
    expect(nodePorts(await svcs.get('web'))).toEqual([a, b]);
  });

  it('gives LoadBalancer Services nodePorts too, and ClusterIP Services none', async () => {
    const { svcs } = await services();
    expect(inRange(nodePorts(await svcs.create(svc('lb', 'LoadBalancer')))[0])).toBe(true);
    expect(nodePorts(await svcs.create(svc('plain', 'ClusterIP')))).toEqual([undefined]);
  });

  it('never hands out a port twice, across namespaces', async () => {
    const { svcs, other } = await services();
    const seen = new Set<number>();
    for (let i = 0; i < 15; i++) {
      const to = i % 2 ? svcs : other;
      for (const n of nodePorts(await to.create(svc(`s${i}`, 'NodePort', [{ name: 'a', port: 80 }, { name: 'b', port: 81 }])))) seen.add(n!);
    }
    expect(seen.size).toBe(30);
  });

  it('keeps a requested nodePort and allocates only the ports without one', async () => {
    const { svcs } = await services();
    const created = await svcs.create(svc('web', 'NodePort', [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81 }]));
    const [a, b] = nodePorts(created);
    expect(a).toBe(30080);
    expect(inRange(b) && b !== 30080).toBe(true);
  });

  it('refuses a nodePort outside the range with the upstream 422', async () => {
    const { svcs } = await services();
    const err = await failure(svcs.create(svc('web', 'NodePort', [{ port: 80, nodePort: 99999 }])));
    expect([err.code, err.message]).toEqual([422, 'Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 99999: provided port is not in the valid range. The range of valid ports is 30000-32767']);
  });

  it('refuses a nodePort another Service holds with 422 already allocated', async () => {
    const { svcs, other } = await services();
    await other.create(svc('first', 'NodePort', [{ port: 80, nodePort: 30080 }]));
    const err = await failure(svcs.create(svc('second', 'NodePort', [{ name: 'x', port: 81 }, { name: 'y', port: 80, nodePort: 30080 }])));
    expect([err.code, err.message]).toEqual([422, 'Service "second" is invalid: spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated']);
  });

  it('frees the ports when the Service is deleted', async () => {
    const { svcs } = await services();
    await svcs.create(svc('first', 'NodePort', [{ port: 80, nodePort: 30080 }]));
    await svcs.delete('first');
    expect(nodePorts(await svcs.create(svc('second', 'NodePort', [{ port: 80, nodePort: 30080 }])))).toEqual([30080]);
  });
});

describe('NodePorts on update', () => {
  it('a PUT that leaves nodePort out (kubectl apply) keeps the allocated ports, by port name', async () => {
    const { svcs } = await services();
    const created = await svcs.create(svc('web', 'NodePort', [{ name: 'http', port: 80 }, { name: 'https', port: 443 }]));
    const updated = await svcs.update({ ...svc('web', 'NodePort', [{ name: 'https', port: 8443 }, { name: 'http', port: 8080 }]), metadata: { name: 'web', resourceVersion: created.metadata?.resourceVersion } });
    const [http, https] = nodePorts(created);
    expect(nodePorts(updated)).toEqual([https, http]);
  });

  it('changing the type back to ClusterIP clears the nodePorts, releasing them', async () => {
    const { svcs } = await services();
    const created = await svcs.create(svc('web', 'NodePort'));
    const port = nodePorts(created)[0]!;
    const patched = await svcs.patch('web', 'merge', { spec: { type: 'ClusterIP' } });
    expect(patched.spec?.type).toBe('ClusterIP');
    expect(nodePorts(patched)).toEqual([undefined]);
    expect(nodePorts(await svcs.create(svc('next', 'NodePort', [{ port: 80, nodePort: port }])))).toEqual([port]);
  });
});
