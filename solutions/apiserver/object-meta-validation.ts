/**
 * Reference solution of the part `apiserver.validation`: ObjectMeta validation, as apimachinery's
 * pkg/api/validation/objectmeta.go (ValidateObjectMetaAccessor) does it.
 *
 * Why these rules — every object in Kubernetes shares ObjectMeta, and the apiserver checks it before
 * any kind-specific rule:
 * - A name is how the object is addressed (`/api/v1/namespaces/ns/pods/<name>`) and often ends up in
 *   DNS (Services, pod hostnames), so its shape is restricted per kind (nameRule). An object may
 *   instead give `generateName`, a prefix the apiserver completes with a random suffix; by the time
 *   validation runs that suffix is there, so an empty name means neither was given.
 * - Namespaced kinds live in exactly one namespace; cluster-scoped kinds (Node, Namespace, PV) must
 *   not claim one, or clients would compute wrong keys.
 * - Labels are selected on (selectors must parse them), annotations are free-form but bounded
 *   (256 KiB in total) so one object cannot bloat etcd and every watch event.
 * - ownerReferences drive garbage collection: an owner the collector cannot identify (no apiVersion,
 *   kind, name or uid) would never be found, and two controllers would fight over one object.
 * - finalizers are keys other components look for, so they follow the label-key syntax.
 * Update-only rules (name/uid immutable) are the engine's (validateObjectMetaUpdate), not this part.
 */
import type { ObjectMeta } from '../../engine/api/object.ts';
import { fieldErrors, FieldPath, type FieldError } from '../../engine/api/field-errors.ts';
import type { ObjectMetaValidationOptions } from '../../engine/api/validation/object-meta.ts';
import { isDNS1123Label, isQualifiedName, nameIsValid } from '../../engine/api/validation/names.ts';
import { validateLabels } from '../../engine/api/validation/label-validation.ts';
import { validateAnnotations } from '../../engine/api/validation/annotations.ts';

const META = FieldPath.root('metadata');
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Upstream's BannedOwners: an Event may never own anything. */
const BANNED_OWNERS = new Set(['v1/Event', 'events.k8s.io/v1/Event']);

function validateOwnerReferences(refs: unknown, path: FieldPath): FieldError[] {
  if (refs === undefined || refs === null) return [];
  if (!Array.isArray(refs)) return [fieldErrors.invalid(path, refs, 'must be a list')];
  const errs: FieldError[] = [];
  let controller = '';
  for (const ref of refs) {
    const r = isRecord(ref) ? ref : {};
    // Upstream reports these at `metadata.ownerReferences.<field>`, without the list index.
    const apiVersion = text(r.apiVersion);
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (version === '') errs.push(fieldErrors.invalid(path.child('apiVersion'), apiVersion, 'version must not be empty'));
    if (text(r.kind) === '') errs.push(fieldErrors.invalid(path.child('kind'), text(r.kind), 'kind must not be empty'));
    if (text(r.name) === '') errs.push(fieldErrors.invalid(path.child('name'), text(r.name), 'name must not be empty'));
    if (text(r.uid) === '') errs.push(fieldErrors.invalid(path.child('uid'), text(r.uid), 'uid must not be empty'));
    if (BANNED_OWNERS.has(`${apiVersion}/${text(r.kind)}`)) errs.push(fieldErrors.invalid(path, ref, `${apiVersion}, Kind=${text(r.kind)} is disallowed from being an owner`));
    if (r.controller === true) {
      // Only one controller may own an object: two would both try to reconcile it.
      const cur = `${text(r.kind)}/${text(r.name)}`;
      if (controller !== '') {
        errs.push(fieldErrors.invalid(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${controller} and ${cur}`));
      } else controller = cur;
    }
  }
  return errs;
}

function validateFinalizers(finalizers: unknown, path: FieldPath): FieldError[] {
  if (finalizers === undefined || finalizers === null) return [];
  if (!Array.isArray(finalizers)) return [fieldErrors.invalid(path, finalizers, 'must be a list')];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  finalizers.forEach((f, i) => {
    const name = text(f);
    for (const m of isQualifiedName(name)) errs.push(fieldErrors.invalid(path.index(i), f, m));
    if (seen.has(name)) errs.push(fieldErrors.duplicate(path.index(i), name));
    seen.add(name);
  });
  return errs;
}

export function validateObjectMeta(meta: ObjectMeta | undefined, options: ObjectMetaValidationOptions): FieldError[] {
  const m: Record<string, unknown> = isRecord(meta) ? meta : {};
  const errs: FieldError[] = [];

  const generateName = text(m.generateName);
  if (generateName !== '') {
    // A prefix: checked as if the random suffix were already appended.
    for (const msg of nameIsValid(options.nameRule, generateName, true)) errs.push(fieldErrors.invalid(META.child('generateName'), generateName, msg));
  }
  const name = text(m.name);
  if (name === '') errs.push(fieldErrors.required(META.child('name'), 'name or generateName is required'));
  else for (const msg of nameIsValid(options.nameRule, name, false)) errs.push(fieldErrors.invalid(META.child('name'), name, msg));

  const namespace = text(m.namespace);
  if (options.namespaced) {
    if (namespace === '') errs.push(fieldErrors.required(META.child('namespace'), ''));
    else for (const msg of isDNS1123Label(namespace)) errs.push(fieldErrors.invalid(META.child('namespace'), namespace, msg));
  } else if (namespace !== '') {
    errs.push(fieldErrors.forbidden(META.child('namespace'), 'not allowed on this type'));
  }

  if (typeof m.generation === 'number' && m.generation < 0) errs.push(fieldErrors.invalid(META.child('generation'), m.generation, 'must be greater than or equal to 0'));
  errs.push(...validateLabels(m.labels, META.child('labels')));
  errs.push(...validateAnnotations(m.annotations, META.child('annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, META.child('ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, META.child('finalizers')));
  return errs;
}
