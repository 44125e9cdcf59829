/**
 * Deployment conditions (upstream: deployment_util.go NewDeploymentCondition,
 * SetDeploymentCondition, and the reason constants).
 *
 *   Available=True  MinimumReplicasAvailable   available ≥ replicas − maxUnavailable
 *   Available=False MinimumReplicasUnavailable
 *   Progressing=True  NewReplicaSetCreated | FoundNewReplicaSet | ReplicaSetUpdated | NewReplicaSetAvailable
 *   Progressing=False ProgressDeadlineExceeded | ReplicaSetCreateError
 *   Progressing=Unknown DeploymentPaused | DeploymentResumed
 *   ReplicaFailure=True copied from a ReplicaSet's ReplicaFailure condition
 *
 * Setting a condition with the same status and reason changes nothing (lastUpdateTime included);
 * the same status with another reason keeps lastTransitionTime.
 */
import type { appsv1 } from '../../api/types.ts';
import { formatTimestamp } from '../../client/event-recorder.ts';

export const AVAILABLE = 'Available';
export const PROGRESSING = 'Progressing';
/** The same condition type as a ReplicaSet's, copied up to the Deployment. */
export { REPLICA_FAILURE } from '../replicaset/replica-set-status.ts';

export const MIN_REPLICAS_AVAILABLE = 'MinimumReplicasAvailable';
export const MIN_REPLICAS_UNAVAILABLE = 'MinimumReplicasUnavailable';
export const NEW_RS_REASON = 'NewReplicaSetCreated';
export const FOUND_NEW_RS_REASON = 'FoundNewReplicaSet';
export const REPLICASET_UPDATED_REASON = 'ReplicaSetUpdated';
export const NEW_RS_AVAILABLE_REASON = 'NewReplicaSetAvailable';
export const TIMED_OUT_REASON = 'ProgressDeadlineExceeded';
export const FAILED_RS_CREATE_REASON = 'ReplicaSetCreateError';
export const PAUSED_DEPLOY_REASON = 'DeploymentPaused';
export const RESUMED_DEPLOY_REASON = 'DeploymentResumed';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export function newDeploymentCondition(type: string, status: ConditionStatus, reason: string, message: string, now: number): appsv1.DeploymentCondition {
  const t = formatTimestamp(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getDeploymentCondition(status: appsv1.DeploymentStatus | undefined, type: string): appsv1.DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** Mutates `status` (a copy the caller owns). */
export function setDeploymentCondition(status: appsv1.DeploymentStatus, condition: appsv1.DeploymentCondition): void {
  const current = getDeploymentCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

export function removeDeploymentCondition(status: appsv1.DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
}
