/**
 * What the generic registry does to every object before storing it (upstream: k8s.io/apiserver
 * pkg/registry/rest create.go BeforeCreate and update.go BeforeUpdate), then validation.
 *
 * Create: deletion fields cleared, name generated from generateName, server-owned identity set
 * (uid, creationTimestamp), then the strategy's PrepareForCreate (status reset, generation 1).
 * Update: the strategy's PrepareForUpdate (status kept, generation bumped) and the identity
 * restored from the stored object — a client can never change uid or creationTimestamp, nor
 * remove a deletionTimestamp.
 */
import { newInvalid } from '../../api/errors.ts';
import type { FieldError } from '../../api/field-errors.ts';
import type { KubeObject } from '../../api/object.ts';
import { validateObject, validateObjectUpdate } from '../../api/index.ts';
import { generateName, nowRfc3339 } from '../registry/names.ts';
import type { Request, ServerContext } from './context.ts';
import { metaOf } from '../registry/meta.ts';

export function beforeCreate(ctx: ServerContext, req: Request, obj: KubeObject): void {
  const meta = metaOf(obj);
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.resourceVersion;
  delete meta.selfLink;
  if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName, ctx.random);
  // Identity first, as upstream fills the system fields before PrepareForCreate: some
  // strategies derive from the uid (the Job strategy's generated selector).
  meta.uid = ctx.random.uuid();
  meta.creationTimestamp = nowRfc3339(ctx.clock);
  req.strategy.prepareForCreate(obj);
}

/** Generic part of BeforeUpdate; `prepare` is the strategy step (main resource or subresource). */
export function beforeUpdate(req: Request, obj: KubeObject, old: KubeObject, prepare = true): void {
  const meta = metaOf(obj);
  const oldMeta = old.metadata ?? {};
  // Ensure requests cannot update generation: only the strategy may bump it.
  if (oldMeta.generation === undefined) delete meta.generation;
  else meta.generation = oldMeta.generation;
  if (prepare) req.strategy.prepareForUpdate(obj, old);
  if (!meta.uid && oldMeta.uid) meta.uid = oldMeta.uid;
  if (oldMeta.creationTimestamp) meta.creationTimestamp = oldMeta.creationTimestamp;
  if (oldMeta.deletionTimestamp) meta.deletionTimestamp = oldMeta.deletionTimestamp;
  else delete meta.deletionTimestamp;
  if (oldMeta.deletionGracePeriodSeconds !== undefined && meta.deletionGracePeriodSeconds === undefined) {
    meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
  }
  delete meta.selfLink;
}

function invalid(req: Request, obj: KubeObject, errs: FieldError[]): Error {
  return newInvalid({ group: req.info.group, kind: req.info.kind }, obj.metadata?.name ?? obj.metadata?.generateName ?? '', errs);
}

export function validateCreate(ctx: ServerContext, req: Request, obj: KubeObject): void {
  const errs = [...validateObject(obj, { objectMeta: ctx.objectMetaValidator, secretTypes: ctx.secretTypes }), ...(req.strategy.validate?.(obj) ?? [])];
  if (errs.length) throw invalid(req, obj, errs);
}

export function validateUpdate(ctx: ServerContext, req: Request, obj: KubeObject, old: KubeObject): void {
  const errs = [...validateObjectUpdate(obj, old, { objectMeta: ctx.objectMetaValidator, secretTypes: ctx.secretTypes }), ...(req.strategy.validateUpdate?.(obj, old) ?? [])];
  if (errs.length) throw invalid(req, obj, errs);
}
