/**
 * The subresources' kinds: autoscaling/v1 Scale (spec.replicas ≥ 0) and core/v1 Binding
 * (target.name required), as KK ValidateScale and ValidatePodBinding.
 */
import { fieldErrors, FieldPath, type FieldError } from '../field-errors.ts';
import { num, obj, str, validateNonnegative, type Obj } from './helpers.ts';

export function validateScale(scale: Obj): FieldError[] {
  return validateNonnegative(num(obj(scale, 'spec'), 'replicas'), FieldPath.root('spec').child('replicas'));
}

export function validateBinding(b: Obj): FieldError[] {
  const t = obj(b, 'target');
  const errs: FieldError[] = [];
  if (str(t, 'name') === '') errs.push(fieldErrors.required('target.name', ''));
  const kind = str(t, 'kind');
  if (kind !== '' && kind !== 'Node') errs.push(fieldErrors.notSupported('target.kind', kind, ['Node']));
  return errs;
}
