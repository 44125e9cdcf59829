/**
 * The RollingUpdate strategy (upstream: pkg/controller/deployment/rolling.go rolloutRolling).
 * One step per sync, then wait for the ReplicaSets to report back:
 *   1. grow the new ReplicaSet as far as maxSurge allows (or shrink it if it is too big);
 *   2. else shrink old ReplicaSets as far as maxUnavailable allows;
 *   3. else, when complete, clean up old revisions beyond revisionHistoryLimit;
 * and always sync the rollout status. The arithmetic is the `controllers.deployment` part.
 */
import type { appsv1 } from '../../api/types.ts';
import { activeReplicaSets, deploymentComplete, specReplicas } from './deployment-util.ts';
import { syncRolloutStatus } from './progress.ts';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, type DeploymentEnv, type DeploymentHandle } from './sync.ts';
import { scaleAndRecord } from './scale.ts';

// #region rollout-rolling
export async function rolloutRolling(env: DeploymentEnv, h: DeploymentHandle, rsList: readonly appsv1.ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(env, h, rsList, true);
  const allRSs = [...oldRSs, newRS];

  if (newRS && (await reconcileNewReplicaSet(env, h, newRS, oldRSs))) return syncRolloutStatus(env, h, allRSs, newRS);

  const changes = env.part.scaleDownOldReplicaSets(h.d, newRS && countable(newRS), activeReplicaSets(oldRSs).map(countable));
  let scaledDown = false;
  for (const change of changes) {
    const rs = oldRSs.find((r) => r.metadata?.name === change.name);
    if (!rs || change.to >= specReplicas(rs) || change.to < 0) continue;
    scaledDown = (await scaleAndRecord(env, h, rs, change.to)).scaled || scaledDown;
  }
  if (scaledDown) return syncRolloutStatus(env, h, allRSs, newRS);

  if (deploymentComplete(h.d, h.d.status)) await cleanupDeployment(env, h, oldRSs);
  return syncRolloutStatus(env, h, allRSs, newRS);
}
// #endregion rollout-rolling

/**
 * A ReplicaSet as the arithmetic should count it: at most spec.replicas of its pods available.
 * tinykube deviation: upstream trusts status.availableReplicas, which right after a scale-down
 * still counts the pods being deleted (the ReplicaSet controller computes status from the pods it
 * had before deleting, and our own spec write reaches the informer before its status catches up),
 * so a quick second step could take available pods below replicas − maxUnavailable. Counting no
 * more than spec.replicas keeps the bound at every instant.
 */
function countable(rs: appsv1.ReplicaSet): appsv1.ReplicaSet {
  const available = rs.status?.availableReplicas ?? 0;
  if (available <= specReplicas(rs)) return rs;
  const status: appsv1.ReplicaSetStatus = { ...(rs.status as appsv1.ReplicaSetStatus), availableReplicas: specReplicas(rs) };
  return { ...rs, status };
}

/** reconcileNewReplicaSet: returns whether the new ReplicaSet was resized. */
async function reconcileNewReplicaSet(env: DeploymentEnv, h: DeploymentHandle, newRS: appsv1.ReplicaSet, oldRSs: readonly appsv1.ReplicaSet[]): Promise<boolean> {
  const replicas = h.d.spec?.replicas ?? 1;
  if (specReplicas(newRS) === replicas) return false;
  if (specReplicas(newRS) > replicas) return (await scaleAndRecord(env, h, newRS, replicas)).scaled;
  const target = env.part.newReplicaSetReplicas(h.d, newRS, oldRSs);
  return (await scaleAndRecord(env, h, newRS, Math.min(target, replicas))).scaled;
}
