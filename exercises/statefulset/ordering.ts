/**
 * Exercise `sts-ordering` (part `controllers.statefulset`): the StatefulSet controller's decision
 * for one sync. Read the interface and its worked example in
 * engine/controllers/statefulset/ordering.ts first.
 *
 * Grade it with `npm run grade -- sts-ordering`: the cases are in grader/tests/sts-ordering.ts (a
 * cluster whose StatefulSet controller uses your function, seen through the API) and
 * engine/controllers/statefulset/ordering-suite.ts.
 */
import type { StatefulSetAction, StatefulSetOrdering, StatefulSetOrderingInput } from '../../engine/controllers/statefulset/ordering.ts';

export const decideStatefulSetActions: StatefulSetOrdering = (input: StatefulSetOrderingInput): StatefulSetAction[] => {
  // TODO: sort the pods into the replicas the set should have and the pods it should not.
  // TODO: replicas first: create the missing ones and clear away the failed ones — under
  // OrderedReady a pod only comes once all its predecessors are Running and Ready.
  // TODO: then the pods that should not exist, in the order the policy requires.
  // TODO: then, only under RollingUpdate, bring pods to the update revision in the documented
  // order, never touching the ones the partition protects, one at a time.
  void input;
  throw new Error('TODO: decideStatefulSetActions');
};
