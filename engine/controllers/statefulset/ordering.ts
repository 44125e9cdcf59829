/**
 * Part `controllers.statefulset`: the StatefulSet controller's decision for one sync — which
 * ordinals to create, which pods to delete — given the set's policies and the state of its pods
 * (upstream: pkg/controller/statefulset/stateful_set_control.go updateStatefulSet, processReplica,
 * processCondemned, newVersionedStatefulSetPod; website concepts/workloads/controllers/
 * statefulset.md "Deployment and Scaling Guarantees", "Pod Management Policies", "Update strategies").
 *
 * The pods of ordinals [startOrdinal, startOrdinal + replicas) are the *replicas*; pods with any
 * other ordinal are *condemned*. A pod is *healthy* when it is Running and Ready (and available,
 * when minReadySeconds is set) and not terminating.
 *
 *  1. Replicas, in increasing ordinal:
 *     - a Failed or Succeeded pod that is not terminating is deleted (reason 'failed'): it is
 *       recreated, same name, by a later sync once it is gone;
 *     - a missing ordinal is created. Its revision: under RollingUpdate, ordinals below the
 *       partition (startOrdinal + partition) keep the current revision, the others get the update revision; under OnDelete
 *       always the update revision;
 *     - OrderedReady (monotonic): after ONE create, or at the first replica that is terminating,
 *       failed, or not healthy, the sync stops: a pod is created only when all its predecessors
 *       are Running and Ready. Parallel: every missing ordinal is created, nothing waits.
 *  2. Condemned pods, from the highest ordinal down (OrderedReady only gets here when every
 *     replica is healthy): a terminating one blocks under OrderedReady (wait for it to go); an
 *     unhealthy one blocks unless it is the first unhealthy pod; otherwise it is deleted (reason
 *     'condemned') — one per sync under OrderedReady, all at once under Parallel.
 *  3. Update, only under RollingUpdate (OnDelete: pods change template only when someone deletes
 *     them): from the highest replica ordinal down to the partition, the first pod whose revision
 *     is not the update revision and that is not terminating is deleted (reason 'update') and the
 *     sync stops; a pod on the update revision that is not healthy also stops it (wait for Ready).
 *     Ordinals below the partition are never touched.
 *
 * Worked example — replicas 3, OrderedReady, RollingUpdate partition 1, current revision r1,
 * update revision r2, pods web-0 (r1, healthy), web-1 (r1, healthy), web-2 (r2, healthy):
 *   → [{ delete web-1, reason 'update' }]   (web-2 is done; web-0 is below the partition).
 * Next sync: web-1 is gone → [{ create 1, revision r2 }]; web-1 not yet Ready → [].
 *
 * The controller (statefulset-controller.ts) does the rest: creates the claims and the pod for a
 * create, deletes, records events, writes status.
 */

export type PodManagementPolicy = 'OrderedReady' | 'Parallel';
export type UpdateStrategyType = 'RollingUpdate' | 'OnDelete';

/** What the decision needs to know about one pod of the set. */
export interface StatefulPodState {
  readonly name: string;
  readonly ordinal: number;
  /** Its controller-revision-hash label ('' when absent). */
  readonly revision: string;
  readonly phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  /** Running, Ready, and available for minReadySeconds (isRunningAndAvailable). */
  readonly healthy: boolean;
  /** metadata.deletionTimestamp is set. */
  readonly terminating: boolean;
}

export interface StatefulSetOrderingInput {
  readonly replicas: number;
  /** spec.ordinals.start (default 0). */
  readonly startOrdinal: number;
  readonly podManagementPolicy: PodManagementPolicy;
  readonly updateStrategy: UpdateStrategyType;
  /**
   * spec.updateStrategy.rollingUpdate.partition (default 0), counted from startOrdinal as upstream
   * does: replicas of ordinal < startOrdinal + partition stay on the current revision.
   */
  readonly partition: number;
  readonly currentRevision: string;
  readonly updateRevision: string;
  /** Every pod of the set, any ordinal, any order. */
  readonly pods: readonly StatefulPodState[];
}

// #region sts-action
export type StatefulSetAction =
  | { readonly type: 'create'; readonly ordinal: number; readonly revision: string }
  | { readonly type: 'delete'; readonly pod: string; readonly reason: 'failed' | 'condemned' | 'update' };

/** The part's shape: a pure function; the actions in the order they are to be carried out. */
export type StatefulSetOrdering = (input: StatefulSetOrderingInput) => StatefulSetAction[];
// #endregion sts-action
