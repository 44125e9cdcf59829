/**
 * DELETE (upstream: registry Store.Delete, rest.BeforeDelete, deletionFinalizersForGarbageCollection,
 * and the namespace storage's Delete).
 *
 * In order:
 *  1. preconditions (uid, resourceVersion) → 409 Conflict when they do not hold;
 *  2. admission (DELETE, with the stored object as oldObject);
 *  3. namespaces: the first delete only marks the namespace Terminating (deletionTimestamp +
 *     status.phase); the namespace controller empties it and removes the `kubernetes` finalizer;
 *     deleting again while spec.finalizers remain is 409;
 *  4. graceful deletion (pods): deletionTimestamp = now + grace period and
 *     deletionGracePeriodSeconds are set and the object stays — the kubelet deletes it with grace 0
 *     once its containers are stopped. A later delete may only shorten the grace period;
 *  5. propagationPolicy: Foreground adds the `foregroundDeletion` finalizer, Orphan adds `orphan`,
 *     Background removes both (the garbage collector does the rest);
 *  6. finalizers pending → only deletionTimestamp (now) and deletionGracePeriodSeconds 0 are set;
 *     the object goes when an update removes the last finalizer;
 *  7. otherwise the object is removed.
 *
 * The result is the object after the call: 200 with its last state when it is gone (its
 * resourceVersion is the deletion's revision), 202 with the stored object when deletion is pending.
 */
import { newConflict, newNotFound } from '../../api/errors.ts';
import type { KubeObject } from '../../api/object.ts';
import type { DeleteOptions } from '../types.ts';
import { deepClone } from '../registry/codec.ts';
import { rfc3339 } from '../registry/names.ts';
import type { StoredObject } from '../registry/object-store.ts';
import { namespaceSpecFinalizers } from '../strategies/namespace.ts';
import { admissionAttributes, reject, type Request, type ServerContext } from './context.ts';
import type { WriteOutcome } from './create.ts';
import { guaranteedUpdate, type UpdateDecision } from './guaranteed-update.ts';
import { metaOf } from '../registry/meta.ts';

export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

const NAMESPACE_CONTENT_MESSAGE =
  'The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.';

/** deletionFinalizersForGarbageCollection: the finalizers the propagation policy asks for. */
export function finalizersForPropagation(finalizers: readonly string[], policy: DeleteOptions['propagationPolicy']): string[] {
  const without = (f: string) => finalizers.filter((x) => x !== f);
  switch (policy) {
    case 'Orphan':
      return [...new Set([...without(FINALIZER_FOREGROUND), FINALIZER_ORPHAN])];
    case 'Foreground':
      return [...new Set([...without(FINALIZER_ORPHAN), FINALIZER_FOREGROUND])];
    case 'Background':
      return finalizers.filter((x) => x !== FINALIZER_ORPHAN && x !== FINALIZER_FOREGROUND);
    default:
      return [...finalizers];
  }
}

function checkPreconditions(req: Request, obj: KubeObject, options: DeleteOptions): void {
  const p = options.preconditions;
  if (!p) return;
  const meta = obj.metadata ?? {};
  // Upstream names the kind where the resource would go in this message.
  const gr = { group: req.info.group, resource: req.info.kind };
  if (p.uid !== undefined && p.uid !== meta.uid) {
    throw newConflict(gr, req.name, `the UID in the precondition (${p.uid}) does not match the UID in record (${meta.uid ?? ''}). The object might have been deleted and then recreated`);
  }
  if (p.resourceVersion !== undefined && p.resourceVersion !== meta.resourceVersion) {
    throw newConflict(gr, req.name, `the ResourceVersion in the precondition (${p.resourceVersion}) does not match the ResourceVersion in record (${meta.resourceVersion ?? ''}). The object might have been modified`);
  }
}

type Plan = { kind: 'pending' } | { kind: 'update'; obj: KubeObject } | { kind: 'delete' };

/** rest.BeforeDelete + the finalizer handling of Store.Delete, as one decision. */
function planDelete(ctx: ServerContext, req: Request, current: StoredObject, options: DeleteOptions): Plan {
  const obj = deepClone(current.obj);
  const meta = metaOf(obj);
  const now = ctx.clock.now();
  // Negative grace periods mean "1 second" on the delete path (upstream, for compatibility).
  const requested = options.gracePeriodSeconds !== undefined && options.gracePeriodSeconds < 0 ? 1 : options.gracePeriodSeconds;

  let graceful = false;
  if (req.info.plural === 'namespaces' && req.info.group === '') {
    if (!meta.deletionTimestamp) {
      meta.deletionTimestamp = rfc3339(now);
      ((obj.status ??= {}) as { phase?: string }).phase = 'Terminating';
      meta.finalizers = finalizersForPropagation(meta.finalizers ?? [], options.propagationPolicy);
      if (meta.finalizers.length === 0) delete meta.finalizers;
      return { kind: 'update', obj };
    }
    if (namespaceSpecFinalizers(obj).length > 0) {
      throw newConflict({ group: '', resource: 'namespaces' }, req.name, NAMESPACE_CONTENT_MESSAGE);
    }
  } else if (meta.deletionTimestamp) {
    const grace = meta.deletionGracePeriodSeconds;
    if (grace !== undefined && grace !== 0) {
      // Already being deleted gracefully: a delete may only shorten the grace period.
      if (requested === undefined || requested >= grace) return { kind: 'pending' };
      const start = Date.parse(meta.deletionTimestamp) - grace * 1000;
      meta.deletionTimestamp = rfc3339(start + requested * 1000);
      meta.deletionGracePeriodSeconds = requested;
      graceful = requested > 0;
    }
  } else if (req.strategy.checkGracefulDelete) {
    const period = req.strategy.checkGracefulDelete(obj, requested);
    if (period !== undefined && period > 0) {
      meta.deletionTimestamp = rfc3339(now + period * 1000);
      meta.deletionGracePeriodSeconds = period;
      graceful = true;
    }
  }

  const finalizers = finalizersForPropagation(meta.finalizers ?? [], options.propagationPolicy);
  if (finalizers.length) meta.finalizers = finalizers;
  else delete meta.finalizers;

  if (graceful) return { kind: 'update', obj };
  if (finalizers.length > 0) {
    // markAsDeleting: the object waits for its finalizers.
    meta.deletionTimestamp ??= rfc3339(now);
    meta.deletionGracePeriodSeconds = 0;
    return { kind: 'update', obj };
  }
  return { kind: 'delete' };
}

export async function deleteHandler(ctx: ServerContext, req: Request, options: DeleteOptions): Promise<WriteOutcome> {
  const gr = { group: req.info.group, resource: req.info.plural };
  let last: Plan['kind'] = 'delete';
  const out = await guaranteedUpdate(ctx, req, (current): UpdateDecision => {
    if (!current) throw newNotFound(gr, req.name);
    checkPreconditions(req, current.obj, options);
    const attrs = admissionAttributes(req, 'DELETE', { name: req.name, oldObject: current.obj });
    reject(ctx.admission.admit(attrs));
    reject(ctx.admission.validate(attrs));
    const plan = planDelete(ctx, req, current, options);
    last = plan.kind;
    if (plan.kind === 'pending') return { noop: true };
    if (plan.kind === 'update') return { put: plan.obj };
    return { delete: true, obj: current.obj };
  });
  // Still there (graceful deletion or finalizers) → 202 Accepted; gone → 200 OK.
  return { ...out, code: last === 'delete' ? 200 : 202 };
}
