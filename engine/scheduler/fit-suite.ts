/**
 * The behaviour cases of the `scheduler.fit` part (NodeResourcesFit's Filter). The first cases
 * watch a real cluster the way a user would (`kubectl describe pod`); the rest call the part.
 */
import { expect } from 'vitest';
import type { corev1 } from '../api/types.ts';
import { resourceFromList, type Resource } from './framework/resource.ts';
import type { FitPart, NodeResources } from './parts.ts';
import { failingCases, withScheduler, type PartCase } from './part-suite.ts';
import type { SchedulerParts } from './parts.ts';
import { makeNode, makePod } from './testing.ts';

const node = (alloc: Record<string, string>, requested: Record<string, string> = {}, podCount = 0): NodeResources => ({
  allocatable: resourceFromList({ pods: '110', ...alloc }),
  requested: resourceFromList(requested),
  podCount,
});
const req = (list: Record<string, string>): Resource => resourceFromList(list);
const container = (name: string, requests: Record<string, string>, restartPolicy?: string): corev1.Container =>
  ({ name, image: 'busybox', resources: { requests }, ...(restartPolicy ? { restartPolicy } : {}) }) as corev1.Container;
const reasons = (part: FitPart, r: Resource, n: NodeResources) => part.fitsRequest(r, n).map((x) => x.reason);

export const fitCases: readonly PartCase<FitPart>[] = [
  {
    name: 'a pod that requests more CPU than any node has stays Pending with `0/3 nodes are available: 3 Insufficient cpu.`',
    kind: 'cluster',
    async run(fit, base) {
      await withScheduler({ ...base, fit }, async (h) => {
        await h.addNodes(makeNode('node-1', { cpu: '2' }), makeNode('node-2', { cpu: '2' }), makeNode('node-3', { cpu: '2' }));
        await h.createPod(makePod('big', { cpu: '64' }));
        expect(await h.waitUnschedulable('big', 10_000)).toMatch(/^0\/3 nodes are available: 3 Insufficient cpu\. /);
        expect((await h.getPod('big')).spec?.nodeName).toBeUndefined();
      });
    },
  },
  {
    name: 'CPU requested by pods already on the node is not free: the next pod waits, a smaller one fits',
    kind: 'cluster',
    async run(fit, base) {
      await withScheduler({ ...base, fit }, async (h) => {
        await h.addNodes(makeNode('node-1', { cpu: '2' }));
        await h.createPod(makePod('first', { cpu: '1500m' }));
        expect(await h.waitBound('first', 10_000)).toBe('node-1');
        await h.createPod(makePod('second', { cpu: '1' }));
        expect(await h.waitUnschedulable('second', 10_000)).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
        await h.createPod(makePod('small', { cpu: '500m' }));
        expect(await h.waitBound('small', 10_000)).toBe('node-1');
      });
    },
  },
  {
    name: 'an init container that needs more CPU than the node has keeps the pod Pending, however small its app containers are',
    kind: 'cluster',
    async run(fit, base) {
      await withScheduler({ ...base, fit }, async (h) => {
        await h.addNodes(makeNode('node-1', { cpu: '2' }));
        await h.createPod(makePod('migrate', { cpu: '500m', initContainers: [container('init-db', { cpu: '3' })] }));
        expect(await h.waitUnschedulable('migrate', 10_000)).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
        await h.createPod(makePod('warmup', { cpu: '500m', initContainers: [container('init-cache', { cpu: '1500m' })] }));
        expect(await h.waitBound('warmup', 10_000)).toBe('node-1');
      });
    },
  },
  {
    name: 'a node that already runs as many pods as it allows rejects the next one with `Too many pods`',
    kind: 'cluster',
    async run(fit, base) {
      await withScheduler({ ...base, fit }, async (h) => {
        await h.addNodes(makeNode('node-1', { pods: '1' }));
        await h.createPod(makePod('first'));
        expect(await h.waitBound('first', 10_000)).toBe('node-1');
        await h.createPod(makePod('second'));
        expect(await h.waitUnschedulable('second', 10_000)).toMatch(/^0\/1 nodes are available: 1 Too many pods\./);
      });
    },
  },
  {
    name: 'a pod short of both CPU and memory on a node gets both reasons: `0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.`',
    kind: 'cluster',
    async run(fit, base) {
      await withScheduler({ ...base, fit }, async (h) => {
        await h.addNodes(makeNode('node-1', { cpu: '1', memory: '1Gi' }));
        await h.createPod(makePod('db', { cpu: '2', memory: '8Gi' }));
        expect(await h.waitUnschedulable('db', 10_000)).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory\./);
      });
    },
  },
  {
    name: 'pod requests: app containers add up; the largest init container raises them (max rule)',
    kind: 'part',
    run(fit) {
      const pod = makePod('p');
      pod.spec = {
        containers: [container('a', { cpu: '1', memory: '1Gi' }), container('b', { cpu: '500m', memory: '1Gi' })],
        initContainers: [container('i1', { cpu: '3' }), container('i2', { cpu: '100m', memory: '3Gi' })],
      };
      const r = fit.podRequests(pod);
      expect(r.milliCPU).toBe(3000);
      expect(r.memory).toBe(3 * 1024 ** 3);
      pod.spec.initContainers = [container('i1', { cpu: '1' })];
      expect(fit.podRequests(pod).milliCPU).toBe(1500);
    },
  },
  {
    name: 'pod requests: sidecars (init containers with restartPolicy Always) add up, and overhead is added',
    kind: 'part',
    run(fit) {
      const pod = makePod('p');
      pod.spec = {
        containers: [container('a', { cpu: '1' })],
        initContainers: [container('sidecar', { cpu: '500m' }, 'Always'), container('init', { cpu: '1' })],
        overhead: { cpu: '250m' },
      };
      // app 1 + sidecar 0.5 = 1.5; init 1 runs next to the sidecar: 1.5; overhead 0.25.
      expect(fit.podRequests(pod).milliCPU).toBe(1750);
    },
  },
  {
    name: 'every missing resource is a reason: Insufficient cpu and Insufficient memory together',
    kind: 'part',
    run(fit) {
      const n = node({ cpu: '2', memory: '2Gi' }, { cpu: '1500m', memory: '1Gi' }, 3);
      expect(reasons(fit, req({ cpu: '1', memory: '2Gi' }), n)).toEqual(['Insufficient cpu', 'Insufficient memory']);
      expect(reasons(fit, req({ cpu: '1' }), n)).toEqual(['Insufficient cpu']);
      expect(reasons(fit, req({ cpu: '500m', memory: '1Gi' }), n)).toEqual([]);
    },
  },
  {
    name: 'a node at its pod limit rejects with `Too many pods`, even a pod that requests nothing',
    kind: 'part',
    run(fit) {
      const full = node({ cpu: '4', memory: '4Gi', pods: '3' }, {}, 3);
      expect(reasons(fit, req({}), full)).toEqual(['Too many pods']);
      const busy = node({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }, 2);
      expect(reasons(fit, req({}), busy)).toEqual([]);
    },
  },
  {
    name: 'extended resources are checked by name: `Insufficient nvidia.com/gpu`',
    kind: 'part',
    run(fit) {
      const n = node({ cpu: '4', memory: '4Gi', 'nvidia.com/gpu': '1' });
      expect(reasons(fit, req({ 'nvidia.com/gpu': '2' }), n)).toEqual(['Insufficient nvidia.com/gpu']);
      expect(reasons(fit, req({ 'example.com/foo': '1' }), node({ cpu: '4' }))).toEqual(['Insufficient example.com/foo']);
      expect(reasons(fit, req({ 'nvidia.com/gpu': '1' }), n)).toEqual([]);
    },
  },
  {
    name: 'a request equal to what is left fits exactly; one millicore more does not',
    kind: 'part',
    run(fit) {
      const n = node({ cpu: '2', memory: '2Gi' }, { cpu: '1', memory: '1Gi' }, 1);
      expect(reasons(fit, req({ cpu: '1', memory: '1Gi' }), n)).toEqual([]);
      expect(reasons(fit, req({ cpu: '1001m' }), n)).toEqual(['Insufficient cpu']);
      const r = fit.fitsRequest(req({ cpu: '1001m' }), n)[0];
      expect(r).toMatchObject({ resourceName: 'cpu', requested: 1001, used: 1000, capacity: 2000 });
    },
  },
];

export const failingFitCases = (fit: FitPart, base: SchedulerParts) => failingCases(fitCases, fit, base);
