/**
 * Reference for the `scheduler.fit` part: NodeResourcesFit's arithmetic
 * (KK plugins/noderesources/fit.go fitsRequest; component-helpers resource.PodRequests).
 */
import type { corev1 } from '../../engine/api/types.ts';
import { addResource, emptyResource, maxResource, resourceFromList, type Resource } from '../../engine/scheduler/framework/resource.ts';
import type { FitPart, InsufficientResource, NodeResources } from '../../engine/scheduler/parts.ts';

/**
 * Why the init-container rule: init containers run one after another *before* the app
 * containers, so they never run at the same time as each other or as the app containers. The pod
 * needs, at its peak, the larger of (all app containers together) and (the largest single init
 * container). Sidecars (init containers with restartPolicy Always) keep running alongside
 * everything started after them, so they add up instead — and every later init container runs
 * next to the sidecars started before it.
 */
export function podRequests(pod: corev1.Pod): Resource {
  const reqs = emptyResource();
  for (const c of pod.spec?.containers ?? []) addResource(reqs, resourceFromList(c.resources?.requests));
  const initMax = emptyResource();
  const sidecars = emptyResource();
  for (const c of pod.spec?.initContainers ?? []) {
    const r = resourceFromList(c.resources?.requests);
    if (c.restartPolicy === 'Always') {
      addResource(reqs, r);
      addResource(sidecars, r);
      maxResource(initMax, sidecars);
    } else {
      const during = emptyResource();
      addResource(during, r);
      addResource(during, sidecars);
      maxResource(initMax, during);
    }
  }
  maxResource(reqs, initMax);
  // The RuntimeClass overhead (the sandbox's own cost) is charged on top.
  if (pod.spec?.overhead) addResource(reqs, resourceFromList(pod.spec.overhead));
  reqs.allowedPodNumber = 0;
  return reqs;
}

/**
 * Why "allocatable minus requested", not actual usage: the scheduler promises each pod its
 * requests. What the pods really use is the kubelet's business (eviction); admission here is a
 * bookkeeping check, so a node full of idle pods is still full.
 *
 * Order matters for the message only in that every missing resource is reported: the pod count
 * first (`Too many pods`), then cpu, memory, ephemeral-storage, then extended resources.
 */
export function fitsRequest(request: Resource, node: NodeResources): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const { allocatable, requested } = node;
  if (node.podCount + 1 > allocatable.allowedPodNumber) {
    out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: node.podCount, capacity: allocatable.allowedPodNumber });
  }
  check(out, 'cpu', request.milliCPU, requested.milliCPU, allocatable.milliCPU);
  check(out, 'memory', request.memory, requested.memory, allocatable.memory);
  check(out, 'ephemeral-storage', request.ephemeralStorage, requested.ephemeralStorage, allocatable.ephemeralStorage);
  for (const name in request.scalar) check(out, name, request.scalar[name] ?? 0, requested.scalar[name] ?? 0, allocatable.scalar[name] ?? 0);
  return out;
}

/** Only what the pod asks for is checked: a zero request fits even a node with nothing left. */
function check(out: InsufficientResource[], name: string, want: number, used: number, capacity: number): void {
  if (want > 0 && want > capacity - used) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: want, used, capacity });
}

export const fit: FitPart = { podRequests, fitsRequest };
