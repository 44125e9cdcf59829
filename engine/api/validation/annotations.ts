/**
 * ValidateAnnotations (apimachinery pkg/api/validation/objectmeta.go): keys are qualified names
 * (lower-cased before the check, as upstream does), and keys plus values total at most 256 KiB:
 * `metadata.annotations: Too long: must have at most 262144 bytes`.
 */
import { fieldErrors, type FieldError, type FieldPath } from '../field-errors.ts';
import { isObj, utf8Length } from './helpers.ts';
import { isQualifiedName } from './names.ts';

export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;

export function validateAnnotations(annotations: unknown, path: FieldPath): FieldError[] {
  if (annotations === undefined || annotations === null) return [];
  if (!isObj(annotations)) return [fieldErrors.invalid(path, annotations, 'must be a map of string keys to string values')];
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(fieldErrors.invalid(path, k, m));
    total += utf8Length(k) + (typeof v === 'string' ? utf8Length(v) : 0);
    if (typeof v !== 'string') errs.push(fieldErrors.invalid(path.key(k), v, 'annotation values must be strings'));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(fieldErrors.tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}
