/**
 * guaranteedUpdate (upstream: k8s.io/apiserver pkg/storage/etcd3/store.go GuaranteedUpdate):
 * read the current object, let `tryUpdate` compute the new state from it, and write that state
 * with a txn that succeeds only if the object is still at the revision that was read. If
 * someone else wrote in between, read again and recompute — the caller's function decides
 * whether that is fine (an unconditional update) or a 409 Conflict (the client sent a
 * resourceVersion that is no longer current).
 *
 * Writing the same bytes that are stored is a no-op: no new revision, no watch event (upstream
 * compares the encoded bytes too). So `kubectl apply` of an unchanged manifest changes nothing.
 */
import { newConflict, newNotFound } from '../../api/errors.ts';
import type { KubeObject } from '../../api/object.ts';
import { encodeObject } from '../registry/codec.ts';
import type { StoredObject } from '../registry/object-store.ts';
import { keyOf, withLease, type Request, type ServerContext } from './context.ts';
import type { WriteOutcome } from './create.ts';

const MAX_ATTEMPTS = 16;

export type UpdateDecision =
  /** Write this object over the current one. */
  | { put: KubeObject }
  /** The object does not exist and this creates it (create-on-update). */
  | { create: KubeObject }
  /** Remove the object (its last finalizer went away during deletion). */
  | { delete: true; obj: KubeObject }
  /** Leave the object as it is. */
  | { noop: true };

/** `tryUpdate` throws StatusErrors for rejections; it may be called more than once. */
export async function guaranteedUpdate(
  ctx: ServerContext,
  req: Request,
  tryUpdate: (current: StoredObject | undefined) => UpdateDecision | Promise<UpdateDecision>,
): Promise<WriteOutcome> {
  const key = keyOf(req);
  const isNamespace = req.info.plural === 'namespaces' && req.info.group === '';
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await ctx.store.get(key);
    const decision = await tryUpdate(current);

    if ('create' in decision) {
      if (req.dryRun) return { obj: decision.create, code: 201 };
      const r = await withLease(ctx, req, (lease) => ctx.store.create(key, decision.create, lease));
      if (!r.ok) continue;
      if (isNamespace) ctx.namespaces.apply(req.name, r.revision, r.obj);
      return { obj: r.obj, code: 201, revision: r.revision };
    }
    if (!current) throw newNotFound({ group: req.info.group, resource: req.info.plural }, req.name);

    if ('noop' in decision) return { obj: current.obj, code: 200 };
    if ('delete' in decision) {
      if (req.dryRun) return { obj: decision.obj, code: 200 };
      const r = await ctx.store.delete({ ...current, raw: encodeObject(decision.obj) });
      if (!r.ok) continue;
      if (isNamespace) ctx.namespaces.apply(req.name, r.revision, undefined);
      return { obj: r.obj, code: 200, revision: r.revision };
    }

    const next = decision.put;
    if (encodeObject(next) === current.raw && current.lease === 0) return { obj: current.obj, code: 200 };
    if (req.dryRun) return { obj: next, code: 200 };
    const r = await withLease(ctx, req, (lease) => ctx.store.update(key, next, current.modRevision, lease));
    if (!r.ok) continue;
    if (isNamespace) ctx.namespaces.apply(req.name, r.revision, r.obj);
    return { obj: r.obj, code: 200, revision: r.revision };
  }
  throw newConflict({ group: req.info.group, resource: req.info.plural }, req.name, 'too many concurrent updates; please try again');
}
