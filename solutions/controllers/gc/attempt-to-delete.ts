/**
 * Reference solution of the `controllers.gc` part: what the garbage collector does with one
 * dependent (upstream attemptToDeleteItem / classifyReferences in
 * pkg/controller/garbagecollector/garbagecollector.go). The contract is in
 * engine/controllers/garbagecollector/attempt-to-delete.ts.
 */
import {
  FINALIZER_FOREGROUND,
  FINALIZER_ORPHAN,
  type AttemptToDeleteItem,
  type GcDecision,
  type OwnerLookup,
  type OwnerReference,
} from '../../../engine/controllers/garbagecollector/attempt-to-delete.ts';

export interface ClassifiedReferences {
  solid: OwnerReference[];
  dangling: OwnerReference[];
  waitingForDependentsDeletion: OwnerReference[];
}

/**
 * Sorts owner references into the three kinds. A reference whose uid differs from what the GET
 * found is dangling, not solid: names are reused, uids never are, so the object we found is a
 * namesake and the real owner is gone (upstream isDangling compares uids for this reason).
 */
export function classifyReferences(owners: readonly OwnerLookup[]): ClassifiedReferences {
  const out: ClassifiedReferences = { solid: [], dangling: [], waitingForDependentsDeletion: [] };
  for (const { ref, found } of owners) {
    if (!found || found.uid !== ref.uid) {
      out.dangling.push(ref);
    } else if (found.deletionTimestamp && (found.finalizers ?? []).includes(FINALIZER_FOREGROUND)) {
      // The owner is in foreground deletion: it is still there only to wait for us.
      out.waitingForDependentsDeletion.push(ref);
    } else {
      // Alive, or being deleted in the background/orphan way: either way it still owns us until
      // it is actually gone (a background delete will come back to us via the graph).
      out.solid.push(ref);
    }
  }
  return out;
}

export const attemptToDeleteItem: AttemptToDeleteItem = (item, owners): GcDecision => {
  if (item.ownerReferences.length === 0) return { action: 'keep' };
  const { solid, dangling, waitingForDependentsDeletion } = classifyReferences(owners);

  if (solid.length > 0) {
    // One living owner is enough to keep the object. Only the references that point at nothing
    // (or at an owner that is waiting for us to go) are removed, so those owners can finish.
    const stale = [...dangling, ...waitingForDependentsDeletion];
    if (stale.length === 0) return { action: 'keep' };
    return { action: 'removeOwnerReferences', uids: stale.map((r) => r.uid) };
  }

  if (waitingForDependentsDeletion.length > 0 && item.hasDependents) {
    // Our owner is deleting in the foreground; so must we, so that our own dependents are gone
    // before we are (the foreground deletion cascades all the way down).
    return { action: 'delete', propagationPolicy: 'Foreground' };
  }

  // Every owner is gone or waiting: delete the object the way its own finalizers ask.
  const finalizers = item.finalizers;
  if (finalizers.includes(FINALIZER_ORPHAN)) return { action: 'delete', propagationPolicy: 'Orphan' };
  if (finalizers.includes(FINALIZER_FOREGROUND)) return { action: 'delete', propagationPolicy: 'Foreground' };
  return { action: 'delete', propagationPolicy: 'Background' };
};
