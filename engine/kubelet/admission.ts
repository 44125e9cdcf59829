/**
 * Kubelet admission: the last check before a pod bound to this node may run (upstream
 * pkg/kubelet/lifecycle/predicate.go predicateAdmitHandler.Admit and the noderesources fit it
 * shares with the scheduler). The scheduler checked the same thing, but against its cache: a
 * pod bound by name (spec.nodeName set by the user) or a race can still overcommit the node.
 *
 * A rejected pod is not retried: it is marked Failed with reason `OutOf<resource>` and message
 * `Pod was rejected: Node didn't have enough resource: cpu, requested: 2000, used: 3500,
 * capacity: 4000` (kubelet.go rejectPod), plus a Warning event with the same reason.
 */
import { parseQuantity } from '../api/quantity.ts';
import type { corev1 } from '../api/types.ts';

export interface AdmitResult {
  admit: boolean;
  reason?: string;
  message?: string;
}

export interface Allocatable {
  cpu: string;
  memory: string;
  pods: number;
}

/**
 * The pod's effective request (computePodResourceRequest): the sum over app containers, or the
 * largest init container if that is bigger (init containers run one at a time), plus overhead.
 * cpu in millicores, memory in bytes.
 */
export function podRequests(pod: corev1.Pod): { cpu: number; memory: number } {
  const req = (c: corev1.Container, r: string) => parseQuantity(c.resources?.requests?.[r]) ?? 0;
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec?.containers ?? []) {
    cpu += req(c, 'cpu');
    memory += req(c, 'memory');
  }
  for (const c of pod.spec?.initContainers ?? []) {
    cpu = Math.max(cpu, req(c, 'cpu'));
    memory = Math.max(memory, req(c, 'memory'));
  }
  const overhead = pod.spec?.overhead ?? {};
  cpu += parseQuantity(overhead['cpu']) ?? 0;
  memory += parseQuantity(overhead['memory']) ?? 0;
  return { cpu: Math.round(cpu * 1000), memory: Math.round(memory) };
}

/** Admits `pod` onto a node already running `admitted` pods, or says why not. */
export function admitPod(pod: corev1.Pod, admitted: readonly corev1.Pod[], allocatable: Allocatable): AdmitResult {
  if (admitted.length + 1 > allocatable.pods) {
    return insufficient('pods', 1, admitted.length, allocatable.pods);
  }
  const want = podRequests(pod);
  let usedCpu = 0;
  let usedMemory = 0;
  for (const p of admitted) {
    const r = podRequests(p);
    usedCpu += r.cpu;
    usedMemory += r.memory;
  }
  const cpuCap = Math.round((parseQuantity(allocatable.cpu) ?? 0) * 1000);
  const memCap = Math.round(parseQuantity(allocatable.memory) ?? 0);
  // Upstream checks cpu before memory and reports the first shortage.
  if (want.cpu > 0 && usedCpu + want.cpu > cpuCap) return insufficient('cpu', want.cpu, usedCpu, cpuCap);
  if (want.memory > 0 && usedMemory + want.memory > memCap) return insufficient('memory', want.memory, usedMemory, memCap);
  return { admit: true };
}

function insufficient(resource: string, requested: number, used: number, capacity: number): AdmitResult {
  return {
    admit: false,
    reason: `OutOf${resource}`,
    message: `Node didn't have enough resource: ${resource}, requested: ${requested}, used: ${used}, capacity: ${capacity}`,
  };
}
