/**
 * Field errors, shaped like apimachinery's pkg/util/validation/field: a path into the object
 * (`spec.containers[0].image`), a type, the bad value and a detail. `toString` gives the exact
 * text kubectl shows: `spec.replicas: Invalid value: -1: must be greater than or equal to 0`.
 */

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** Marker for "no bad value to show". */
export const OMIT_VALUE = Symbol('omit');

export interface FieldError {
  type: FieldErrorType;
  /** Dotted path, e.g. `spec.template.spec.containers[0].name` or `metadata.labels[app]`. */
  field: string;
  badValue?: unknown;
  detail?: string;
}

/** A path into an object, built like field.NewPath("spec").Child("containers").Index(0). */
export class FieldPath {
  private constructor(private readonly text: string) {}

  static root(name: string): FieldPath {
    return new FieldPath(name);
  }

  child(...names: string[]): FieldPath {
    let t = this.text;
    for (const n of names) t = t === '' ? n : `${t}.${n}`;
    return new FieldPath(t);
  }

  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }

  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }

  toString(): string {
    return this.text;
  }
}

export function fieldPath(root: string, ...children: string[]): FieldPath {
  return FieldPath.root(root).child(...children);
}

const at = (p: FieldPath | string) => String(p);

export const fieldErrors = {
  required: (p: FieldPath | string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field: at(p), badValue: OMIT_VALUE, detail }),
  invalid: (p: FieldPath | string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueInvalid', field: at(p), badValue: value, detail }),
  notSupported: (p: FieldPath | string, value: unknown, supported: readonly string[]): FieldError => ({
    type: 'FieldValueNotSupported',
    field: at(p),
    badValue: value,
    detail: supported.length ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : '',
  }),
  forbidden: (p: FieldPath | string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field: at(p), badValue: OMIT_VALUE, detail }),
  duplicate: (p: FieldPath | string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field: at(p), badValue: value, detail: '' }),
  notFound: (p: FieldPath | string, value: unknown): FieldError => ({ type: 'FieldValueNotFound', field: at(p), badValue: value, detail: '' }),
  tooLong: (p: FieldPath | string, value: unknown, max: number): FieldError => ({
    type: 'FieldValueTooLong',
    field: at(p),
    badValue: value,
    detail: `must have at most ${max} bytes`,
  }),
  tooMany: (p: FieldPath | string, actual: number, max: number): FieldError => ({
    type: 'FieldValueTooMany',
    field: at(p),
    badValue: actual,
    detail: `must have at most ${max} items`,
  }),
  typeInvalid: (p: FieldPath | string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueTypeInvalid', field: at(p), badValue: value, detail }),
  internal: (p: FieldPath | string, detail: string): FieldError => ({ type: 'InternalError', field: at(p), badValue: OMIT_VALUE, detail }),
};

/**
 * A bad value whose printed form is given verbatim: for values Go prints with %#v, e.g.
 * `map[string]string{"app":"x"}` or `intstr.IntOrString{Type:0, IntVal:0, StrVal:""}`.
 * (Added by the API machinery helper; see engine/api/validation/go-format.ts.)
 */
export class GoLiteral {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
  toJSON(): string {
    return this.text;
  }
}

/** The bad value as Go's %#v would print it for the common cases. */
function formatValue(v: unknown): string {
  if (v instanceof GoLiteral) return v.text;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** "Invalid value: -1: must be greater than or equal to 0" (apimachinery field.Error.ErrorBody). */
export function fieldErrorBody(e: FieldError): string {
  const typeText = TYPE_TEXT[e.type];
  let s: string;
  if (
    e.type === 'FieldValueRequired' ||
    e.type === 'FieldValueForbidden' ||
    e.type === 'FieldValueTooLong' ||
    e.type === 'InternalError' ||
    e.badValue === OMIT_VALUE ||
    !('badValue' in e)
  ) {
    s = typeText;
  } else {
    s = `${typeText}: ${formatValue(e.badValue)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** "spec.replicas: Invalid value: -1: must be greater than or equal to 0" */
export function fieldErrorString(e: FieldError): string {
  return e.field ? `${e.field}: ${fieldErrorBody(e)}` : fieldErrorBody(e);
}
