/**
 * apps/v1 validation: KK pkg/apis/apps/validation/validation.go (ValidateDeployment(Update),
 * ValidateReplicaSet(Update), ValidateStatefulSet(Update), ValidateDaemonSet(Update)).
 */
import { fieldErrors, FieldPath, type FieldError } from '../field-errors.ts';
import { goIntOrString, goLabelSelector } from './go-format.ts';
import { has, isObj, jsonEqual, num, obj, validateEnum, validateImmutable, validateNonnegative, type Obj } from './helpers.ts';
import { regexError } from './names.ts';
import { validateAlwaysRestartTemplate, validateSelectorAndTemplate } from './workload-template.ts';

const spec = (o: Obj) => obj(o, 'spec');
const SPEC = FieldPath.root('spec');

/** ValidatePositiveIntOrPercent + IsNotMoreThan100Percent for maxUnavailable/maxSurge values. */
function validateIntOrPercent(v: unknown, path: FieldPath, notMoreThan100: boolean): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') {
    if (!/^[0-9]+%$/.test(v)) return [fieldErrors.invalid(path, goIntOrString(v), regexError("a valid percent string must be a numeric string followed by an ending '%'", '[0-9]+%', '1%', '93%'))];
    if (notMoreThan100 && Number(v.slice(0, -1)) > 100) return [fieldErrors.invalid(path, goIntOrString(v), 'must not be greater than 100%')];
    return [];
  }
  if (typeof v === 'number' && v < 0) return [fieldErrors.invalid(path, v, 'must be greater than or equal to 0')];
  return [];
}

const isZero = (v: unknown) => v === 0 || v === '0%' || (typeof v === 'string' && /^0+%$/.test(v));

/** maxUnavailable and maxSurge may not both be 0 (a rollout could never progress). */
function validateRollingUpdate(ru: Obj, path: FieldPath): FieldError[] {
  const errs = [...validateIntOrPercent(ru.maxUnavailable, path.child('maxUnavailable'), true), ...validateIntOrPercent(ru.maxSurge, path.child('maxSurge'), false)];
  if (isZero(ru.maxSurge ?? 0) && isZero(ru.maxUnavailable ?? 0) && has(ru, 'maxUnavailable')) {
    errs.push(fieldErrors.invalid(path.child('maxUnavailable'), goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  return errs;
}

export function validateDeployment(d: Obj): FieldError[] {
  const s = spec(d);
  const errs: FieldError[] = [];
  errs.push(...validateNonnegative(num(s, 'replicas'), SPEC.child('replicas')));
  errs.push(...validateSelectorAndTemplate(s, SPEC, { requireSelector: true }));
  errs.push(...validateAlwaysRestartTemplate(s, SPEC));
  const strategy = obj(s, 'strategy');
  errs.push(...validateEnum(strategy.type, ['Recreate', 'RollingUpdate'], SPEC.child('strategy', 'type'), has(s, 'strategy')));
  if (strategy.type === 'Recreate' && has(strategy, 'rollingUpdate')) {
    errs.push(fieldErrors.forbidden(SPEC.child('strategy', 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"));
  }
  if (strategy.type === 'RollingUpdate' && isObj(strategy.rollingUpdate)) errs.push(...validateRollingUpdate(strategy.rollingUpdate, SPEC.child('strategy', 'rollingUpdate')));
  const mrs = num(s, 'minReadySeconds');
  errs.push(...validateNonnegative(mrs, SPEC.child('minReadySeconds')));
  errs.push(...validateNonnegative(num(s, 'revisionHistoryLimit'), SPEC.child('revisionHistoryLimit')));
  const pds = num(s, 'progressDeadlineSeconds');
  if (pds !== undefined) {
    errs.push(...validateNonnegative(pds, SPEC.child('progressDeadlineSeconds')));
    if (pds <= (mrs ?? 0)) errs.push(fieldErrors.invalid(SPEC.child('progressDeadlineSeconds'), pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

/** apps/v1 selectors are immutable: `spec.selector: Invalid value: &v1.LabelSelector{...}: field is immutable`. */
function selectorImmutable(n: Obj, o: Obj): FieldError[] {
  return validateImmutable(spec(n).selector, spec(o).selector, SPEC.child('selector'), goLabelSelector(spec(n).selector));
}

export function validateDeploymentUpdate(n: Obj, o: Obj): FieldError[] {
  return [...validateDeployment(n), ...selectorImmutable(n, o)];
}

export function validateReplicaSet(rs: Obj): FieldError[] {
  const s = spec(rs);
  return [
    ...validateNonnegative(num(s, 'replicas'), SPEC.child('replicas')),
    ...validateNonnegative(num(s, 'minReadySeconds'), SPEC.child('minReadySeconds')),
    ...validateSelectorAndTemplate(s, SPEC, { requireSelector: true }),
    ...validateAlwaysRestartTemplate(s, SPEC),
  ];
}

export function validateReplicaSetUpdate(n: Obj, o: Obj): FieldError[] {
  return [...validateReplicaSet(n), ...selectorImmutable(n, o)];
}

export function validateStatefulSet(sts: Obj): FieldError[] {
  const s = spec(sts);
  const errs: FieldError[] = [];
  errs.push(...validateEnum(s.podManagementPolicy, ['OrderedReady', 'Parallel'], SPEC.child('podManagementPolicy'), true));
  const us = obj(s, 'updateStrategy');
  errs.push(...validateEnum(us.type, ['RollingUpdate', 'OnDelete'], SPEC.child('updateStrategy', 'type'), true));
  if (us.type === 'OnDelete' && has(us, 'rollingUpdate')) {
    errs.push(fieldErrors.invalid(SPEC.child('updateStrategy', 'rollingUpdate'), us.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
  }
  errs.push(...validateNonnegative(num(obj(us, 'rollingUpdate'), 'partition'), SPEC.child('updateStrategy', 'rollingUpdate', 'partition')));
  const pol = obj(s, 'persistentVolumeClaimRetentionPolicy');
  errs.push(...validateEnum(pol.whenDeleted, ['Retain', 'Delete'], SPEC.child('persistentVolumeClaimRetentionPolicy', 'whenDeleted')));
  errs.push(...validateEnum(pol.whenScaled, ['Retain', 'Delete'], SPEC.child('persistentVolumeClaimRetentionPolicy', 'whenScaled')));
  errs.push(...validateNonnegative(num(s, 'replicas'), SPEC.child('replicas')));
  errs.push(...validateNonnegative(num(s, 'minReadySeconds'), SPEC.child('minReadySeconds')));
  errs.push(...validateSelectorAndTemplate(withClaimVolumes(s), SPEC, { requireSelector: true }));
  errs.push(...validateAlwaysRestartTemplate(s, SPEC));
  return errs;
}

/**
 * The template as its pods will be: each volumeClaimTemplate becomes a volume of that name, so a
 * volumeMount naming a claim template is valid (upstream ValidatePodTemplateSpecForStatefulSet
 * does not reject mounts of claim templates: the controller adds those volumes to every pod).
 */
function withClaimVolumes(s: Obj): Obj {
  const claims = Array.isArray(s.volumeClaimTemplates) ? s.volumeClaimTemplates : [];
  const template = obj(s, 'template');
  const podSpec = obj(template, 'spec');
  if (claims.length === 0 || !isObj(s.template) || !isObj(template.spec)) return s;
  const names = claims.map((c) => (isObj(c) && isObj(c.metadata) ? c.metadata.name : undefined)).filter((n): n is string => typeof n === 'string' && n !== '');
  const own = Array.isArray(podSpec.volumes) ? podSpec.volumes : [];
  const ownNames = new Set(own.map((v) => (isObj(v) ? v.name : undefined)));
  const extra = names.filter((n) => !ownNames.has(n)).map((name) => ({ name, persistentVolumeClaim: { claimName: name } }));
  return { ...s, template: { ...template, spec: { ...podSpec, volumes: [...own, ...extra] } } };
}

const STS_MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds', 'revisionHistoryLimit'];

/** Only replicas, ordinals, template, updateStrategy, the PVC retention policy and minReadySeconds may change. */
export function validateStatefulSetUpdate(n: Obj, o: Obj): FieldError[] {
  const errs = validateStatefulSet(n);
  const strip = (s: Obj) => Object.fromEntries(Object.entries(s).filter(([k]) => !STS_MUTABLE.includes(k)));
  if (!jsonEqual(strip(spec(n)), strip(spec(o)))) {
    errs.push(
      fieldErrors.forbidden(
        'spec',
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}

export function validateDaemonSet(ds: Obj): FieldError[] {
  const s = spec(ds);
  const errs: FieldError[] = [];
  errs.push(...validateSelectorAndTemplate(s, SPEC, { requireSelector: true }));
  errs.push(...validateAlwaysRestartTemplate(s, SPEC));
  const us = obj(s, 'updateStrategy');
  errs.push(...validateEnum(us.type, ['RollingUpdate', 'OnDelete'], SPEC.child('updateStrategy', 'type'), true));
  if (us.type === 'RollingUpdate' && isObj(us.rollingUpdate)) errs.push(...validateRollingUpdate(us.rollingUpdate, SPEC.child('updateStrategy', 'rollingUpdate')));
  errs.push(...validateNonnegative(num(s, 'minReadySeconds'), SPEC.child('minReadySeconds')));
  errs.push(...validateNonnegative(num(s, 'revisionHistoryLimit'), SPEC.child('revisionHistoryLimit')));
  return errs;
}

export function validateDaemonSetUpdate(n: Obj, o: Obj): FieldError[] {
  return [...validateDaemonSet(n), ...selectorImmutable(n, o)];
}
