/**
 * StatefulSet status (upstream: pkg/controller/statefulset/stateful_set_control.go
 * computeReplicaStatus, updateStatefulSetStatus; stateful_set_utils.go completeRollingUpdate).
 * Counted over every pod of the set (replicas and condemned alike):
 *
 *   replicas            pods that exist (terminating ones included)
 *   readyReplicas       Running and Ready
 *   availableReplicas   ...and Ready for minReadySeconds
 *   currentReplicas     not terminating, on status.currentRevision
 *   updatedReplicas     not terminating, on status.updateRevision
 *
 * When a RollingUpdate is complete (updated = ready = replicas = spec.replicas) the current
 * revision becomes the update revision. OnDelete never completes that way (upstream behaviour:
 * currentRevision stays where it was).
 */
import type { appsv1, corev1 } from '../../api/types.ts';
import { isPodAvailable, isPodReady } from '../replicaset/pod-util.ts';
import { CONTROLLER_REVISION_HASH_LABEL, type StatefulSetRevisions } from './history.ts';

export function isRunningAndReady(pod: corev1.Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

export function computeStatefulSetStatus(set: appsv1.StatefulSet, pods: readonly corev1.Pod[], revisions: StatefulSetRevisions, now: number): appsv1.StatefulSetStatus {
  const minReady = set.spec?.minReadySeconds ?? 0;
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let current = 0;
  let updated = 0;
  for (const pod of pods) {
    replicas++;
    if (isRunningAndReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
    }
    if (!pod.metadata?.deletionTimestamp) {
      const rev = pod.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL];
      if (rev === revisions.current) current++;
      if (rev === revisions.update) updated++;
    }
  }
  let currentRevision = revisions.current;
  const want = set.spec?.replicas ?? 1;
  const strategy = set.spec?.updateStrategy?.type ?? 'RollingUpdate';
  if (strategy === 'RollingUpdate' && updated === want && ready === want && replicas === want) {
    currentRevision = revisions.update;
    current = updated;
  }
  // Field order and omissions as the API shows them (readyReplicas, currentReplicas and
  // updatedReplicas are omitempty upstream).
  const status: appsv1.StatefulSetStatus = { observedGeneration: set.metadata?.generation, replicas };
  if (ready) status.readyReplicas = ready;
  if (current) status.currentReplicas = current;
  if (updated) status.updatedReplicas = updated;
  status.currentRevision = currentRevision;
  status.updateRevision = revisions.update;
  status.collisionCount = revisions.collisionCount;
  status.availableReplicas = available;
  if (set.status?.conditions) status.conditions = set.status.conditions;
  return status;
}
