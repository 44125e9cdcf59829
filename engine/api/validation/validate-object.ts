import type { KubeObject } from '../object.ts';
import type { FieldError } from '../field-errors.ts';
import type { ValidationContext } from './object-meta.ts';
/** placeholder */
export function validateObject(obj: KubeObject, ctx: ValidationContext): FieldError[] { void obj; void ctx; return []; }
export function validateObjectUpdate(obj: KubeObject, old: KubeObject, ctx: ValidationContext): FieldError[] { void obj; void old; void ctx; return []; }
