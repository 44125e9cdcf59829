/**
 * The Recreate strategy (upstream: pkg/controller/deployment/recreate.go rolloutRecreate): scale
 * every old ReplicaSet to 0, wait until none of their pods is left running (terminating pods
 * still count), and only then create / scale up the new ReplicaSet to the full count.
 */
import type { appsv1, corev1 } from '../../api/types.ts';
import { activeReplicaSets, deploymentComplete, specReplicas } from './deployment-util.ts';
import { syncRolloutStatus } from './progress.ts';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, type DeploymentEnv, type DeploymentHandle } from './sync.ts';
import { scaleAndRecord } from './scale.ts';

/** oldPodsRunning: an old ReplicaSet still reports pods, or one of its pods is not terminal. */
export function oldPodsRunning(newRS: appsv1.ReplicaSet | undefined, oldRSs: readonly appsv1.ReplicaSet[], podsByRS: ReadonlyMap<string, readonly corev1.Pod[]>): boolean {
  if (oldRSs.some((rs) => (rs.status?.replicas ?? 0) > 0)) return true;
  for (const [uid, pods] of podsByRS) {
    if (newRS && newRS.metadata?.uid === uid) continue;
    if (pods.some((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded')) return true;
  }
  return false;
}

export async function rolloutRecreate(
  env: DeploymentEnv,
  h: DeploymentHandle,
  rsList: readonly appsv1.ReplicaSet[],
  podsByRS: ReadonlyMap<string, readonly corev1.Pod[]>,
): Promise<void> {
  let { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(env, h, rsList, false);
  let allRSs = [...oldRSs, newRS];

  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) scaledDown = (await scaleAndRecord(env, h, rs, 0)).scaled || scaledDown;
  if (scaledDown) return syncRolloutStatus(env, h, allRSs, newRS);

  if (oldPodsRunning(newRS, oldRSs, podsByRS)) return syncRolloutStatus(env, h, allRSs, newRS);

  if (!newRS) {
    ({ newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(env, h, rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  const replicas = h.d.spec?.replicas ?? 1;
  if (newRS && specReplicas(newRS) !== replicas) await scaleAndRecord(env, h, newRS, replicas);

  if (deploymentComplete(h.d, h.d.status)) await cleanupDeployment(env, h, oldRSs);
  return syncRolloutStatus(env, h, allRSs, newRS);
}
