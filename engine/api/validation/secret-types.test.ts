/**
 * Secret validation (KK ValidateSecret / ValidateSecretUpdate) as validateObject runs it: the
 * engine's key and immutable checks around the part `secret.types`, here the reference.
 */
import { describe, expect, it } from 'vitest';
import { defaultObject } from '../defaults/default-object.ts';
import { fieldErrorString } from '../field-errors.ts';
import type { KubeObject } from '../object.ts';
import { validateObjectMeta } from '../../../solutions/apiserver/object-meta-validation.ts';
import { secretTypes } from '../../../solutions/secret/secret-types.ts';
import { goJsonObjectError } from './go-json.ts';
import { secretTypesCases } from './secret-types-suite.ts';
import { validateObject, validateObjectUpdate } from './validate-object.ts';

const ctx = { objectMeta: validateObjectMeta, secretTypes };
const b64 = (t: string) => btoa(t);

function secret(fields: Record<string, unknown>): KubeObject {
  const s: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, ...fields };
  defaultObject(s);
  return s;
}
const errors = (s: KubeObject) => validateObject(s, ctx).map(fieldErrorString);
const updateErrors = (s: KubeObject, old: KubeObject) => validateObjectUpdate(s, old, ctx).map(fieldErrorString);

describe('the reference secret.types part', () => {
  for (const c of secretTypesCases) it(c.name, () => c.run(secretTypes));
});

describe('Secret validation', () => {
  it('a Secret without a type is defaulted to Opaque and accepts any config keys', () => {
    const s = secret({ data: { 'user.name': b64('a') } });
    expect(s.type).toBe('Opaque');
    expect(errors(s)).toEqual([]);
  });

  it('key names must be config keys; the part runs after them', () => {
    expect(errors(secret({ type: 'kubernetes.io/tls', data: { 'a b': b64('x') } }))).toEqual([
      `data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      'data[tls.crt]: Required value',
      'data[tls.key]: Required value',
    ]);
  });

  it('the part sees the decoded bytes: 1 MiB of data is about 1.33 MiB of base64 and still fits', () => {
    const big = 'A'.repeat((1024 * 1024 * 4) / 3 - ((1024 * 1024 * 4) / 3) % 4) + 'AA==';
    expect(errors(secret({ data: { big } }))).toEqual([]);
  });

  it('an immutable Secret keeps its data and stays immutable; its metadata may change', () => {
    const old = secret({ immutable: true, data: { a: b64('1') } });
    expect(updateErrors(secret({ immutable: true, data: { a: b64('2') } }), old)).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
    expect(updateErrors(secret({ immutable: false, data: { a: b64('1') } }), old)).toEqual(['immutable: Forbidden: field is immutable when `immutable` is set']);
    const relabelled = secret({ immutable: true, data: { a: b64('1') } });
    relabelled.metadata!.labels = { team: 'a' };
    expect(updateErrors(relabelled, old)).toEqual([]);
  });

  it('the type cannot change on update, reported before the new type’s own errors', () => {
    expect(updateErrors(secret({ type: 'kubernetes.io/tls', data: {} }), secret({ type: 'Opaque' }))).toEqual([
      'type: Invalid value: "kubernetes.io/tls": field is immutable',
      'data[tls.crt]: Required value',
      'data[tls.key]: Required value',
    ]);
  });

  it('without the part, only the engine’s checks run (an apiserver built without secret.types)', () => {
    expect(validateObject(secret({ type: 'kubernetes.io/tls' }), { objectMeta: validateObjectMeta }).map(fieldErrorString)).toEqual([]);
  });
});

describe("Go's JSON errors for docker configs (encoding/json scanner messages)", () => {
  const err = (t: string) => goJsonObjectError(new TextEncoder().encode(t));
  it('accepts objects and null, rejects other JSON values with the unmarshal message', () => {
    expect(err('{"auths":{}}')).toBeUndefined();
    expect(err(' null ')).toBeUndefined();
    expect(err('"x"')).toBe('json: cannot unmarshal string into Go value of type map[string]interface {}');
    expect(err('1.5e3')).toBe('json: cannot unmarshal number into Go value of type map[string]interface {}');
    expect(err('true')).toBe('json: cannot unmarshal bool into Go value of type map[string]interface {}');
  });

  it('names the offending character and where the scanner was', () => {
    expect(err('')).toBe('unexpected end of JSON input');
    expect(err('{"a" 1}')).toBe("invalid character '1' after object key");
    expect(err('{"a":1 "b":2}')).toBe(`invalid character '"' after object key:value pair`);
    expect(err('[1 2]')).toBe("invalid character '2' after array element");
    expect(err('{} x')).toBe("invalid character 'x' after top-level value");
    expect(err('nul')).toBe('unexpected end of JSON input');
    expect(err('nulL')).toBe("invalid character 'L' in literal null (expecting 'l')");
    expect(err('{"a":"\n"}')).toBe("invalid character '\\n' in string literal");
    expect(err('{"a":-x}')).toBe("invalid character 'x' in numeric literal");
    expect(err('{"a":1.}')).toBe("invalid character '}' after decimal point in numeric literal");
    expect(err("{'a':1}")).toBe("invalid character '\\'' looking for beginning of object key string");
  });
});
