/**
 * Label maps and LabelSelectors as field errors, like apimachinery's
 * pkg/apis/meta/v1/validation (ValidateLabels, ValidateLabelName, ValidateLabelSelector).
 * Shared by ObjectMeta validation, pod templates and every workload's selector.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { fieldErrors, type FieldError, type FieldPath } from '../field-errors.ts';
import { isQualifiedName, isValidLabelValue } from './names.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** ValidateLabelName: `metadata.labels: Invalid value: "a b": name part must consist of ...` */
export function validateLabelName(name: string, path: FieldPath): FieldError[] {
  return isQualifiedName(name).map((msg) => fieldErrors.invalid(path, name, msg));
}

/**
 * ValidateLabels: every key a qualified name, every value a valid label value. Upstream reports a
 * bad key at the map's path and a bad value at the map's path too (not `labels[key]`).
 * Non-string values (possible in untyped input) are reported as invalid values.
 */
export function validateLabels(labels: unknown, path: FieldPath): FieldError[] {
  if (labels === undefined || labels === null) return [];
  if (!isRecord(labels)) return [fieldErrors.invalid(path, labels, 'must be a map of string keys to string values')];
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels)) {
    errs.push(...validateLabelName(k, path));
    if (typeof v !== 'string') {
      errs.push(fieldErrors.invalid(path, v, 'label values must be strings'));
      continue;
    }
    for (const msg of isValidLabelValue(v)) errs.push(fieldErrors.invalid(path, v, msg));
  }
  return errs;
}

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

/**
 * ValidateLabelSelector: matchLabels like labels; each matchExpressions entry has a supported
 * operator, values for In/NotIn (`must be specified when \`operator\` is 'In' or 'NotIn'`) and none
 * for Exists/DoesNotExist (`may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`).
 * A missing selector is fine here: the workload validations require it themselves.
 */
export function validateLabelSelector(ps: LabelSelector | undefined | null, path: FieldPath): FieldError[] {
  if (ps === undefined || ps === null) return [];
  if (!isRecord(ps)) return [fieldErrors.invalid(path, ps, 'must be an object')];
  const errs: FieldError[] = validateLabels(ps.matchLabels, path.child('matchLabels'));
  const exprs: unknown = ps.matchExpressions;
  if (exprs === undefined || exprs === null) return errs;
  if (!Array.isArray(exprs)) return [...errs, fieldErrors.invalid(path.child('matchExpressions'), exprs, 'must be a list')];
  exprs.forEach((expr: unknown, i) => {
    const p = path.child('matchExpressions').index(i);
    if (!isRecord(expr)) {
      errs.push(fieldErrors.invalid(p, expr, 'must be an object'));
      return;
    }
    const values = Array.isArray(expr.values) ? expr.values : [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(fieldErrors.required(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(fieldErrors.forbidden(p.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(fieldErrors.invalid(p.child('operator'), expr.operator, 'not a valid selector operator'));
    }
    if (typeof expr.key !== 'string') errs.push(fieldErrors.required(p.child('key'), ''));
    else errs.push(...validateLabelName(expr.key, p.child('key')));
    values.forEach((v: unknown, j) => {
      if (typeof v !== 'string') errs.push(fieldErrors.invalid(p.child('values').index(j), v, 'must be a string'));
      else for (const msg of isValidLabelValue(v)) errs.push(fieldErrors.invalid(p.child('values').index(j), v, msg));
    });
  });
  return errs;
}

export { SELECTOR_OPERATORS };
