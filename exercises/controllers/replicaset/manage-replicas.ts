/**
 * Exercise `controllers.replicaset`: the ReplicaSet controller's decision. Read the interface and
 * its worked example in engine/controllers/replicaset/manage-replicas.ts first.
 *
 * Grade it with `npm run grade -- ctrl-replicaset`: the cases are in grader/tests/ctrl-replicaset.ts (a cluster
 * whose controller uses your function, seen through the API) and engine/controllers/replicaset/manage-replicas-suite.ts.
 */
import type { ManageReplicas, ManageReplicasInput } from '../../../engine/controllers/replicaset/manage-replicas.ts';

export const manageReplicas: ManageReplicas = (input: ManageReplicasInput) => {
  // TODO: compare the active pods with the desired replicas. Too few: create the difference
  // (never more than the burst cap per sync). Too many: choose which pods to delete.
  // TODO: when some pods stay, delete the cheapest to lose first: think about pods that are not
  // on a node yet, pods that are not running or not ready, the pod-deletion-cost annotation,
  // nodes crowded with the same workload's pods, and how long pods have been ready or alive.
  void input;
  throw new Error('TODO: manageReplicas');
};
