/**
 * The taints the node lifecycle controller owns (upstream: pkg/controller/nodelifecycle/
 * node_lifecycle_controller.go — doNoExecuteTaintingPass, doNoScheduleTaintingPass,
 * nodeConditionToTaintKeyStatusMap; keys from k8s.io/api/core/v1 well_known_taints.go).
 *
 *   Ready=False          → node.kubernetes.io/not-ready:NoExecute     + not-ready:NoSchedule
 *   Ready=Unknown        → node.kubernetes.io/unreachable:NoExecute   + unreachable:NoSchedule
 *   MemoryPressure=True  → node.kubernetes.io/memory-pressure:NoSchedule
 *   DiskPressure=True    → node.kubernetes.io/disk-pressure:NoSchedule
 *   PIDPressure=True     → node.kubernetes.io/pid-pressure:NoSchedule
 *   NetworkUnavailable=True → node.kubernetes.io/network-unavailable:NoSchedule
 *   spec.unschedulable   → node.kubernetes.io/unschedulable:NoSchedule
 *
 * Taints with other keys (set by users or other components) are never touched.
 */
import type { corev1 } from '../../api/types.ts';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

const MANAGED_KEYS = new Set([
  TAINT_NOT_READY,
  TAINT_UNREACHABLE,
  TAINT_MEMORY_PRESSURE,
  TAINT_DISK_PRESSURE,
  TAINT_PID_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE,
  TAINT_UNSCHEDULABLE,
]);

export function nodeCondition(node: corev1.Node, type: string): corev1.NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === type);
}

/** The NoExecute taint the Ready condition calls for, if any. */
export function noExecuteTaintKey(node: corev1.Node): string | undefined {
  const ready = nodeCondition(node, 'Ready');
  if (ready?.status === 'False') return TAINT_NOT_READY;
  if (ready?.status === 'Unknown') return TAINT_UNREACHABLE;
  // No Ready condition yet: nothing to judge (upstream doNoExecuteTaintingPass skips the node);
  // the health check turns it Unknown after the startup grace period.
  return undefined;
}

/** The NoSchedule taint keys the node's conditions and spec.unschedulable call for. */
export function noScheduleTaintKeys(node: corev1.Node): string[] {
  const keys: string[] = [];
  const is = (type: string, status: string) => nodeCondition(node, type)?.status === status;
  const ready = nodeCondition(node, 'Ready');
  if (ready?.status === 'False') keys.push(TAINT_NOT_READY);
  if (ready?.status === 'Unknown') keys.push(TAINT_UNREACHABLE);
  if (is('MemoryPressure', 'True')) keys.push(TAINT_MEMORY_PRESSURE);
  if (is('DiskPressure', 'True')) keys.push(TAINT_DISK_PRESSURE);
  if (is('PIDPressure', 'True')) keys.push(TAINT_PID_PRESSURE);
  if (is('NetworkUnavailable', 'True')) keys.push(TAINT_NETWORK_UNAVAILABLE);
  if (node.spec?.unschedulable) keys.push(TAINT_UNSCHEDULABLE);
  return keys;
}

/**
 * The node's taints with the controller-managed ones brought in line with `noExecute` (the
 * NoExecute key to have, or undefined for none) and `noSchedule` (keys to have). Existing matching
 * taints are kept as they are (their timeAdded does not move); new NoExecute taints get
 * timeAdded = now, as upstream's tainting pass sets it.
 */
export function reconcileTaints(
  current: readonly corev1.Taint[],
  noExecute: string | undefined,
  noSchedule: readonly string[],
  nowRfc3339: string,
): corev1.Taint[] {
  const wanted = (t: corev1.Taint) =>
    !MANAGED_KEYS.has(t.key) ||
    (t.effect === 'NoExecute' && t.key === noExecute) ||
    (t.effect === 'NoSchedule' && noSchedule.includes(t.key)) ||
    (t.effect !== 'NoExecute' && t.effect !== 'NoSchedule');
  const out = current.filter(wanted).map((t) => ({ ...t }));
  const has = (key: string, effect: string) => out.some((t) => t.key === key && t.effect === effect);
  for (const key of noSchedule) if (!has(key, 'NoSchedule')) out.push({ key, effect: 'NoSchedule' });
  if (noExecute && !has(noExecute, 'NoExecute')) out.push({ key: noExecute, effect: 'NoExecute', timeAdded: nowRfc3339 });
  return out;
}

export function sameTaints(a: readonly corev1.Taint[], b: readonly corev1.Taint[]): boolean {
  const key = (t: corev1.Taint) => `${t.key}=${t.value ?? ''}:${t.effect}`;
  const sa = a.map(key).sort();
  const sb = b.map(key).sort();
  return sa.length === sb.length && sa.every((k, i) => k === sb[i]);
}
