/**
 * The part `controllers.gc`: the garbage collector's decision about one dependent (upstream:
 * pkg/controller/garbagecollector/garbagecollector.go, attemptToDeleteItem and
 * classifyReferences; website concepts/architecture/garbage-collection.md).
 *
 * The collector calls it for an object that has ownerReferences and is not being deleted, after
 * looking every owner up *live* from the apiserver (not from a cache, which could lag behind a
 * just-created owner). Each owner reference is one of:
 *
 *   solid      the owner exists with the referenced uid and is not waiting for its dependents;
 *   dangling   no object of that kind/name exists, or one exists with another uid (the owner was
 *              deleted and a namesake recreated): the reference points at nothing;
 *   waitingForDependentsDeletion
 *              the owner exists, has a deletionTimestamp and the `foregroundDeletion` finalizer:
 *              it is being deleted in the foreground and waits for dependents like this one.
 *
 * Decision, in upstream's order:
 *   - no owner references                          → keep (nothing owns it);
 *   - at least one solid owner                     → keep, but if some references are dangling or
 *                                                     waiting, remove just those references
 *                                                     (the object survives, owned by the others);
 *   - no solid owner, some waiting, and the object has dependents of its own
 *                                                   → delete it with propagationPolicy Foreground
 *                                                     (the foreground deletion cascades down);
 *   - otherwise (all owners dangling or waiting)   → delete it, with the policy its own finalizers
 *                                                     ask for: `orphan` → Orphan, `foregroundDeletion`
 *                                                     → Foreground, else Background.
 *
 * Example: a Pod owned by ReplicaSet web-1 (uid a). `kubectl delete rs web-1` (background) →
 * the GET of web-1 is 404 → dangling → delete the Pod (Background). If instead web-1 was deleted
 * with --cascade=foreground, the GET finds it with the foregroundDeletion finalizer → waiting →
 * delete the Pod; once no blocking dependent remains the collector removes the finalizer.
 */
import type { PropagationPolicy } from '../../apiserver/types.ts';

export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

/** metav1.OwnerReference. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** What a live GET of an owner reference's kind/namespace/name returned; undefined for 404. */
export interface OwnerFound {
  uid: string;
  deletionTimestamp?: string;
  finalizers?: readonly string[];
}

export interface OwnerLookup {
  ref: OwnerReference;
  found: OwnerFound | undefined;
}

/** The dependent under consideration (live state; never being deleted). */
export interface GcItem {
  ownerReferences: readonly OwnerReference[];
  /** The dependent's own metadata.finalizers. */
  finalizers: readonly string[];
  /** True when other objects name this one as their owner. */
  hasDependents: boolean;
}

export type GcDecision =
  | { action: 'keep' }
  /** Strip the references with these owner uids (dangling and waiting ones). */
  | { action: 'removeOwnerReferences'; uids: string[] }
  | { action: 'delete'; propagationPolicy: PropagationPolicy };

/** The part's signature: pure, synchronous, never throws for expected inputs. */
export type AttemptToDeleteItem = (item: GcItem, owners: readonly OwnerLookup[]) => GcDecision;
