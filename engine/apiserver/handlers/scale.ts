/**
 * The scale subresource (upstream: pkg/registry/apps/deployment/storage ScaleREST and friends):
 * an autoscaling/v1 Scale view of a workload — spec.replicas, status.replicas and status.selector
 * (the label selector as a string) — so that `kubectl scale` and autoscalers can change the
 * replica count of any scalable kind without knowing its type.
 *
 * Writing a Scale updates the object's spec.replicas through the object's own update chain, so
 * its generation is bumped and its validation applies.
 */
import { newBadRequest, newConflict, newInvalid, newNotFound } from '../../api/errors.ts';
import { fieldErrors, type FieldError } from '../../api/field-errors.ts';
import type { KubeObject } from '../../api/object.ts';
import type { WriteOptions } from '../types.ts';
import { deepClone } from '../registry/codec.ts';
import { parseResourceVersion } from '../registry/resource-version.ts';
import { admissionAttributes, reject, type Request, type ServerContext } from './context.ts';
import { decodeBody } from './decode.ts';
import { beforeUpdate, validateUpdate } from './before.ts';
import type { WriteOutcome } from './create.ts';
import { guaranteedUpdate } from './guaranteed-update.ts';

export const SCALE_API_VERSION = 'autoscaling/v1';

interface Replicated {
  spec?: { replicas?: number };
  status?: { replicas?: number };
}

export function toScale(req: Request, obj: KubeObject): KubeObject {
  const o = obj as KubeObject & Replicated;
  const m = obj.metadata ?? {};
  const metadata: Record<string, unknown> = { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp };
  for (const k of Object.keys(metadata)) if (metadata[k] === undefined) delete metadata[k];
  return {
    apiVersion: SCALE_API_VERSION,
    kind: 'Scale',
    metadata,
    spec: { replicas: o.spec?.replicas ?? 0 },
    status: { replicas: o.status?.replicas ?? 0, selector: req.strategy.scale?.selector(obj) ?? '' },
  };
}

/** validation.ValidateScale */
function validateScale(scale: KubeObject): FieldError[] {
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
  if (replicas === undefined) return [];
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) return [fieldErrors.invalid('spec.replicas', replicas, 'must be an integer')];
  if (replicas < 0) return [fieldErrors.invalid('spec.replicas', replicas, 'must be greater than or equal to 0')];
  return [];
}

export async function updateScaleHandler(ctx: ServerContext, req: Request, body: unknown, options: WriteOptions): Promise<WriteOutcome> {
  void options;
  const scale = decodeBody(ctx, req, body, { kind: 'Scale', apiVersion: SCALE_API_VERSION });
  const name = scale.metadata?.name ?? '';
  if (name !== req.name) throw newBadRequest(`the name of the object (${name}) does not match the name on the URL (${req.name})`);
  return applyScale(ctx, req, scale);
}

export async function applyScale(ctx: ServerContext, req: Request, scale: KubeObject): Promise<WriteOutcome> {
  const errs = validateScale(scale);
  if (errs.length) throw newInvalid({ group: 'autoscaling', kind: 'Scale' }, req.name, errs);
  const rv = parseResourceVersion(scale.metadata?.resourceVersion);
  if (typeof rv !== 'number') throw rv;
  const gr = { group: req.info.group, resource: req.info.plural };
  const replicas = (scale.spec as { replicas?: number } | undefined)?.replicas ?? 0;

  const out = await guaranteedUpdate(ctx, req, (current) => {
    if (!current) throw newNotFound(gr, req.name);
    if (rv !== 0 && rv !== current.modRevision) throw newConflict(gr, req.name);
    const old = current.obj;
    const oldScale = toScale(req, old);
    const newScale = deepClone(scale);
    reject(ctx.admission.admit(admissionAttributes(req, 'UPDATE', { name: req.name, object: newScale, oldObject: oldScale, kind: 'Scale' })));
    const next = deepClone(old) as KubeObject & Replicated;
    (next.spec ??= {}).replicas = (newScale.spec as { replicas?: number } | undefined)?.replicas ?? replicas;
    beforeUpdate(req, next, old, true);
    validateUpdate(ctx, req, next, old);
    reject(ctx.admission.validate(admissionAttributes(req, 'UPDATE', { name: req.name, object: newScale, oldObject: oldScale, kind: 'Scale' })));
    return { put: next };
  });
  return { ...out, obj: toScale(req, out.obj) };
}
