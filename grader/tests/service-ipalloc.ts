/**
 * Pristine tests of the exercise `service-ipalloc` (part `service.ipalloc`): a cluster whose
 * apiserver allocates ClusterIPs with the graded part, seen as `kubectl create service` /
 * `kubectl get svc` show it (CLUSTER-IP, the 422 messages), then the allocator's edge cases one by
 * one (engine/apiserver/handlers/ip-allocator-suite.ts).
 *
 * Upstream behaviour checked here: pkg/registry/core/service/storage alloc.go allocClusterIPs (a
 * refused address is `spec.clusterIPs: Invalid value: ["<ip>"]: failed to allocate IP <ip>:
 * <reason>`), pkg/registry/core/service/ipallocator (ErrAllocated, ErrNotInRange, ErrFull) and
 * KEP-3070's static band at the start of the range.
 */
import { expect } from 'vitest';
import type { corev1 } from '../../engine/api/types.ts';
import { parseIPv4, type ClusterIPAllocator } from '../../engine/apiserver/handlers/ip-allocator.ts';
import { ipAllocCases } from '../../engine/apiserver/handlers/ip-allocator-suite.ts';
import { defineExerciseTests, exportOf, type GradeCase } from '../exercise-tests.ts';
import { refused } from './helpers.ts';

const NS = 'default';

function service(name: string, spec: Partial<corev1.ServiceSpec> = {}): corev1.Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 80 }], ...spec } };
}

const inServiceCIDR = (ip: string) => {
  const n = parseIPv4(ip) ?? -1;
  return n > parseIPv4('10.96.0.0')! && n < parseIPv4('10.111.255.255')!;
};

const clusterCases: GradeCase<ClusterIPAllocator>[] = [
  {
    name: 'every new Service gets its own ClusterIP from 10.96.0.0/12, outside the static band, shown in clusterIP and clusterIPs',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster();
      const svcs = c.client('kubectl').services(NS);
      const ips: string[] = [];
      for (let i = 0; i < 12; i++) {
        const s = await svcs.create(service(`web-${i}`));
        t.step(`created service web-${i}: CLUSTER-IP ${s.spec?.clusterIP}`);
        expect(s.spec?.clusterIPs).toEqual([s.spec?.clusterIP]);
        ips.push(s.spec!.clusterIP!);
      }
      expect(new Set(ips).size, 'distinct addresses').toBe(12);
      for (const ip of ips) {
        expect(inServiceCIDR(ip), `${ip} is a usable address of 10.96.0.0/12`).toBe(true);
        expect(parseIPv4(ip)! > parseIPv4('10.96.0.255')!, `${ip} is not in the static band 10.96.0.1-10.96.1.0`).toBe(true);
      }
      // `kubectl get svc web-3` shows what the create returned.
      expect((await svcs.get('web-3')).spec?.clusterIP).toBe(ips[3]);
    },
  },
  {
    name: 'a Service may ask for 10.96.0.10; a second one asking for it gets 422 "provided IP is already allocated"',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster();
      const svcs = c.client('kubectl').services(NS);
      t.step('created service dns with clusterIP 10.96.0.10');
      expect((await svcs.create(service('dns', { clusterIP: '10.96.0.10' }))).spec?.clusterIP).toBe('10.96.0.10');
      const status = await refused(t, 'create service dns2 with clusterIP 10.96.0.10', svcs.create(service('dns2', { clusterIP: '10.96.0.10' })));
      expect([status.code, status.reason]).toEqual([422, 'Invalid']);
      expect(status.message).toBe('Service "dns2" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.10"]: failed to allocate IP 10.96.0.10: provided IP is already allocated');
      // A Service in another namespace shares the same range.
      await refused(t, 'create service dns in kube-system with clusterIP 10.96.0.10', c.client('kubectl').services('kube-system').create(service('dns', { clusterIP: '10.96.0.10' })));
    },
  },
  {
    name: 'an address outside the range, or its network or broadcast address, is 422 "not in the valid range"',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster();
      const svcs = c.client('kubectl').services(NS);
      const far = await refused(t, 'create service far with clusterIP 192.168.1.1', svcs.create(service('far', { clusterIP: '192.168.1.1' })));
      expect(far.code).toBe(422);
      expect(far.message).toBe(
        'Service "far" is invalid: spec.clusterIPs: Invalid value: ["192.168.1.1"]: failed to allocate IP 192.168.1.1: the provided IP (192.168.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
      );
      for (const ip of ['10.96.0.0', '10.111.255.255']) {
        const s = await refused(t, `create service edge with clusterIP ${ip}`, svcs.create(service('edge', { clusterIP: ip })));
        expect(s.message).toContain(`the provided IP (${ip}) is not in the valid range`);
      }
    },
  },
  {
    name: "deleting a Service frees its address: a new Service may ask for it, and the old Service's is no longer listed",
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster();
      const svcs = c.client('kubectl').services(NS);
      const ip = (await svcs.create(service('old'))).spec!.clusterIP!;
      t.step(`created service old: CLUSTER-IP ${ip}`);
      await refused(t, `create service taken with clusterIP ${ip}`, svcs.create(service('taken', { clusterIP: ip })));
      t.step('deleted service old');
      await svcs.delete('old');
      const again = await svcs.create(service('new', { clusterIP: ip }));
      t.step(`created service new with clusterIP ${ip}`);
      expect(again.spec?.clusterIP).toBe(ip);
    },
  },
];

export default defineExerciseTests({
  part: 'service.ipalloc',
  load: (m) => exportOf<ClusterIPAllocator>(m, 'allocateIP'),
  cases: [...clusterCases, ...ipAllocCases.map((c): GradeCase<ClusterIPAllocator> => ({ name: c.name, kind: 'part', run: (allocate) => c.run(allocate) }))],
});
