/**
 * persistentVolumeClaimRetentionPolicy (upstream: pkg/controller/statefulset/stateful_set_utils.go
 * updateClaimOwnerRefForSetAndPod, isClaimOwnerUpToDate, addControllerRef; website
 * concepts/workloads/controllers/statefulset.md "PersistentVolumeClaim retention").
 *
 * The StatefulSet controller never deletes a claim itself: it sets ownerReferences and lets the
 * garbage collector delete a claim once its owner is gone.
 *
 *   whenDeleted  whenScaled   claim of a pod in range         claim of a scaled-down pod
 *   Retain       Retain       —                               —
 *   Delete       Retain       owned by the set                owned by the set
 *   Retain       Delete       —                               owned by its pod
 *   Delete       Delete       owned by the set                owned by its pod
 *
 * (Retain is the default for both: claims outlive their pods and the set.) Upstream makes these
 * controller references; any other reference to the set or the pod is scrubbed first. A claim
 * controlled by someone else is left without references to the set and its pod.
 */
import type { appsv1, corev1, metav1 } from '../../api/types.ts';
import { newControllerRef } from '../controller-ref.ts';

function retention(set: appsv1.StatefulSet): { whenDeleted: string; whenScaled: string } {
  const p = set.spec?.persistentVolumeClaimRetentionPolicy;
  return { whenDeleted: p?.whenDeleted ?? 'Retain', whenScaled: p?.whenScaled ?? 'Retain' };
}

/**
 * The ownerReferences the claim should have, or undefined when they are already right.
 * `scaledDown`: the pod's ordinal is outside [start, start + replicas).
 */
export function desiredClaimOwnerRefs(claim: corev1.PersistentVolumeClaim, set: appsv1.StatefulSet, pod: corev1.Pod, scaledDown: boolean): metav1.OwnerReference[] | undefined {
  const current = claim.metadata?.ownerReferences ?? [];
  const matchesOurs = (r: metav1.OwnerReference) => (r.kind === 'StatefulSet' && r.name === set.metadata?.name) || (r.kind === 'Pod' && r.name === pod.metadata?.name);
  const refs = current.filter((r) => !matchesOurs(r));
  const unexpectedController = refs.some((r) => r.controller === true);
  if (!unexpectedController) {
    const { whenDeleted, whenScaled } = retention(set);
    if (whenScaled === 'Delete' && scaledDown) refs.push(newControllerRef({ apiVersion: 'v1', kind: 'Pod', metadata: pod.metadata }));
    else if (whenDeleted === 'Delete') refs.push(newControllerRef({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: set.metadata }));
  }
  const same = refs.length === current.length && refs.every((r) => current.some((c) => c.uid === r.uid && c.controller === r.controller && c.kind === r.kind));
  return same ? undefined : refs;
}
