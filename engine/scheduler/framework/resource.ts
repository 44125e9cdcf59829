/**
 * Resource (KK pkg/scheduler/framework/types.go): the scheduler's arithmetic form of a
 * ResourceList — CPU in millicores, memory and ephemeral storage in bytes, pods as a count, and
 * every other (extended) resource by name.
 */
import type { corev1 } from '../../api/types.ts';
import { parseQuantity } from '../../api/quantity.ts';

export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Only meaningful for a node's allocatable: status.allocatable.pods. */
  allowedPodNumber: number;
  /** Extended resources (e.g. `nvidia.com/gpu`, `hugepages-2Mi`), in their base units. */
  scalar: Record<string, number>;
}

export const emptyResource = (): Resource => ({ milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: {} });

/** A ResourceList as a Resource; unparsable quantities count as 0 (validation rejects them earlier). */
export function resourceFromList(list: Readonly<Record<string, unknown>> | undefined): Resource {
  const r = emptyResource();
  if (!list) return r;
  for (const [name, q] of Object.entries(list)) {
    const v = parseQuantity(q) ?? 0;
    switch (name) {
      case 'cpu':
        r.milliCPU = Math.round(v * 1000);
        break;
      case 'memory':
        r.memory = v;
        break;
      case 'ephemeral-storage':
        r.ephemeralStorage = v;
        break;
      case 'pods':
        r.allowedPodNumber = v;
        break;
      default:
        r.scalar[name] = v;
    }
  }
  return r;
}

/** a += b (all fields). */
export function addResource(a: Resource, b: Resource, sign = 1): void {
  a.milliCPU += sign * b.milliCPU;
  a.memory += sign * b.memory;
  a.ephemeralStorage += sign * b.ephemeralStorage;
  a.allowedPodNumber += sign * b.allowedPodNumber;
  for (const [k, v] of Object.entries(b.scalar)) a.scalar[k] = (a.scalar[k] ?? 0) + sign * v;
}

/** a = max(a, b) field by field (the init-container rule). */
export function maxResource(a: Resource, b: Resource): void {
  a.milliCPU = Math.max(a.milliCPU, b.milliCPU);
  a.memory = Math.max(a.memory, b.memory);
  a.ephemeralStorage = Math.max(a.ephemeralStorage, b.ephemeralStorage);
  for (const [k, v] of Object.entries(b.scalar)) a.scalar[k] = Math.max(a.scalar[k] ?? 0, v);
}

/**
 * Upstream's defaults for scoring only (pkg/scheduler/util: DefaultMilliCPURequest 100m,
 * DefaultMemoryRequest 200 MiB): a container that requests nothing still counts a little, so
 * spreading scores do not pile best-effort pods onto one node. Filtering never uses them.
 */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** Requests of a pod for scoring (schedutil.GetNonzeroRequests per container, init max rule). */
export function nonZeroPodRequests(pod: corev1.Pod): Resource {
  const one = (c: corev1.Container): Resource => {
    const r = resourceFromList(c.resources?.requests);
    if (!c.resources?.requests || !('cpu' in c.resources.requests)) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (!c.resources?.requests || !('memory' in c.resources.requests)) r.memory = DEFAULT_MEMORY_REQUEST;
    return r;
  };
  const sum = emptyResource();
  for (const c of pod.spec?.containers ?? []) addResource(sum, one(c));
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy === 'Always') addResource(sum, one(c));
    else maxResource(sum, one(c));
  }
  return sum;
}
