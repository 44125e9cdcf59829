/**
 * ReplicaSet status (upstream: pkg/controller/replicaset/replica_set_utils.go calculateStatus,
 * updateReplicaSetStatus). Computed from the active pods the ReplicaSet controls:
 *   replicas             all of them;
 *   fullyLabeledReplicas those whose labels match the pod template's labels;
 *   readyReplicas        Ready=True;
 *   availableReplicas    ready for at least spec.minReadySeconds;
 *   observedGeneration   the generation this status describes;
 *   conditions           ReplicaFailure=True (reason FailedCreate / FailedDelete) while creating
 *                        or deleting pods fails, removed once a sync succeeds.
 */
import type { appsv1, corev1 } from '../../api/types.ts';
import { formatTimestamp } from '../../client/event-recorder.ts';
import { isPodAvailable, isPodReady } from './pod-util.ts';

export const REPLICA_FAILURE = 'ReplicaFailure';

export interface ManageError {
  /** 'FailedCreate' or 'FailedDelete'. */
  reason: string;
  message: string;
}

export function calculateReplicaSetStatus(
  rs: appsv1.ReplicaSet,
  pods: readonly corev1.Pod[],
  manageError: ManageError | undefined,
  now: number,
): appsv1.ReplicaSetStatus {
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  const minReady = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    const labels = pod.metadata?.labels ?? {};
    if (Object.entries(templateLabels).every(([k, v]) => labels[k] === v)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
    }
  }
  const status: appsv1.ReplicaSetStatus = {
    replicas: pods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: rs.metadata?.generation ?? 0,
  };
  const existing = (rs.status?.conditions ?? []).filter((c) => c.type !== REPLICA_FAILURE);
  const previous = rs.status?.conditions?.find((c) => c.type === REPLICA_FAILURE);
  const conditions = [...existing];
  if (manageError) {
    const same = previous && previous.reason === manageError.reason && previous.status === 'True';
    conditions.push({
      type: REPLICA_FAILURE,
      status: 'True',
      lastTransitionTime: same ? previous.lastTransitionTime : formatTimestamp(now),
      reason: manageError.reason,
      message: manageError.message,
    });
  }
  if (conditions.length > 0) status.conditions = conditions;
  return status;
}

/** Whether writing `next` would change anything the ReplicaSet already reports. */
export function replicaSetStatusEqual(a: appsv1.ReplicaSetStatus | undefined, b: appsv1.ReplicaSetStatus): boolean {
  const norm = (s: appsv1.ReplicaSetStatus | undefined) =>
    JSON.stringify({
      replicas: s?.replicas ?? 0,
      fullyLabeledReplicas: s?.fullyLabeledReplicas ?? 0,
      readyReplicas: s?.readyReplicas ?? 0,
      availableReplicas: s?.availableReplicas ?? 0,
      observedGeneration: s?.observedGeneration ?? 0,
      conditions: s?.conditions ?? [],
    });
  return norm(a) === norm(b);
}
