/**
 * Part `controllers.deployment`: the arithmetic of a RollingUpdate step (upstream:
 * pkg/controller/deployment/rolling.go reconcileNewReplicaSet / reconcileOldReplicaSets /
 * cleanupUnhealthyReplicas / scaleDownOldReplicaSetsForRollingUpdate, and
 * deployment/util/deployment_util.go ResolveFenceposts / NewRSNewReplicas).
 *
 * Given the Deployment, its new ReplicaSet and its old ones (as the informer sees them now), it
 * answers two questions; the controller (rolling.ts) performs the scaling and comes back on the
 * next change:
 *   - how big may the new ReplicaSet be now? (never more than replicas + maxSurge pods in total)
 *   - which old ReplicaSets shrink, and to what? (never fewer than replicas − maxUnavailable
 *     available pods)
 *
 * Worked example: replicas 10, maxSurge 25% → 3 (rounds up), maxUnavailable 25% → 2 (rounds
 * down). Start: old RS 10/10 available, new RS 0.
 *   newReplicaSetReplicas → 3 (total may reach 13);
 *   then with new RS 3 (0 available): scaleDownOldReplicaSets → old 10 → 8 (available 10 − min 8).
 */
import type { appsv1 } from '../../api/types.ts';

/** intstr.IntOrString as it appears in maxSurge / maxUnavailable: 3 or '25%'. */
export type IntOrPercent = number | string;

export interface Fenceposts {
  /** Pods allowed above spec.replicas. */
  maxSurge: number;
  /** Pods allowed below spec.replicas among available ones. */
  maxUnavailable: number;
}

export interface ScaleChange {
  /** Name of an old ReplicaSet. */
  name: string;
  /** Its spec.replicas before, and the value to set. */
  from: number;
  to: number;
}

// #region rolling-arithmetic
export interface RollingUpdateArithmetic {
  /**
   * ResolveFenceposts: maxSurge rounds UP, maxUnavailable rounds DOWN (percentages of `desired`);
   * when both come out 0, maxUnavailable becomes 1 so that a rollout can always progress.
   * Absent values count as 0.
   */
  resolveFenceposts(maxSurge: IntOrPercent | undefined, maxUnavailable: IntOrPercent | undefined, desired: number): Fenceposts;
  /**
   * The new ReplicaSet's spec.replicas for this step of a RollingUpdate (NewRSNewReplicas): grow it
   * by as much as the surge allows over ALL ReplicaSets' spec.replicas (old ones included),
   * never beyond the Deployment's replicas.
   */
  newReplicaSetReplicas(deployment: appsv1.Deployment, newRS: appsv1.ReplicaSet, oldRSs: readonly appsv1.ReplicaSet[]): number;
  /**
   * The old ReplicaSets to shrink in this step (reconcileOldReplicaSets), oldest first: first the
   * unhealthy replicas (spec.replicas − availableReplicas) of old ReplicaSets, then available
   * ones, never taking the available pods of the whole Deployment below replicas − maxUnavailable
   * (the new ReplicaSet's unavailable pods count against that budget). Only changed ones are
   * returned.
   */
  scaleDownOldReplicaSets(deployment: appsv1.Deployment, newRS: appsv1.ReplicaSet | undefined, oldRSs: readonly appsv1.ReplicaSet[]): ScaleChange[];
}
// #endregion rolling-arithmetic
