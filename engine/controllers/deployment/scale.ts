/**
 * Resizing (upstream: pkg/controller/deployment/sync.go scale, scaleReplicaSet,
 * scaleReplicaSetAndRecordEvent, isScalingEvent, sync; deployment_util.go GetProportion,
 * getReplicaSetFraction, FindActiveOrLatest).
 *
 * Worked example of proportional scaling: a rollout is stuck at old 8 + new 5 pods (replicas 10,
 * maxSurge 3, both annotated max-replicas 13) and the user scales to 20. Allowed now: 20 + 3 = 23,
 * so 10 more pods are shared: old round(8·23/13) − 8 = 6 → 14, new round(5·23/13) − 5 = 4 → 9.
 */
import type { appsv1 } from '../../api/types.ts';
import { deepCopy } from '../../client/cache/deep-freeze.ts';
import {
  activeReplicaSets,
  annotationInt,
  byCreation,
  bySizeNewer,
  bySizeOlder,
  DESIRED_REPLICAS_ANNOTATION,
  isRollingUpdate,
  isSaturated,
  MAX_REPLICAS_ANNOTATION,
  maxSurge,
  replicaCount,
  replicasAnnotationsNeedUpdate,
  setReplicasAnnotations,
  specReplicas,
} from './deployment-util.ts';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, syncDeploymentStatus, type DeploymentEnv, type DeploymentHandle } from './sync.ts';

const ns = (h: DeploymentHandle) => h.d.metadata?.namespace ?? '';

/**
 * scaleReplicaSet: sets spec.replicas and the desired/max annotations in one update; records
 * `Scaled up|down replica set <name> from <old> to <new>` when the size changed.
 */
export async function scaleReplicaSet(env: DeploymentEnv, h: DeploymentHandle, rs: appsv1.ReplicaSet, newScale: number, operation: 'up' | 'down'): Promise<appsv1.ReplicaSet> {
  const d = h.d;
  const replicas = d.spec?.replicas ?? 1;
  const max = replicas + maxSurge(d, env.part);
  const sizeChanged = specReplicas(rs) !== newScale;
  if (!sizeChanged && !replicasAnnotationsNeedUpdate(rs, replicas, max)) return rs;
  const copy = deepCopy(rs);
  const oldScale = specReplicas(rs);
  copy.spec!.replicas = newScale;
  setReplicasAnnotations(copy, replicas, max);
  const updated = await env.client.replicasets(ns(h)).update(copy);
  if (sizeChanged) env.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${rs.metadata?.name} from ${oldScale} to ${newScale}`);
  return updated;
}

/** scaleReplicaSetAndRecordEvent: returns whether the size changed. */
export async function scaleAndRecord(env: DeploymentEnv, h: DeploymentHandle, rs: appsv1.ReplicaSet, newScale: number): Promise<{ scaled: boolean; rs: appsv1.ReplicaSet }> {
  if (specReplicas(rs) === newScale) return { scaled: false, rs };
  const updated = await scaleReplicaSet(env, h, rs, newScale, specReplicas(rs) < newScale ? 'up' : 'down');
  return { scaled: true, rs: updated };
}

/** FindActiveOrLatest: the only active ReplicaSet, or the newest one when none is active. */
function findActiveOrLatest(newRS: appsv1.ReplicaSet | undefined, oldRSs: readonly appsv1.ReplicaSet[]): appsv1.ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/** getReplicaSetFraction: this ReplicaSet's share of a resize, from its max-replicas annotation. */
function replicaSetFraction(env: DeploymentEnv, rs: appsv1.ReplicaSet, d: appsv1.Deployment): number {
  const replicas = d.spec?.replicas ?? 1;
  if (replicas === 0) return -specReplicas(rs);
  const maxNow = replicas + maxSurge(d, env.part);
  let before = annotationInt(rs, MAX_REPLICAS_ANNOTATION) ?? 0;
  if (before === 0) {
    before = d.status?.replicas ?? 0;
    if (before === 0) return 0;
  }
  return Math.round((specReplicas(rs) * maxNow) / before) - specReplicas(rs);
}

/** GetProportion: the fraction, bounded by what is still left to add (or remove). */
function proportion(env: DeploymentEnv, rs: appsv1.ReplicaSet, d: appsv1.Deployment, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(env, rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * scale: a change of spec.replicas. One active ReplicaSet takes the full count; a saturated new
 * ReplicaSet lets the old ones go to 0; during a RollingUpdate the difference is shared among all
 * active ReplicaSets in proportion to their size (larger first; leftovers to the first).
 */
export async function scale(env: DeploymentEnv, h: DeploymentHandle, newRS: appsv1.ReplicaSet | undefined, oldRSs: readonly appsv1.ReplicaSet[]): Promise<void> {
  const d = h.d;
  const replicas = d.spec?.replicas ?? 1;
  const single = findActiveOrLatest(newRS, oldRSs);
  if (single) {
    if (specReplicas(single) !== replicas) await scaleAndRecord(env, h, single, replicas);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) await scaleAndRecord(env, h, old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = activeReplicaSets([...oldRSs, newRS]);
  const allowed = replicas > 0 ? replicas + maxSurge(d, env.part) : 0;
  const toAdd = allowed - replicaCount(all);
  let operation: 'up' | 'down' = 'up';
  if (toAdd > 0) all.sort(bySizeNewer);
  else if (toAdd < 0) {
    all.sort(bySizeOlder);
    operation = 'down';
  }
  const sizes = new Map<string, number>();
  let added = 0;
  for (const rs of all) {
    const p = toAdd !== 0 ? proportion(env, rs, d, toAdd, added) : 0;
    sizes.set(rs.metadata?.name ?? '', specReplicas(rs) + p);
    added += p;
  }
  for (let i = 0; i < all.length; i++) {
    const rs = all[i]!;
    const name = rs.metadata?.name ?? '';
    if (i === 0 && toAdd !== 0) sizes.set(name, Math.max(0, sizes.get(name)! + toAdd - added));
    await scaleReplicaSet(env, h, rs, sizes.get(name)!, operation);
  }
}

/** isScalingEvent: some active ReplicaSet was sized for a different spec.replicas. */
export function isScalingEvent(d: appsv1.Deployment, rss: ReadonlyArray<appsv1.ReplicaSet | undefined>): boolean {
  const replicas = d.spec?.replicas ?? 1;
  return activeReplicaSets(rss).some((rs) => {
    const desired = annotationInt(rs, DESIRED_REPLICAS_ANNOTATION);
    return desired !== undefined && desired !== replicas;
  });
}

/** sync: for paused Deployments and scaling events — resize without rolling out. */
export async function syncScaleOnly(env: DeploymentEnv, h: DeploymentHandle, rsList: readonly appsv1.ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(env, h, rsList, false);
  await scale(env, h, newRS, oldRSs);
  if (h.d.spec?.paused) await cleanupDeployment(env, h, oldRSs);
  await syncDeploymentStatus(env, h, [...oldRSs, newRS], newRS);
}
