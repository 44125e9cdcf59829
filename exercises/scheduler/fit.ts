/**
 * Exercise `scheduler.fit`: NodeResourcesFit's arithmetic. Read engine/scheduler/parts.ts
 * (FitPart) and engine/scheduler/framework/resource.ts (Resource, resourceFromList, addResource,
 * maxResource) first.
 */
import type { corev1 } from '../../engine/api/types.ts';
import { emptyResource, type Resource } from '../../engine/scheduler/framework/resource.ts';
import type { FitPart, InsufficientResource, NodeResources } from '../../engine/scheduler/parts.ts';

export function podRequests(pod: corev1.Pod): Resource {
  // TODO: sum the requests of spec.containers.
  // TODO: init containers run one at a time before the app containers: the pod needs the larger
  //       of (the app containers' sum) and (each init container), resource by resource.
  // TODO: init containers with restartPolicy Always (sidecars) keep running: they add up, and
  //       later init containers run next to them.
  // TODO: add spec.overhead.
  void pod;
  return emptyResource();
}

export function fitsRequest(request: Resource, node: NodeResources): InsufficientResource[] {
  // TODO: one more pod than allocatable.pods allows → reason `Too many pods`.
  // TODO: for cpu, memory, ephemeral-storage and each extended resource the pod requests (> 0):
  //       if the request exceeds allocatable − already requested → reason `Insufficient <name>`.
  // TODO: return every missing resource; an empty list means the pod fits.
  void request;
  void node;
  return [];
}

export const fit: FitPart = { podRequests, fitsRequest };
