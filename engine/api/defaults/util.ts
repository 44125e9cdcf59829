/**
 * Small helpers for defaulting untyped input. Defaulting runs BEFORE validation, on whatever JSON
 * the client sent, so every helper tolerates wrong types: it fills a field only when it is absent
 * (undefined, null or, for strings, '') and never replaces a value of the wrong type — validation
 * reports that instead. Every setDefaults* is therefore idempotent and never throws.
 */
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The object at `o[key]`, created when absent; undefined when `o[key]` holds a non-object. */
export function child(o: Obj, key: string, create = false): Obj | undefined {
  const v = o[key];
  if (isObj(v)) return v;
  if ((v === undefined || v === null) && create) {
    const n: Obj = {};
    o[key] = n;
    return n;
  }
  return undefined;
}

/** The objects of the list at `o[key]` (non-objects skipped). */
export function items(o: Obj, key: string): Obj[] {
  const v = o[key];
  return Array.isArray(v) ? v.filter(isObj) : [];
}

/** Sets `o[key] = value` when the field is absent: undefined, null, or ''. */
export function setIfEmpty(o: Obj, key: string, value: unknown): void {
  const v = o[key];
  if (v === undefined || v === null || v === '') o[key] = typeof value === 'object' && value !== null ? structuredClone(value) : value;
}

/** Like setIfEmpty, but 0 also counts as empty (Go's int fields, e.g. a Service port's targetPort). */
export function setIfZero(o: Obj, key: string, value: unknown): void {
  const v = o[key];
  if (v === undefined || v === null || v === '' || v === 0) o[key] = value;
}
