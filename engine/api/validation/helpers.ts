/**
 * Shared building blocks of the per-kind validations, named after apimachinery/KK helpers
 * (ValidateNonnegativeField, ValidateImmutableField, ...). Inputs are untyped JSON: validateObject
 * runs these only after the structural schema accepted the object's types, but every accessor
 * still tolerates wrong shapes so a validator never throws.
 */
import { fieldErrors, type FieldError, type FieldPath } from '../field-errors.ts';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** The object at o[k], or {} (read-only use). */
export const obj = (o: unknown, k: string): Obj => (isObj(o) && isObj(o[k]) ? (o[k] as Obj) : {});
/** The list at o[k], or []. */
export const arr = (o: unknown, k: string): unknown[] => (isObj(o) && Array.isArray(o[k]) ? (o[k] as unknown[]) : []);
/** The string at o[k], or ''. */
export const str = (o: unknown, k: string): string => (isObj(o) && typeof o[k] === 'string' ? (o[k] as string) : '');
/** The number at o[k], or undefined. */
export const num = (o: unknown, k: string): number | undefined => (isObj(o) && typeof o[k] === 'number' ? (o[k] as number) : undefined);
export const has = (o: unknown, k: string): boolean => isObj(o) && o[k] !== undefined && o[k] !== null;

/** ValidateNonnegativeField: `Invalid value: -1: must be greater than or equal to 0`. */
export function validateNonnegative(v: number | undefined, path: FieldPath): FieldError[] {
  return v !== undefined && v < 0 ? [fieldErrors.invalid(path, v, 'must be greater than or equal to 0')] : [];
}

/** `Invalid value: 0: must be greater than 0` */
export function validatePositive(v: number | undefined, path: FieldPath): FieldError[] {
  return v !== undefined && v <= 0 ? [fieldErrors.invalid(path, v, 'must be greater than 0')] : [];
}

/** Deep equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** ValidateImmutableField: `Invalid value: <new>: field is immutable`. */
export function validateImmutable(newVal: unknown, oldVal: unknown, path: FieldPath, shown: unknown = newVal): FieldError[] {
  return jsonEqual(newVal ?? undefined, oldVal ?? undefined) ? [] : [fieldErrors.invalid(path, shown, 'field is immutable')];
}

/** `Unsupported value` when v is set and not one of `allowed`; `Required value` when required and absent. */
export function validateEnum(v: unknown, allowed: readonly string[], path: FieldPath, required = false): FieldError[] {
  if (v === undefined || v === null || v === '') return required ? [fieldErrors.required(path, '')] : [];
  return typeof v === 'string' && allowed.includes(v) ? [] : [fieldErrors.notSupported(path, v, allowed)];
}

/** Byte length of a string in UTF-8 (upstream counts bytes, not characters). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** An IPv4 or IPv6 address (net.ParseIP, without leading zeros in IPv4). */
export function isIP(s: string): boolean {
  if (IPV4.test(s)) return true;
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = (p: string) => (p === '' ? [] : p.split(':'));
  const head = groups(dbl[0] as string);
  const tail = dbl.length === 2 ? groups(dbl[1] as string) : [];
  const all = [...head, ...tail];
  const last = all[all.length - 1];
  const v4tail = last !== undefined && last.includes('.');
  if (v4tail && !IPV4.test(last as string)) return false;
  const hexGroups = v4tail ? all.slice(0, -1) : all;
  if (!hexGroups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hexGroups.length + (v4tail ? 2 : 0);
  return dbl.length === 2 ? count < 8 : count === 8;
}

/** `10.0.0.0/24`, `fd00::/64` */
export function isCIDR(s: string): boolean {
  const i = s.lastIndexOf('/');
  if (i < 0) return false;
  const ip = s.slice(0, i);
  const bits = s.slice(i + 1);
  if (!/^\d{1,3}$/.test(bits) || !isIP(ip)) return false;
  return Number(bits) <= (ip.includes(':') ? 128 : 32);
}
