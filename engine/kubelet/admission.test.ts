import { describe, expect, it } from 'vitest';
import type { corev1 } from '../api/types.ts';
import { admitPod, podRequests } from './admission.ts';

const pod = (containers: Array<Record<string, string>>, inits: Array<Record<string, string>> = []): corev1.Pod => ({
  metadata: { name: 'p' },
  spec: {
    containers: containers.map((requests, i) => ({ name: `c${i}`, image: 'nginx', resources: { requests } })),
    initContainers: inits.map((requests, i) => ({ name: `i${i}`, image: 'busybox', resources: { requests } })),
  },
});
const node = { cpu: '4', memory: '8Gi', pods: 110 };

describe('kubelet admission', () => {
  it('a pod requests the sum of its containers, or its largest init container if that is more', () => {
    expect(podRequests(pod([{ cpu: '500m', memory: '1Gi' }, { cpu: '250m' }]))).toEqual({ cpu: 750, memory: 1024 ** 3 });
    expect(podRequests(pod([{ cpu: '500m' }], [{ cpu: '2' }, { cpu: '100m' }]))).toEqual({ cpu: 2000, memory: 0 });
  });

  it('admits what fits and rejects cpu first with OutOfcpu and the upstream message', () => {
    expect(admitPod(pod([{ cpu: '1' }]), [pod([{ cpu: '3' }])], node)).toEqual({ admit: true });
    expect(admitPod(pod([{ cpu: '1500m', memory: '10Gi' }]), [pod([{ cpu: '3' }])], node)).toEqual({
      admit: false,
      reason: 'OutOfcpu',
      message: "Node didn't have enough resource: cpu, requested: 1500, used: 3000, capacity: 4000",
    });
  });

  it('rejects memory with OutOfmemory in bytes', () => {
    expect(admitPod(pod([{ memory: '5Gi' }]), [pod([{ memory: '4Gi' }])], node)).toMatchObject({
      reason: 'OutOfmemory',
      message: `Node didn't have enough resource: memory, requested: ${5 * 1024 ** 3}, used: ${4 * 1024 ** 3}, capacity: ${8 * 1024 ** 3}`,
    });
  });

  it('rejects the pod past --max-pods with OutOfpods', () => {
    expect(admitPod(pod([{}]), [pod([{}]), pod([{}])], { ...node, pods: 2 })).toMatchObject({ reason: 'OutOfpods', message: "Node didn't have enough resource: pods, requested: 1, used: 2, capacity: 2" });
  });

  it('a pod without requests always fits (BestEffort)', () => {
    expect(admitPod(pod([{}]), [pod([{ cpu: '4', memory: '8Gi' }])], node)).toEqual({ admit: true });
  });
});
