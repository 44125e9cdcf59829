/**
 * PATCH (upstream: pkg/endpoints/handlers/patch.go): apply a patch document to the current object
 * and send the result through the normal update chain.
 *
 * - json (RFC 6902), merge (RFC 7396), strategic (Kubernetes strategic merge patch).
 * - The patched object carries the resourceVersion that was read, so a concurrent write makes the
 *   update conflict; then the patch is simply applied again to the newer object — unless the patch
 *   itself set metadata.resourceVersion, which makes it a precondition (409 stays 409).
 * - apply (server-side apply) is approximated: it creates the object when missing, else it is a
 *   strategic merge of the applied configuration. There are no managedFields, no field ownership
 *   and no apply conflicts yet.
 */
import { isConflict, newBadRequest, newConflict, newNotFound } from '../../api/errors.ts';
import type { KubeObject } from '../../api/object.ts';
import { defaultObject } from '../../api/index.ts';
import { jsonPatch, mergePatch, strategicMergePatch } from '../patch/index.ts';
import type { PatchOptions, PatchType } from '../types.ts';
import { keyOf, type Request, type ServerContext } from './context.ts';
import { decodeBody } from './decode.ts';
import { admitAndCreate, type WriteOutcome } from './create.ts';
import { applyUpdate, checkName } from './update.ts';
import { applyScale, SCALE_API_VERSION, toScale } from './scale.ts';
import { metaOf } from '../registry/meta.ts';

const MAX_PATCH_ATTEMPTS = 5;

/** True when the patch document itself names a resourceVersion (then it is a precondition). */
export function patchSetsResourceVersion(type: PatchType, patch: unknown): boolean {
  if (type === 'json') {
    return Array.isArray(patch) && patch.some((op) => op && typeof op === 'object' && (op as { path?: unknown }).path === '/metadata/resourceVersion' && (op as { op?: unknown }).op !== 'test');
  }
  const meta = (patch as { metadata?: { resourceVersion?: unknown } } | null)?.metadata;
  return !!meta && typeof meta === 'object' && meta.resourceVersion !== undefined && meta.resourceVersion !== null;
}

function applyPatchDocument(req: Request, type: PatchType, base: KubeObject, patch: unknown, scale: boolean): unknown {
  const gvk = scale ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : { group: req.info.group, version: req.info.version, kind: req.info.kind };
  switch (type) {
    case 'json':
      return jsonPatch(base, patch);
    case 'merge':
      return mergePatch(base, patch);
    case 'strategic':
    case 'apply':
      return strategicMergePatch(base, patch, gvk);
    default:
      throw newBadRequest(`unknown patch type ${JSON.stringify(type)}`);
  }
}

export async function patchHandler(ctx: ServerContext, req: Request, type: PatchType, patch: unknown, options: PatchOptions): Promise<WriteOutcome> {
  const gr = { group: req.info.group, resource: req.info.plural };
  const scale = req.subresource === 'scale';
  const precondition = patchSetsResourceVersion(type, patch);

  for (let attempt = 0; attempt < MAX_PATCH_ATTEMPTS; attempt++) {
    const current = await ctx.store.get(keyOf(req));
    if (!current) {
      if (type === 'apply' && req.subresource === '') {
        const obj = decodeBody(ctx, req, patch, { fieldValidation: options.fieldValidation });
        checkName(req, obj);
        defaultObject(obj);
        return admitAndCreate(ctx, req, obj);
      }
      throw newNotFound(gr, req.name);
    }
    const base = scale ? toScale(req, current.obj) : current.obj;
    const patched = applyPatchDocument(req, type, base, patch, scale) as KubeObject;
    if (patched && typeof patched === 'object' && !Array.isArray(patched) && !precondition) {
      const meta = metaOf(patched);
      if (meta && typeof meta === 'object') meta.resourceVersion = String(current.modRevision);
    }
    try {
      if (scale) {
        const s = decodeBody(ctx, req, patched, { kind: 'Scale', apiVersion: SCALE_API_VERSION });
        checkName(req, s);
        return await applyScale(ctx, req, s);
      }
      const obj = decodeBody(ctx, req, patched, { fieldValidation: options.fieldValidation });
      checkName(req, obj);
      defaultObject(obj);
      return await applyUpdate(ctx, req, obj);
    } catch (err) {
      if (isConflict(err) && !precondition) continue;
      throw err;
    }
  }
  throw newConflict(gr, req.name, 'too many concurrent updates; please try again');
}
