/**
 * What every pod-template workload shares (KK pkg/apis/apps/validation: ValidateDeploymentSpec's
 * selector block and ValidatePodTemplateSpecForReplicaSet): a required, non-empty, valid selector
 * that matches the template's labels, then the template itself.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { fieldErrors, type FieldError, type FieldPath } from '../field-errors.ts';
import { tryLabelSelectorAsSelector } from '../labels.ts';
import { goStringMapValue } from './go-format.ts';
import { has, isObj, obj, type Obj } from './helpers.ts';
import { validateLabelSelector } from './label-validation.ts';
import { validatePodTemplateSpec } from './pod.ts';

/**
 * spec.selector required / `empty selector is invalid for deployment` (upstream's wording for all
 * apps kinds) / field errors; then spec.template.metadata.labels must match it:
 * `spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: \`selector\` does not match template \`labels\``.
 */
export function validateSelectorAndTemplate(spec: Obj, path: FieldPath, opts: { requireSelector: boolean }): FieldError[] {
  const errs: FieldError[] = [];
  const sel = spec.selector;
  if (!has(spec, 'selector')) {
    if (opts.requireSelector) errs.push(fieldErrors.required(path.child('selector'), ''));
  } else {
    const selErrs = validateLabelSelector(sel as LabelSelector, path.child('selector'));
    errs.push(...selErrs);
    const s = obj(spec, 'selector');
    const terms = Object.keys(obj(s, 'matchLabels')).length + (Array.isArray(s.matchExpressions) ? s.matchExpressions.length : 0);
    if (terms === 0) errs.push(fieldErrors.invalid(path.child('selector'), sel, 'empty selector is invalid for deployment'));
    if (selErrs.length === 0 && isObj(spec.template)) {
      const parsed = tryLabelSelectorAsSelector(sel as LabelSelector);
      if (!parsed.ok) errs.push(fieldErrors.invalid(path.child('selector'), sel, 'invalid label selector'));
      else {
        const labels = obj(spec.template, 'metadata').labels;
        const asMap = isObj(labels) ? (labels as Record<string, string>) : {};
        if (!parsed.value.empty() && !parsed.value.matches(asMap)) {
          errs.push(fieldErrors.invalid(path.child('template', 'metadata', 'labels'), goStringMapValue(labels), '`selector` does not match template `labels`'));
        }
      }
    }
  }
  errs.push(...validatePodTemplateSpec(spec.template, path.child('template')));
  return errs;
}

/** Pods of ReplicaSets, Deployments, StatefulSets and DaemonSets must restart Always and have no deadline. */
export function validateAlwaysRestartTemplate(spec: Obj, path: FieldPath): FieldError[] {
  const tspec = obj(obj(spec, 'template'), 'spec');
  const errs: FieldError[] = [];
  const rp = tspec.restartPolicy;
  if (rp !== undefined && rp !== 'Always') errs.push(fieldErrors.notSupported(path.child('template', 'spec', 'restartPolicy'), rp, ['Always']));
  if (has(tspec, 'activeDeadlineSeconds')) {
    errs.push(fieldErrors.forbidden(path.child('template', 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}
