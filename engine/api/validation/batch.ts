/**
 * batch/v1 validation: KK pkg/apis/batch/validation/validation.go (ValidateJob(Update),
 * ValidateCronJobCreate/Update).
 *
 * About Job selectors: upstream's Job strategy GENERATES spec.selector (matching the
 * `batch.kubernetes.io/controller-uid` label it adds to the template) before validation unless
 * `manualSelector: true`. So here a missing selector is an error only with manualSelector; when
 * present it must be valid and match the template's labels.
 */
import { fieldErrors, FieldPath, type FieldError } from '../field-errors.ts';
import { parseCronSchedule } from './cron.ts';
import { goLabelSelector } from './go-format.ts';
import { has, isObj, num, obj, str, validateEnum, validateImmutable, validateNonnegative, type Obj } from './helpers.ts';
import { validatePodTemplateSpec } from './pod.ts';
import { validateSelectorAndTemplate } from './workload-template.ts';

const SPEC = FieldPath.root('spec');

function validateJobSpec(s: Obj, path: FieldPath, inTemplate: boolean): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['parallelism', 'completions', 'backoffLimit']) errs.push(...validateNonnegative(num(s, f), path.child(f)));
  const ads = num(s, 'activeDeadlineSeconds');
  if (ads !== undefined && ads <= 0) errs.push(fieldErrors.invalid(path.child('activeDeadlineSeconds'), ads, 'must be greater than 0'));
  errs.push(...validateNonnegative(num(s, 'ttlSecondsAfterFinished'), path.child('ttlSecondsAfterFinished')));
  errs.push(...validateEnum(s.completionMode, ['NonIndexed', 'Indexed'], path.child('completionMode')));
  if (s.completionMode === 'Indexed' && !has(s, 'completions')) errs.push(fieldErrors.required(path.child('completions'), 'when completion mode is Indexed'));
  if (!inTemplate && has(s, 'selector')) errs.push(...validateSelectorAndTemplate(s, path, { requireSelector: false }));
  else {
    if (!inTemplate && s.manualSelector === true) errs.push(fieldErrors.required(path.child('selector'), ''));
    errs.push(...validatePodTemplateSpec(s.template, path.child('template')));
  }
  const rp = obj(obj(s, 'template'), 'spec').restartPolicy;
  if (rp !== 'OnFailure' && rp !== 'Never') errs.push(fieldErrors.notSupported(path.child('template', 'spec', 'restartPolicy'), rp ?? '', ['OnFailure', 'Never']));
  return errs;
}

export function validateJob(job: Obj): FieldError[] {
  return validateJobSpec(obj(job, 'spec'), SPEC, false);
}

/** selector and completionMode are immutable; the template too unless the Job is suspended. */
export function validateJobUpdate(n: Obj, o: Obj): FieldError[] {
  const ns = obj(n, 'spec');
  const os = obj(o, 'spec');
  const errs = validateJob(n);
  errs.push(...validateImmutable(ns.selector, os.selector, SPEC.child('selector'), goLabelSelector(ns.selector)));
  errs.push(...validateImmutable(ns.completionMode, os.completionMode, SPEC.child('completionMode')));
  if (os.suspend !== true) errs.push(...validateImmutable(ns.template, os.template, SPEC.child('template')));
  return errs;
}

/** Upstream caps CronJob names at 52 characters: Job names get an 11-character suffix. */
const CRONJOB_NAME_MAX = 52;

export function validateCronJob(cj: Obj): FieldError[] {
  const s = obj(cj, 'spec');
  const errs: FieldError[] = [];
  const name = str(obj(cj, 'metadata'), 'name');
  if (name.length > CRONJOB_NAME_MAX) errs.push(fieldErrors.invalid('metadata.name', name, `must be no more than ${CRONJOB_NAME_MAX} characters`));
  const schedule = str(s, 'schedule');
  if (schedule === '') errs.push(fieldErrors.required(SPEC.child('schedule'), ''));
  else if (/^\s*(CRON_)?TZ=/.test(schedule)) errs.push(fieldErrors.invalid(SPEC.child('schedule'), schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  else {
    const r = parseCronSchedule(schedule);
    if (!r.ok) errs.push(fieldErrors.invalid(SPEC.child('schedule'), schedule, r.error));
  }
  errs.push(...validateEnum(s.concurrencyPolicy, ['Allow', 'Forbid', 'Replace'], SPEC.child('concurrencyPolicy'), true));
  for (const f of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) errs.push(...validateNonnegative(num(s, f), SPEC.child(f)));
  const jt = obj(s, 'jobTemplate');
  if (!isObj(s.jobTemplate)) errs.push(fieldErrors.required(SPEC.child('jobTemplate'), ''));
  else errs.push(...validateJobSpec(obj(jt, 'spec'), SPEC.child('jobTemplate', 'spec'), true));
  return errs;
}

export function validateCronJobUpdate(n: Obj, o: Obj): FieldError[] {
  void o;
  return validateCronJob(n);
}
