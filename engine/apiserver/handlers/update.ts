/**
 * PUT: replace an object (upstream: handlers/update.go → registry Store.Update), for the main
 * resource and for the status and finalize subresources.
 *
 *   decode → default → guaranteedUpdate( resourceVersion check (409) → admit → BeforeUpdate
 *          → validate (422) → validating admission → put, or delete when the last finalizer of
 *          an object being deleted went away )
 *
 * - Main resource: status is kept as stored (kinds with a status subresource).
 * - /status: only status changes; everything else is kept as stored (ResetObjectMetaForStatus).
 * - /finalize (namespaces): only spec.finalizers changes.
 * - No resourceVersion = "whatever is stored now" (unless the kind forbids it, e.g. Lease).
 * - A missing object is 404, except for kinds that allow create-on-update.
 */
import { newBadRequest, newConflict, newInvalid, newNotFound } from '../../api/errors.ts';
import { fieldErrors } from '../../api/field-errors.ts';
import type { KubeObject } from '../../api/object.ts';
import { defaultObject } from '../../api/index.ts';
import type { WriteOptions } from '../types.ts';
import { deepClone } from '../registry/codec.ts';
import { parseResourceVersion } from '../registry/resource-version.ts';
import { admissionAttributes, keyOf, reject, type Request, type ServerContext } from './context.ts';
import { decodeBody } from './decode.ts';
import { beforeUpdate, validateUpdate } from './before.ts';
import { prepareCreate, type WriteOutcome } from './create.ts';
import { guaranteedUpdate, type UpdateDecision } from './guaranteed-update.ts';

export async function updateHandler(ctx: ServerContext, req: Request, body: unknown, options: WriteOptions): Promise<WriteOutcome> {
  const obj = decodeBody(ctx, req, body, { fieldValidation: options.fieldValidation, requestBody: true });
  checkName(req, obj);
  defaultObject(obj);
  return applyUpdate(ctx, req, obj);
}

/** handlers/rest.go checkName: the body names the object the URL names. */
export function checkName(req: Request, obj: KubeObject): void {
  const name = obj.metadata?.name ?? '';
  if (name !== req.name) throw newBadRequest(`the name of the object (${name}) does not match the name on the URL (${req.name})`);
}

/** Store.shouldDeleteDuringUpdate: a deletion was requested and the last finalizer just went away. */
function shouldDeleteDuringUpdate(req: Request, obj: KubeObject, old: KubeObject): boolean {
  if ((obj.metadata?.finalizers ?? []).length > 0) return false;
  const oldMeta = old.metadata ?? {};
  if (!oldMeta.deletionTimestamp) return false;
  if (oldMeta.deletionGracePeriodSeconds !== undefined && oldMeta.deletionGracePeriodSeconds !== 0) return false;
  return req.strategy.shouldDeleteDuringUpdate?.(obj, old) ?? true;
}

/** /status: the stored object with the new status (and the client's resourceVersion precondition). */
function withStatusOf(old: KubeObject, body: KubeObject): KubeObject {
  const out = deepClone(old);
  if (body.status === undefined) delete out.status;
  else out.status = deepClone(body.status);
  return out;
}

/** /finalize: the stored namespace with the new spec.finalizers. */
function withSpecFinalizersOf(old: KubeObject, body: KubeObject): KubeObject {
  const out = deepClone(old);
  const finalizers = (body.spec as { finalizers?: string[] } | undefined)?.finalizers;
  const spec = (out.spec ??= {}) as { finalizers?: string[] };
  if (finalizers === undefined) delete spec.finalizers;
  else spec.finalizers = [...finalizers];
  return out;
}

/** The update chain for an already decoded and defaulted object. */
export async function applyUpdate(ctx: ServerContext, req: Request, obj: KubeObject): Promise<WriteOutcome> {
  const rv = parseResourceVersion(obj.metadata?.resourceVersion);
  if (typeof rv !== 'number') throw rv;
  const gr = { group: req.info.group, resource: req.info.plural };

  return guaranteedUpdate(ctx, req, (current): UpdateDecision => {
    if (!current) {
      if (req.subresource !== '' || !req.strategy.allowCreateOnUpdate) throw newNotFound(gr, req.name);
      const fresh = deepClone(obj);
      prepareCreate(ctx, req, fresh);
      return { create: fresh };
    }
    // rest.defaultUpdatedObjectInfo.Preconditions: a uid in the body is a precondition on the
    // stored object, checked by the storage before anything else (storage.Preconditions.Check →
    // an invalid-object StorageError, which registry Store.Update turns into a 409 Conflict).
    const uid = obj.metadata?.uid;
    if (uid && uid !== current.obj.metadata?.uid) {
      throw newConflict(gr, req.name, `StorageError: invalid object, Code: 4, Key: ${keyOf(req)}, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.obj.metadata?.uid ?? ''}`);
    }
    if (rv === 0 && !req.strategy.allowUnconditionalUpdate) {
      throw newInvalid({ group: req.info.group, kind: req.info.plural }, req.name, [
        fieldErrors.invalid('metadata.resourceVersion', 0, 'must be specified for an update'),
      ]);
    }
    if (rv !== 0 && rv !== current.modRevision) throw newConflict(gr, req.name);

    const old = current.obj;
    let next: KubeObject;
    if (req.subresource === 'status') next = withStatusOf(old, obj);
    else if (req.subresource === 'finalize') next = withSpecFinalizersOf(old, obj);
    else next = deepClone(obj);

    reject(ctx.admission.admit(admissionAttributes(req, 'UPDATE', { name: req.name, object: next, oldObject: old })));
    beforeUpdate(req, next, old, req.subresource === '');
    validateUpdate(ctx, req, next, old);
    reject(ctx.admission.validate(admissionAttributes(req, 'UPDATE', { name: req.name, object: next, oldObject: old })));
    if (shouldDeleteDuringUpdate(req, next, old)) return { delete: true, obj: next };
    return { put: next };
  });
}
