/**
 * POST pods/<name>/eviction (upstream: pkg/registry/core/pod/storage/eviction.go EvictionREST.Create):
 * how `kubectl drain` removes pods. The body is a policy/v1 Eviction naming the pod, optionally
 * with deleteOptions (gracePeriodSeconds, preconditions, dryRun).
 *
 * Contract:
 *  - the Eviction's metadata.name must be the pod's name in the URL → else 400
 *    `name in URL does not match name in Eviction object`;
 *  - an unknown pod → 404 (pods "x" not found);
 *  - a pod already being deleted → Success without touching it (upstream returns early once
 *    deletionTimestamp is set: the disruption is already under way);
 *  - otherwise the pod is deleted gracefully, exactly as DELETE pods/<name> with the Eviction's
 *    deleteOptions would (the kubelet finishes the deletion after the grace period);
 *  - the answer is 201 with a Status Success, as upstream's create of the subresource.
 *
 * PodDisruptionBudgets: tinykube has no policy/v1 PodDisruptionBudget resource, so no eviction is
 * ever refused with 429 TooManyRequests ("Cannot evict pod as it would violate the pod's disruption
 * budget") — upstream's checks collapse to "no budget covers this pod".
 */
import { newBadRequest, newNotFound, successStatus } from '../../api/errors.ts';
import type { KubeObject } from '../../api/object.ts';
import type { DeleteOptions, WriteOptions } from '../types.ts';
import { admissionAttributes, keyOf, reject, type Request, type ServerContext } from './context.ts';
import { decodeBody } from './decode.ts';
import type { WriteOutcome } from './create.ts';
import { deleteHandler } from './delete.ts';

interface Eviction extends KubeObject {
  deleteOptions?: {
    gracePeriodSeconds?: number;
    preconditions?: { uid?: string; resourceVersion?: string };
    dryRun?: string[];
    propagationPolicy?: DeleteOptions['propagationPolicy'];
  };
}

export async function evictionHandler(ctx: ServerContext, req: Request, body: unknown, options: WriteOptions): Promise<WriteOutcome> {
  const eviction = decodeBody(ctx, req, body, { kind: 'Eviction', apiVersion: 'policy/v1' }) as Eviction;
  const name = req.name || eviction.metadata?.name || '';
  if (eviction.metadata?.name !== name) throw newBadRequest('name in URL does not match name in Eviction object');
  const podReq: Request = { ...req, name, subresource: '' };
  const evictReq: Request = { ...req, name };
  reject(ctx.admission.admit(admissionAttributes(evictReq, 'CREATE', { name, object: eviction, kind: 'Eviction' })));
  reject(ctx.admission.validate(admissionAttributes(evictReq, 'CREATE', { name, object: eviction, kind: 'Eviction' })));

  const current = await ctx.store.get(keyOf(podReq));
  if (!current) throw newNotFound({ group: '', resource: 'pods' }, name);

  const success = successStatus();
  success.code = 201;
  const done: WriteOutcome = { obj: success as unknown as KubeObject, code: 201 };
  if (current.obj.metadata?.deletionTimestamp) return done;

  const d = eviction.deleteOptions ?? {};
  const dryRun = req.dryRun || !!options.dryRun || (d.dryRun ?? []).includes('All');
  const out = await deleteHandler(ctx, { ...podReq, dryRun }, {
    user: req.user,
    dryRun,
    gracePeriodSeconds: d.gracePeriodSeconds,
    preconditions: d.preconditions,
    propagationPolicy: d.propagationPolicy,
  });
  return { ...done, revision: out.revision };
}
