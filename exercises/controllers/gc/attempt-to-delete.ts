/**
 * Exercise `controllers.gc`: decide what the garbage collector does with one dependent.
 * Read the contract in engine/controllers/garbagecollector/attempt-to-delete.ts first.
 *
 * Grade it with `npm run grade -- ctrl-gc`: the cases are in grader/tests/ctrl-gc.ts (a cluster
 * whose garbage collector uses your function, seen through the API) and
 * engine/controllers/garbagecollector/attempt-to-delete-suite.ts.
 */
import type { AttemptToDeleteItem, GcDecision } from '../../../engine/controllers/garbagecollector/attempt-to-delete.ts';

export const attemptToDeleteItem: AttemptToDeleteItem = (item, owners): GcDecision => {
  void item;
  void owners;
  // TODO: sort each owner lookup into solid, dangling (absent, or found with another uid) or
  //       waiting for dependents deletion (being deleted with the foregroundDeletion finalizer).
  // TODO: an object without owner references, or with a solid owner, stays; with a solid owner,
  //       references to dangling or waiting owners are removed.
  // TODO: with no solid owner, the object is deleted: in the foreground when an owner waits and
  //       the object has dependents of its own, otherwise with the policy its own finalizers ask.
  throw new Error('TODO: controllers.gc attemptToDeleteItem');
};
