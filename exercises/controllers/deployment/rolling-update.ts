/**
 * Exercise `controllers.deployment`: the arithmetic of one RollingUpdate step. Read the interface
 * and its worked example in engine/controllers/deployment/rolling-update.ts first.
 *
 * Grade it with `npm run grade -- ctrl-deployment`: the cases are in grader/tests/ctrl-deployment.ts (a cluster
 * whose controller uses your code, seen through the API) and engine/controllers/deployment/rolling-update-suite.ts.
 */
import type { RollingUpdateArithmetic } from '../../../engine/controllers/deployment/rolling-update.ts';

export const rollingUpdate: RollingUpdateArithmetic = {
  resolveFenceposts(maxSurge, maxUnavailable, desired) {
    // TODO: turn each value (a number, or a percentage of `desired`) into a pod count, rounding
    // in the direction that keeps the service available. A rollout must always be able to move.
    void maxSurge;
    void maxUnavailable;
    void desired;
    throw new Error('TODO: resolveFenceposts');
  },

  newReplicaSetReplicas(deployment, newRS, oldRSs) {
    // TODO: how many replicas may the new ReplicaSet have now, given every ReplicaSet's current
    // size and how far above spec.replicas the Deployment may go?
    void deployment;
    void newRS;
    void oldRSs;
    throw new Error('TODO: newReplicaSetReplicas');
  },

  scaleDownOldReplicaSets(deployment, newRS, oldRSs) {
    // TODO: shrink old ReplicaSets (oldest first) without letting available pods fall below what
    // maxUnavailable allows. Which old pods can go without costing any availability at all?
    void deployment;
    void newRS;
    void oldRSs;
    throw new Error('TODO: scaleDownOldReplicaSets');
  },
};
