import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { refs } from '../testing.ts';
import { failWithStatus as fail, useReferenceHarness } from '../../../test/apiserver-harness.ts';

const h = useReferenceHarness();
const services = () => ({ ...refs.pods(), resource: 'services' });
const service = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec },
});
const svc = (name: string, spec: Record<string, unknown> = {}) => service(name, spec) as KubeObject;
type Spec = { clusterIP?: string; clusterIPs?: string[]; ipFamilies?: string[]; ipFamilyPolicy?: string };
const specOf = (o: KubeObject) => o.spec as Spec;

describe('Service ClusterIP allocation', () => {
  it('gives a ClusterIP Service a free address of 10.96.0.0/12, in clusterIP and clusterIPs', async () => {
    const s = specOf(await h.api.create(services(), svc('web')));
    expect(s.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(s.clusterIPs).toEqual([s.clusterIP]);
    expect(s).toMatchObject({ ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    expect(specOf(await h.api.get({ ...services(), name: 'web' })).clusterIP).toBe(s.clusterIP);
  });

  it('never gives two Services the same address', async () => {
    const ips = new Set<string>();
    for (let i = 0; i < 20; i++) ips.add(specOf(await h.api.create(services(), svc(`s${i}`))).clusterIP!);
    expect(ips.size).toBe(20);
  });

  it('keeps a requested address in range; one outside the range or already used is 422', async () => {
    expect(specOf(await h.api.create(services(), svc('dns', { clusterIP: '10.96.0.10' }))).clusterIP).toBe('10.96.0.10');
    const taken = await fail(h.api.create(services(), service('again', { clusterIP: '10.96.0.10' })));
    expect([taken.code, taken.message]).toEqual([422, 'Service "again" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.10"]: failed to allocate IP 10.96.0.10: provided IP is already allocated']);
    const outside = await fail(h.api.create(services(), service('far', { clusterIP: '192.168.1.1' })));
    expect(outside.code).toBe(422);
    expect(outside.message).toContain('the provided IP (192.168.1.1) is not in the valid range');
  });

  it('allocates nothing for headless and ExternalName Services', async () => {
    expect(specOf(await h.api.create(services(), svc('headless', { clusterIP: 'None' }))).clusterIP).toBe('None');
    const ext = specOf(await h.api.create(services(), { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'example.com' } } as KubeObject));
    expect(ext.clusterIP).toBeUndefined();
  });
});

describe('Service ClusterIP on update', () => {
  it('a PUT that leaves clusterIP out keeps the allocated address', async () => {
    const created = await h.api.create(services(), svc('web'));
    const ip = specOf(created).clusterIP;
    const body = service('web', { ports: [{ port: 8080 }] }) as Record<string, unknown>;
    (body.metadata as Record<string, unknown>).resourceVersion = created.metadata?.resourceVersion;
    const updated = await h.api.update({ ...services(), name: 'web' }, body as KubeObject);
    expect(specOf(updated)).toMatchObject({ clusterIP: ip, clusterIPs: [ip] });
  });

  it('changing the address is still 422: the field is immutable', async () => {
    const created = await h.api.create(services(), svc('web'));
    const err = await fail(h.api.patch({ ...services(), name: 'web' }, 'merge', { spec: { clusterIP: '10.96.5.5', clusterIPs: ['10.96.5.5'] } }));
    expect(err.code).toBe(422);
    expect(specOf(await h.api.get({ ...services(), name: 'web' })).clusterIP).toBe(specOf(created).clusterIP);
  });
});
