/**
 * The apiserver's validation step, one entry point per verb:
 *
 *   validateObject(obj, ctx)            on create
 *   validateObjectUpdate(obj, old, ctx) on update / patch
 *
 * Order: structural schema errors first (schema-validation.ts). If any field has the wrong JSON
 * type the object could not even be decoded upstream, so only those errors are returned. Then the
 * ObjectMeta part (`ctx.objectMeta`, possibly the learner's), the update-time ObjectMeta rules,
 * and the kind's semantic rules. Duplicates (same type and path) are reported once.
 *
 * Never throws and never mutates: a validator that throws (a bug, or an unfinished exercise)
 * becomes an `InternalError` field error at its root path.
 */
import { fieldErrors, type FieldError } from '../field-errors.ts';
import type { KubeObject } from '../object.ts';
import { findResourceByKind } from '../resources.ts';
import { validateSchema } from '../schema-validation.ts';
import { validateDaemonSet, validateDaemonSetUpdate, validateDeployment, validateDeploymentUpdate, validateReplicaSet, validateReplicaSetUpdate, validateStatefulSet, validateStatefulSetUpdate } from './apps.ts';
import { validateCronJob, validateCronJobUpdate, validateJob, validateJobUpdate } from './batch.ts';
import { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from './config.ts';
import {
  validateEndpoints,
  validateEvent,
  validateNamespace,
  validateNamespaceUpdate,
  validateNode,
  validateNodeUpdate,
  validatePersistentVolume,
  validatePersistentVolumeClaim,
  validatePersistentVolumeClaimUpdate,
  validatePersistentVolumeUpdate,
  validateServiceAccount,
} from './core-misc.ts';
import { isObj, type Obj } from './helpers.ts';
import {
  validateControllerRevision,
  validateControllerRevisionUpdate,
  validateEndpointSlice,
  validateEndpointSliceUpdate,
  validateLease,
  validateStorageClass,
  validateStorageClassUpdate,
} from './misc-groups.ts';
import { validateIngress, validateIngressClass, validateIngressClassUpdate } from './networking.ts';
import { nameRuleFor, type ValidationContext } from './object-meta.ts';
import { validateObjectMetaUpdate } from './object-meta-update.ts';
import { validatePod, validatePodUpdate } from './pod.ts';
import { validateService, validateServiceUpdate } from './service.ts';
import { validateBinding, validateScale } from './subresources.ts';

interface KindValidator {
  /** `ctx` reaches the kinds whose rules are parts (Secret: `secret.types`). */
  create: (o: Obj, ctx: ValidationContext) => FieldError[];
  update?: (n: Obj, o: Obj, ctx: ValidationContext) => FieldError[];
}

const VALIDATORS: Record<string, KindValidator> = {
  'v1/Pod': { create: validatePod, update: validatePodUpdate },
  'v1/Service': { create: validateService, update: validateServiceUpdate },
  'v1/ConfigMap': { create: validateConfigMap, update: validateConfigMapUpdate },
  'v1/Secret': { create: validateSecret, update: validateSecretUpdate },
  'v1/Namespace': { create: validateNamespace, update: validateNamespaceUpdate },
  'v1/Node': { create: validateNode, update: validateNodeUpdate },
  'v1/PersistentVolume': { create: validatePersistentVolume, update: validatePersistentVolumeUpdate },
  'v1/PersistentVolumeClaim': { create: validatePersistentVolumeClaim, update: validatePersistentVolumeClaimUpdate },
  'v1/Event': { create: validateEvent },
  'v1/ServiceAccount': { create: validateServiceAccount },
  'v1/Endpoints': { create: validateEndpoints },
  'v1/Binding': { create: validateBinding },
  'apps/v1/Deployment': { create: validateDeployment, update: validateDeploymentUpdate },
  'apps/v1/ReplicaSet': { create: validateReplicaSet, update: validateReplicaSetUpdate },
  'apps/v1/StatefulSet': { create: validateStatefulSet, update: validateStatefulSetUpdate },
  'apps/v1/DaemonSet': { create: validateDaemonSet, update: validateDaemonSetUpdate },
  'apps/v1/ControllerRevision': { create: validateControllerRevision, update: validateControllerRevisionUpdate },
  'batch/v1/Job': { create: validateJob, update: validateJobUpdate },
  'batch/v1/CronJob': { create: validateCronJob, update: validateCronJobUpdate },
  'networking.k8s.io/v1/Ingress': { create: validateIngress },
  'networking.k8s.io/v1/IngressClass': { create: validateIngressClass, update: validateIngressClassUpdate },
  'discovery.k8s.io/v1/EndpointSlice': { create: validateEndpointSlice, update: validateEndpointSliceUpdate },
  'coordination.k8s.io/v1/Lease': { create: validateLease },
  'storage.k8s.io/v1/StorageClass': { create: validateStorageClass, update: validateStorageClassUpdate },
  'autoscaling/v1/Scale': { create: validateScale },
};

function guarded(root: string, fn: () => FieldError[]): FieldError[] {
  try {
    const r = fn();
    return Array.isArray(r) ? r : [fieldErrors.internal(root, 'validator returned no list of field errors')];
  } catch (e) {
    return [fieldErrors.internal(root, e instanceof Error ? e.message : String(e))];
  }
}

/**
 * One error per (type, path) and bare schema error; a semantic error with a detail replaces a bare
 * schema one. Distinct semantic errors on one path (two bad label keys, both reported at
 * `metadata.labels`) are all kept, as upstream's ErrorList keeps them; exact repeats are dropped.
 */
function dedupe(errs: FieldError[]): FieldError[] {
  const out: FieldError[] = [];
  const at = new Map<string, number>();
  const seen = new Set<string>();
  for (const e of errs) {
    const whole = `${e.type}|${e.field}|${e.detail ?? ''}|${JSON.stringify(e.badValue) ?? ''}`;
    if (seen.has(whole)) continue;
    seen.add(whole);
    const k = `${e.type}|${e.field}`;
    const i = at.get(k);
    if (i === undefined) {
      at.set(k, out.length);
      out.push(e);
    } else if (!out[i]!.detail && e.detail) out[i] = e;
    else if (out[i]!.detail && e.detail) out.push(e);
  }
  return out;
}

/** The kind-independent checks: a JSON object with apiVersion and kind; schema types. */
function structural(obj: unknown): { errs: FieldError[]; fatal: boolean; key: string } {
  if (!isObj(obj)) return { errs: [fieldErrors.typeInvalid('body', Array.isArray(obj) ? 'array' : obj === null ? 'null' : typeof obj, 'body must be a JSON object')], fatal: true, key: '' };
  const errs: FieldError[] = [];
  if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '') errs.push(fieldErrors.required('apiVersion', ''));
  if (typeof obj.kind !== 'string' || obj.kind === '') errs.push(fieldErrors.required('kind', ''));
  if (errs.length) return { errs, fatal: true, key: '' };
  const schemaErrs = validateSchema(obj as KubeObject);
  return { errs: schemaErrs, fatal: schemaErrs.some((e) => e.type === 'FieldValueTypeInvalid'), key: `${String(obj.apiVersion)}/${String(obj.kind)}` };
}

function metaOptions(obj: KubeObject) {
  const info = findResourceByKind(String(obj.apiVersion), String(obj.kind));
  // Kinds outside the resource table (Scale, Binding) are validated as namespaced subdomain names.
  return { namespaced: info ? info.namespaced : true, nameRule: nameRuleFor(String(obj.kind)) };
}

/** Create-time validation. Returns [] for a valid object. */
export function validateObject(obj: KubeObject, ctx: ValidationContext): FieldError[] {
  const s = structural(obj);
  if (s.fatal) return s.errs;
  const meta = guarded('metadata', () => ctx.objectMeta(obj.metadata, metaOptions(obj)));
  const v = Object.prototype.hasOwnProperty.call(VALIDATORS, s.key) ? VALIDATORS[s.key] : undefined;
  const kind = v ? guarded(String(obj.kind), () => v.create(obj as Obj, ctx)) : [];
  return dedupe([...s.errs, ...meta, ...kind]);
}

/** Update-time validation of `obj` replacing `old` (both already defaulted). */
export function validateObjectUpdate(obj: KubeObject, old: KubeObject, ctx: ValidationContext): FieldError[] {
  const s = structural(obj);
  if (s.fatal) return s.errs;
  const meta = guarded('metadata', () => ctx.objectMeta(obj.metadata, metaOptions(obj)));
  const metaUpdate = guarded('metadata', () => validateObjectMetaUpdate(obj.metadata, isObj(old) ? old.metadata : undefined));
  const v = Object.prototype.hasOwnProperty.call(VALIDATORS, s.key) ? VALIDATORS[s.key] : undefined;
  const oldObj = isObj(old) ? (old as Obj) : {};
  const kind = v ? guarded(String(obj.kind), () => (v.update ? v.update(obj as Obj, oldObj, ctx) : v.create(obj as Obj, ctx))) : [];
  return dedupe([...s.errs, ...meta, ...metaUpdate, ...kind]);
}
