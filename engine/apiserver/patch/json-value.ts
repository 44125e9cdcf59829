/**
 * Helpers for plain JSON values as the patch functions see them: objects, arrays, strings,
 * numbers, booleans and null, exactly what `JSON.parse` returns.
 *
 * Two invariants every patch function relies on:
 * - Own properties only. A JSON object may carry a key named `__proto__`, `constructor` or
 *   `toString` (`JSON.parse('{"__proto__":1}')` makes an own property), so reads go through
 *   `hasOwn` and writes through `setOwn`, never through the prototype chain.
 * - Inputs are never mutated. The patch functions deep-clone what they are given and work on the
 *   copies, the way upstream Go code decodes fresh maps from the request bytes.
 */

export type JsonObject = { [key: string]: unknown };

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** The own value at `key`, or undefined; never a value inherited from Object.prototype. */
export function getOwn(obj: JsonObject, key: string): unknown {
  return hasOwn(obj, key) ? obj[key] : undefined;
}

/** Sets an own, enumerable property, even for the key `__proto__` (which `obj[k] = v` would not). */
export function setOwn(obj: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

export function deepClone<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => deepClone(x)) as T;
  if (isJsonObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v)) setOwn(out, k, deepClone(v[k]));
    return out as T;
  }
  return v;
}

/** JSON equality: same type, arrays element-wise in order, objects by key set regardless of order. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * The JSON "kind" of a value, standing in for Go's `reflect.TypeOf` on decoded JSON
 * (`map[string]interface {}`, `[]interface {}`, `string`, `int64`/`float64`, `bool`, nil).
 * JavaScript cannot tell 1 from 1.0, so all numbers are one kind here.
 */
export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export function jsonKind(v: unknown): JsonKind {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'object';
  }
}

/** Go's type name for a decoded JSON value, as it appears in upstream error messages. */
export function goTypeName(v: unknown): string {
  switch (jsonKind(v)) {
    case 'object':
      return 'map[string]interface {}';
    case 'array':
      return '[]interface {}';
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(v) ? 'int64' : 'float64';
    case 'boolean':
      return 'bool';
    default:
      return '%!s(<nil>)';
  }
}

/**
 * Formats a value the way Go's `fmt.Sprintf("%v", v)` prints decoded JSON, so error messages
 * read like the real apiserver's: `map[image:redis name:web]`, `[a b]`, `<nil>`. Map keys are
 * sorted, as Go's fmt does.
 */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (isJsonObject(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goFormat(v[k])}`).join(' ')}]`;
  }
  return String(v);
}

/**
 * Compact JSON with object keys sorted, as Go's encoding/json writes a map: the text of
 * kubectl's last-applied-configuration annotation, and a canonical form to hash.
 */
export function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!isJsonObject(v)) return v;
    const sorted: JsonObject = {};
    for (const k of Object.keys(v).sort()) setOwn(sorted, k, v[k]);
    return sorted;
  });
}
