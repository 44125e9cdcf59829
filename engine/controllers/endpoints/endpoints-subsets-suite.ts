/**
 * The part cases of the `service.endpoints` part: grader/tests/service-endpoints.ts runs them
 * against the learner's part, the self-check against the reference, the stub and the mutants, and
 * endpoints-subsets.test.ts against the reference. Each case throws on failure.
 */
import { expect } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import type { EndpointsSubsets } from './endpoints-subsets.ts';

export interface EndpointsCase {
  name: string;
  run(subsets: EndpointsSubsets): void;
}

interface PodOptions {
  ip?: string;
  ready?: boolean;
  labels?: Record<string, string>;
  ports?: corev1.ContainerPort[];
  phase?: string;
  terminating?: boolean;
  node?: string;
}

export function testPod(name: string, o: PodOptions = {}): corev1.Pod {
  const pod: corev1.Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: o.labels ?? { app: 'web' }, ...(o.terminating ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { nodeName: o.node ?? 'node-1', containers: [{ name: 'web', image: 'nginx', ports: o.ports ?? [{ name: 'http', containerPort: 80 }] }] },
    status: {
      phase: o.phase ?? 'Running',
      podIP: o.ip,
      podIPs: o.ip ? [{ ip: o.ip }] : undefined,
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    },
  };
  return pod;
}

export function testService(spec: Partial<corev1.ServiceSpec> = {}): corev1.Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 80 }], ...spec } };
}

const address = (name: string, ip: string, node = 'node-1'): corev1.EndpointAddress => ({
  ip,
  nodeName: node,
  targetRef: { kind: 'Pod', namespace: 'default', name, uid: `uid-${name}` },
});
const ips = (list: corev1.EndpointAddress[] | undefined) => (list ?? []).map((a) => a.ip);

export const endpointsCases: readonly EndpointsCase[] = [
  {
    name: 'ready pods the selector picks are addresses with nodeName and targetRef; other pods are left out',
    run(subsets) {
      const pods = [testPod('b', { ip: '10.244.2.3', node: 'node-2' }), testPod('a', { ip: '10.244.1.2' }), testPod('x', { ip: '10.244.1.9', labels: { app: 'db' } })];
      expect(subsets(testService(), pods)).toEqual([
        { addresses: [address('a', '10.244.1.2'), address('b', '10.244.2.3', 'node-2')], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
      ]);
    },
  },
  {
    name: 'a pod that is not Ready is listed under notReadyAddresses, a Ready one under addresses',
    run(subsets) {
      const out = subsets(testService(), [testPod('good', { ip: '10.244.1.2' }), testPod('bad', { ip: '10.244.1.3', ready: false })]);
      expect(out).toHaveLength(1);
      expect(ips(out[0]!.addresses)).toEqual(['10.244.1.2']);
      expect(ips(out[0]!.notReadyAddresses)).toEqual(['10.244.1.3']);
    },
  },
  {
    name: 'with publishNotReadyAddresses every pod is an address, terminating ones included',
    run(subsets) {
      const pods = [testPod('a', { ip: '10.244.1.2', ready: false }), testPod('b', { ip: '10.244.1.3', terminating: true }), testPod('c', { ip: '10.244.1.4' })];
      const out = subsets(testService({ publishNotReadyAddresses: true }), pods);
      expect(out).toHaveLength(1);
      expect(ips(out[0]!.addresses)).toEqual(['10.244.1.2', '10.244.1.3', '10.244.1.4']);
      expect(out[0]!.notReadyAddresses).toBeUndefined();
    },
  },
  {
    name: 'pods without an IP, finished pods and terminating pods are no endpoint at all',
    run(subsets) {
      const pods = [
        testPod('pending', {}),
        testPod('done', { ip: '10.244.1.5', phase: 'Succeeded' }),
        testPod('failed', { ip: '10.244.1.6', phase: 'Failed', ready: false }),
        testPod('leaving', { ip: '10.244.1.7', terminating: true }),
        testPod('leaving-unready', { ip: '10.244.1.8', terminating: true, ready: false }),
      ];
      expect(subsets(testService(), pods)).toEqual([]);
      expect(subsets(testService(), [...pods, testPod('ok', { ip: '10.244.1.9' })])).toEqual([
        { addresses: [address('ok', '10.244.1.9')], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
      ]);
    },
  },
  {
    name: 'a named targetPort resolves per pod; pods on different container ports get separate subsets',
    run(subsets) {
      const svc = testService({ ports: [{ name: 'web', port: 80, targetPort: 'http' }] });
      const pods = [
        testPod('on-80', { ip: '10.244.1.2' }),
        testPod('on-8080', { ip: '10.244.1.3', ports: [{ name: 'http', containerPort: 8080 }] }),
        testPod('unnamed', { ip: '10.244.1.4', ports: [{ containerPort: 80 }] }),
        testPod('udp', { ip: '10.244.1.5', ports: [{ name: 'http', containerPort: 80, protocol: 'UDP' }] }),
      ];
      expect(subsets(svc, pods)).toEqual([
        { addresses: [address('on-80', '10.244.1.2')], ports: [{ name: 'web', port: 80, protocol: 'TCP' }] },
        { addresses: [address('on-8080', '10.244.1.3')], ports: [{ name: 'web', port: 8080, protocol: 'TCP' }] },
      ]);
    },
  },
  {
    name: 'a numeric targetPort is used as is, and no targetPort means the Service port',
    run(subsets) {
      const svc = testService({ ports: [{ name: 'a', port: 80, targetPort: 9376 }, { name: 'b', port: 443 }] });
      expect(subsets(svc, [testPod('p', { ip: '10.244.1.2' })])).toEqual([
        { addresses: [address('p', '10.244.1.2')], ports: [{ name: 'a', port: 9376, protocol: 'TCP' }, { name: 'b', port: 443, protocol: 'TCP' }] },
      ]);
    },
  },
  {
    name: 'a headless Service without ports still lists its pods, in a subset without ports',
    run(subsets) {
      const svc = testService({ clusterIP: 'None', ports: undefined });
      expect(subsets(svc, [testPod('p', { ip: '10.244.1.2' })])).toEqual([{ addresses: [address('p', '10.244.1.2')] }]);
      // A Service with ports whose pods serve none of them has no endpoints.
      expect(subsets(testService({ ports: [{ name: 'x', port: 80, targetPort: 'metrics' }] }), [testPod('p', { ip: '10.244.1.2' })])).toEqual([]);
    },
  },
  {
    name: 'the result does not depend on the order of the pods',
    run(subsets) {
      const pods = [testPod('c', { ip: '10.244.1.30' }), testPod('a', { ip: '10.244.1.4', ready: false }), testPod('b', { ip: '10.244.1.100' })];
      expect(subsets(testService(), pods)).toEqual(subsets(testService(), [...pods].reverse()));
      expect(ips(subsets(testService(), pods)[0]!.addresses)).toEqual(['10.244.1.100', '10.244.1.30']);
    },
  },
];
