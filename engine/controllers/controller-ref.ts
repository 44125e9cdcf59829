/**
 * Controller references and claiming (upstream: pkg/controller/controller_ref_manager.go
 * ClaimObject / BaseControllerRefManager, and metav1.NewControllerRef / GetControllerOf).
 *
 * An owner claims the objects it should control:
 *   - ours and still matching the selector → keep;
 *   - ours but no longer matching → release (drop our ownerReference), unless the owner is being
 *     deleted (then leave it to the garbage collector);
 *   - nobody's, matching, same namespace, not being deleted, owner not being deleted → adopt;
 *   - another controller's → never touch.
 * Adoption and release are writes; a NotFound (the object vanished meanwhile) is not an error.
 * Shared by every controller that owns objects (ReplicaSet, Deployment, DaemonSet, Job, CronJob).
 */
import { isNotFound } from '../api/errors.ts';
import type { Selector } from '../api/labels.ts';
import type { ObjectMeta } from '../api/object.ts';
import type { metav1 } from '../api/types.ts';

type Owned = { metadata?: ObjectMeta };

export interface OwnerInfo {
  apiVersion: string;
  kind: string;
  metadata?: ObjectMeta;
}

/** metav1.NewControllerRef: controller and blockOwnerDeletion both true. */
export function newControllerRef(owner: OwnerInfo): metav1.OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** metav1.GetControllerOf: the ownerReference with controller: true, if any. */
export function getControllerOf(obj: Owned): metav1.OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

/** The fields of an ownerReference that identify its target. */
export interface ControllerRefLike {
  kind: string;
  name: string;
  uid: string;
}

/**
 * resolveControllerRef (each upstream controller has one, e.g. replica_set.go, job_controller.go):
 * the object of `kind` that `ref` points at, looked up in the lister by name, or undefined when the
 * reference is absent, is of another kind, or names an object since replaced (different uid).
 */
export function resolveControllerRef<T extends Owned>(
  lister: { get(namespace: string, name: string): T | undefined },
  namespace: string,
  ref: ControllerRefLike | undefined,
  kind: string,
): T | undefined {
  if (!ref || ref.kind !== kind) return undefined;
  const obj = lister.get(namespace, ref.name);
  return obj && obj.metadata?.uid === ref.uid ? obj : undefined;
}

export interface ClaimHooks<T extends Owned> {
  adopt(obj: T): Promise<void>;
  release(obj: T): Promise<void>;
}

/** Returns the objects `owner` controls after adopting orphans and releasing strays. */
export async function claimObjects<T extends Owned>(owner: OwnerInfo, selector: Selector, objects: readonly T[], hooks: ClaimHooks<T>): Promise<T[]> {
  const claimed: T[] = [];
  const ownerUid = owner.metadata?.uid;
  const ownerDeleting = !!owner.metadata?.deletionTimestamp;
  const ignoreNotFound = (err: unknown) => {
    if (!isNotFound(err)) throw err;
  };
  for (const obj of objects) {
    const ref = getControllerOf(obj);
    const matches = selector.matches(obj.metadata?.labels ?? {});
    if (ref) {
      if (ref.uid !== ownerUid) continue;
      if (matches || ownerDeleting) {
        if (matches) claimed.push(obj);
        continue;
      }
      await hooks.release(obj).catch(ignoreNotFound);
      continue;
    }
    if (ownerDeleting || !matches || obj.metadata?.deletionTimestamp) continue;
    if (obj.metadata?.namespace !== owner.metadata?.namespace) continue;
    try {
      await hooks.adopt(obj);
      claimed.push(obj);
    } catch (err) {
      ignoreNotFound(err);
    }
  }
  return claimed;
}

/**
 * Index of objects by the UID of their controller, or `orphan/<namespace>` when they have none.
 * A controller then looks only at what it owns and the orphans it might adopt, instead of every
 * object of the namespace (upstream lists by selector; the claim rules give the same result,
 * because objects controlled by someone else are never touched).
 */
export const CONTROLLER_UID_INDEX = 'controllerUID';
export const ORPHAN_INDEX_PREFIX = 'orphan/';

export function controllerUIDIndexFunc(obj: Owned): string[] {
  const ref = getControllerOf(obj);
  return [ref ? ref.uid : `${ORPHAN_INDEX_PREFIX}${obj.metadata?.namespace ?? ''}`];
}

/** Registers the index on a shared informer unless another controller already did. */
export function ensureControllerUIDIndex(informer: { addIndexers(i: Record<string, (obj: never) => string[]>): void }): void {
  try {
    informer.addIndexers({ [CONTROLLER_UID_INDEX]: controllerUIDIndexFunc as (obj: never) => string[] });
  } catch {
    // Shared informer: the index is there already.
  }
}

/** What `owner` may claim: the objects it controls plus the orphans of its namespace. */
export function claimCandidates<T>(lister: { byIndex(index: string, value: string): T[] }, owner: { metadata?: ObjectMeta }): T[] {
  return [...lister.byIndex(CONTROLLER_UID_INDEX, owner.metadata?.uid ?? ''), ...lister.byIndex(CONTROLLER_UID_INDEX, `${ORPHAN_INDEX_PREFIX}${owner.metadata?.namespace ?? ''}`)];
}

/** A copy of `refs` without the reference to `uid`. */
export function withoutOwner(refs: readonly metav1.OwnerReference[] | undefined, uid: string | undefined): metav1.OwnerReference[] {
  return (refs ?? []).filter((r) => r.uid !== uid);
}
