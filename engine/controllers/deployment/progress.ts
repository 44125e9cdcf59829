/**
 * Rollout progress (upstream: pkg/controller/deployment/progress.go syncRolloutStatus,
 * requeueStuckDeployment; deployment_util.go DeploymentTimedOut).
 *
 * While a rollout is under way the Progressing condition says how it goes:
 *   complete (all replicas updated and available)       → True  NewReplicaSetAvailable
 *   progressing (more updated/ready/available, fewer old) → True  ReplicaSetUpdated (lastUpdateTime moves)
 *   no progress for progressDeadlineSeconds since lastUpdateTime → False ProgressDeadlineExceeded
 * Nothing is watched to notice "no progress", so a stuck Deployment is re-queued on the clock
 * for the moment its deadline passes.
 */
import type { appsv1 } from '../../api/types.ts';
import { objectKey } from '../../api/object.ts';
import { parseTime } from '../replicaset/pod-util.ts';
import {
  NEW_RS_AVAILABLE_REASON,
  PROGRESSING,
  REPLICA_FAILURE,
  REPLICASET_UPDATED_REASON,
  TIMED_OUT_REASON,
  getDeploymentCondition,
  newDeploymentCondition,
  removeDeploymentCondition,
  setDeploymentCondition,
} from './conditions.ts';
import { deploymentComplete, deploymentProgressing, hasProgressDeadline } from './deployment-util.ts';
import { calculateStatus, statusEqual, updateDeploymentStatus, type DeploymentEnv, type DeploymentHandle } from './sync.ts';

/** DeploymentTimedOut: the Progressing condition has not moved for progressDeadlineSeconds. */
export function deploymentTimedOut(d: appsv1.Deployment, status: appsv1.DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getDeploymentCondition(status, PROGRESSING);
  if (!cond) return false;
  if (cond.reason === NEW_RS_AVAILABLE_REASON) return false;
  if (cond.reason === TIMED_OUT_REASON) return true;
  const from = parseTime(cond.lastUpdateTime);
  return from + (d.spec?.progressDeadlineSeconds ?? 600) * 1000 < now;
}

/** getReplicaFailures: a ReplicaFailure of the new (else any) ReplicaSet, as a Deployment condition. */
function replicaFailure(allRSs: ReadonlyArray<appsv1.ReplicaSet | undefined>, newRS: appsv1.ReplicaSet | undefined): appsv1.DeploymentCondition | undefined {
  const ordered = newRS ? [newRS, ...allRSs.filter((r) => r !== newRS)] : allRSs;
  for (const rs of ordered) {
    const c = rs?.status?.conditions?.find((x) => x.type === REPLICA_FAILURE && x.status === 'True');
    if (c) return { type: REPLICA_FAILURE, status: 'True', lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
  }
  return undefined;
}

export async function syncRolloutStatus(env: DeploymentEnv, h: DeploymentHandle, allRSs: ReadonlyArray<appsv1.ReplicaSet | undefined>, newRS: appsv1.ReplicaSet | undefined): Promise<void> {
  const d = h.d;
  const now = env.clock.now();
  const status = calculateStatus(env, d, allRSs, newRS);
  if (!hasProgressDeadline(d)) removeDeploymentCondition(status, PROGRESSING);
  const current = getDeploymentCondition(d.status, PROGRESSING);
  const isComplete = status.replicas === status.updatedReplicas && current?.reason === NEW_RS_AVAILABLE_REASON;
  if (hasProgressDeadline(d) && !isComplete) {
    const rsName = newRS?.metadata?.name;
    if (deploymentComplete(d, status)) {
      const msg = rsName ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${d.metadata?.name}" has successfully progressed.`;
      setDeploymentCondition(status, newDeploymentCondition(PROGRESSING, 'True', NEW_RS_AVAILABLE_REASON, msg, now));
    } else if (deploymentProgressing(d, status)) {
      const msg = rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${d.metadata?.name}" is progressing.`;
      const cond = newDeploymentCondition(PROGRESSING, 'True', REPLICASET_UPDATED_REASON, msg, now);
      // Progress moves lastUpdateTime even when the reason stays the same.
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        removeDeploymentCondition(status, PROGRESSING);
      }
      setDeploymentCondition(status, cond);
    } else if (deploymentTimedOut(d, status, now)) {
      const msg = rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${d.metadata?.name}" has timed out progressing.`;
      setDeploymentCondition(status, newDeploymentCondition(PROGRESSING, 'False', TIMED_OUT_REASON, msg, now));
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  if (failure) setDeploymentCondition(status, failure);
  else removeDeploymentCondition(status, REPLICA_FAILURE);

  if (statusEqual(d.status, status)) {
    requeueStuckDeployment(env, d, status, now);
    return;
  }
  h.d.status = status;
  await updateDeploymentStatus(env, h);
}

/**
 * requeueStuckDeployment: with a deadline and an unfinished rollout, look again when the deadline
 * of the current Progressing condition passes (at once, rate-limited, if under a second away).
 */
export function requeueStuckDeployment(env: DeploymentEnv, d: appsv1.Deployment, status: appsv1.DeploymentStatus, now: number): void {
  const cond = getDeploymentCondition(d.status, PROGRESSING);
  if (!hasProgressDeadline(d) || !cond) return;
  if (deploymentComplete(d, status) || cond.reason === TIMED_OUT_REASON) return;
  const after = parseTime(cond.lastUpdateTime) + (d.spec?.progressDeadlineSeconds ?? 600) * 1000 - now;
  if (after < 1000) env.enqueueRateLimited(objectKey(d));
  else env.enqueueAfter(objectKey(d), after);
}
