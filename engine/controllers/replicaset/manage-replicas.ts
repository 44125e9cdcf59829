/**
 * Part `controllers.replicaset`: the ReplicaSet controller's reconcile decision — how many pods to
 * create, or WHICH pods to delete — given the ReplicaSet's desired count and the active pods it
 * owns (upstream: ReplicaSetController.manageReplicas and getPodsToDelete in
 * pkg/controller/replicaset/replica_set.go, the ranking ActivePodsWithRanks in
 * pkg/controller/controller_utils.go).
 *
 * The controller (replica-set-controller.ts) does everything around it: claims pods, tracks
 * expectations, creates in slow-start batches, deletes, records events and writes status.
 *
 * Worked example: replicas 2, pods a (node-1, Running, Ready), b (no node, Pending),
 * c (node-1, Running, not ready), d (node-2, Running, Ready) → delete [b, c]: b is unassigned
 * (goes first), c is not ready; a and d are ready and kept.
 */
import type { corev1 } from '../../api/types.ts';

/** Annotation whose integer value makes a pod cheaper (lower) or dearer (higher) to delete. */
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

/** Upstream burstReplicas: at most this many creates or deletes per sync. */
export const BURST_REPLICAS = 500;

export interface ManageReplicasInput {
  /** The ReplicaSet's spec.replicas. */
  readonly replicas: number;
  /** Active pods the ReplicaSet controls (IsPodActive: not terminal, not being deleted). */
  readonly pods: readonly corev1.Pod[];
  /**
   * Active pods of every ReplicaSet with the same controller (the Deployment's whole family), used
   * to rank "more replicas on the same node" first; for a lone ReplicaSet, its own pods.
   */
  readonly relatedPods: readonly corev1.Pod[];
  /** The controller's clock, ms since the epoch (for the logarithmic age buckets). */
  readonly now: number;
  /** Cap on creates/deletes per sync; default BURST_REPLICAS. */
  readonly burstReplicas?: number;
}

export interface ManageReplicasDecision {
  /** Pods to create (0 when none). */
  readonly create: number;
  /** Pods to delete, in deletion order (empty when none). */
  readonly delete: readonly corev1.Pod[];
}

/** The part's shape: a pure function of its input; it must not mutate the pods it is given. */
export type ManageReplicas = (input: ManageReplicasInput) => ManageReplicasDecision;
