/**
 * Pod predicates every workload controller shares (upstream: pkg/api/v1/pod/util.go IsPodReady,
 * IsPodAvailable, and pkg/controller/controller_utils.go IsPodActive / FilterActivePods).
 *
 * Times are milliseconds of the cluster's clock; timestamps on objects are RFC 3339 strings.
 */
import type { corev1 } from '../../api/types.ts';

/** RFC 3339 → ms since the epoch; absent or unparsable → 0 (Go's zero time). */
export function parseTime(t: string | undefined): number {
  if (!t) return 0;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? 0 : ms;
}

/** A pod still counts towards a controller: not Succeeded/Failed and not being deleted. */
export function isPodActive(pod: corev1.Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

export function filterActivePods(pods: readonly corev1.Pod[]): corev1.Pod[] {
  return pods.filter(isPodActive);
}

export function getPodReadyCondition(pod: corev1.Pod): corev1.PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** The pod's Ready condition is True. */
export function isPodReady(pod: corev1.Pod): boolean {
  return getPodReadyCondition(pod)?.status === 'True';
}

/** When the pod last became Ready (0 when it is not ready): podReadyTime in controller_utils.go. */
export function podReadyTime(pod: corev1.Pod): number {
  if (!isPodReady(pod)) return 0;
  return parseTime(getPodReadyCondition(pod)?.lastTransitionTime);
}

/**
 * Available = ready for at least minReadySeconds (IsPodAvailable). With minReadySeconds 0 a ready
 * pod is available at once; otherwise its Ready condition must have turned True at least that
 * long ago by the controller's clock.
 */
export function isPodAvailable(pod: corev1.Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = parseTime(getPodReadyCondition(pod)?.lastTransitionTime);
  return since !== 0 && since + minReadySeconds * 1000 <= now;
}

/** The highest restartCount among the pod's containers (maxContainerRestarts). */
export function maxContainerRestarts(pod: corev1.Pod): number {
  let max = 0;
  for (const c of pod.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount ?? 0);
  return max;
}
