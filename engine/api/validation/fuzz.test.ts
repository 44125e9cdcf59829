/**
 * Property tests: random, malformed and mutated objects never make validation or defaulting throw,
 * and invalid input always yields field errors with non-empty paths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultObject } from '../defaults/default-object.ts';
import type { FieldError } from '../field-errors.ts';
import { MINIMAL_OBJECTS } from '../minimal-objects.ts';
import type { KubeObject } from '../object.ts';
import { findUnknownFields, validateSchema } from '../schema-validation.ts';
import { validateObjectMeta } from '../../../solutions/apiserver/object-meta-validation.ts';
import { validateObject, validateObjectUpdate } from './validate-object.ts';

const ctx = { objectMeta: validateObjectMeta };
const bases = Object.values(MINIMAL_OBJECTS);

function wellFormed(errs: FieldError[]): void {
  expect(Array.isArray(errs)).toBe(true);
  for (const e of errs) {
    expect(typeof e.field).toBe('string');
    expect(e.field.length).toBeGreaterThan(0);
    expect(e.type).not.toBe('InternalError'); // a validator threw: a bug
  }
}

function everything(o: unknown, old: unknown = o): FieldError[] {
  const a = validateObject(o as KubeObject, ctx);
  const b = validateObjectUpdate(o as KubeObject, old as KubeObject, ctx);
  findUnknownFields(o as KubeObject);
  const c = structuredClone(o);
  defaultObject(c as KubeObject);
  wellFormed(a);
  wellFormed(b);
  return a;
}

/** Defines an own property, as JSON.parse does even for `__proto__` (a plain assignment would set the prototype). */
const put = (o: any, k: string, v: unknown) => Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });

/** Sets `v` at a path (creating objects/arrays on the way), producing only what JSON could. */
function setAt(o: any, path: string[], v: unknown): void {
  let cur = o;
  for (const p of path.slice(0, -1)) {
    if (typeof cur !== 'object' || cur === null || (Array.isArray(cur) && !/^\d+$/.test(p))) return;
    const own = Object.prototype.hasOwnProperty.call(cur, p) ? cur[p] : undefined;
    if (typeof own !== 'object' || own === null) put(cur, p, /^\d+$/.test(p) ? [] : {});
    cur = cur[p];
  }
  const last = path[path.length - 1] as string;
  if (Array.isArray(cur) && !/^\d+$/.test(last)) return; // JSON arrays only have indices
  if (typeof cur === 'object' && cur !== null) put(cur, last, structuredClone(v));
}

const segment = fc.constantFrom('spec', 'metadata', 'name', 'labels', 'template', 'containers', '0', '1', 'ports', 'selector', 'matchLabels', 'matchExpressions', 'data', 'rules', 'http', 'paths', 'replicas', 'volumes', 'status', 'type', 'strategy', 'rollingUpdate', 'subsets', 'ownerReferences', 'finalizers', '__proto__', 'constructor');
const nasty = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(1e300, -1e300, 2 ** 53, -0, Number.MAX_SAFE_INTEGER, '', ' ', '\u0000', 'a'.repeat(300), [], {}, null, true),
);

describe('validation never crashes', () => {
  it('on arbitrary JSON bodies', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        everything(v);
      }),
      { numRuns: 300 },
    );
  });

  it('on objects of every kind with random contents', () => {
    fc.assert(
      fc.property(fc.constantFrom(...bases), fc.dictionary(fc.string(), fc.jsonValue()), (base, rest) => {
        everything({ ...rest, apiVersion: base.apiVersion, kind: base.kind });
      }),
      { numRuns: 300 },
    );
  });

  it('on mutations of valid objects, before and after defaulting', () => {
    fc.assert(
      fc.property(fc.constantFrom(...bases), fc.array(fc.tuple(fc.array(segment, { minLength: 1, maxLength: 6 }), nasty), { minLength: 1, maxLength: 4 }), fc.boolean(), (base, muts, defaultFirst) => {
        const o: any = structuredClone(base);
        if (defaultFirst) defaultObject(o);
        for (const [path, v] of muts) setAt(o, path, v);
        everything(o, base);
      }),
      { numRuns: 500 },
    );
  });

  it('on JSON with __proto__ keys', () => {
    const o = JSON.parse('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"d","labels":{"__proto__":"x"}},"spec":{"__proto__":{"polluted":true},"containers":[{"name":"a","image":"b"}]}}');
    everything(o);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('invalid input always yields field errors with paths', () => {
  it('a wrong JSON type anywhere in a typed field is reported', () => {
    const typed: Array<[string, string[]]> = [
      ['Deployment', ['spec', 'replicas']],
      ['Pod', ['spec', 'containers', '0', 'name']],
      ['Service', ['spec', 'ports', '0', 'port']],
      ['ConfigMap', ['data']],
      ['Namespace', ['metadata', 'name']],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...typed), fc.constantFrom(true, [], { a: 1 }, 'text', 1.5), ([kind, path], v) => {
        const o: any = structuredClone(MINIMAL_OBJECTS[kind]);
        defaultObject(o);
        const before = JSON.stringify(validateSchema(o));
        setAt(o, path, v);
        const errs = everything(o);
        // Only values of the right type may slip through (e.g. a string where a string is expected).
        if (JSON.stringify(validateSchema(o)) !== before) expect(errs.length).toBeGreaterThan(0);
      }),
    );
  });

  it('removing a required field or breaking a name is reported', () => {
    fc.assert(
      fc.property(fc.constantFrom(...bases), fc.constantFrom('UPPER', 'has space', '-dash', ''), (base, badName) => {
        const o: any = structuredClone(base);
        defaultObject(o);
        o.metadata.name = badName;
        expect(everything(o).some((e) => e.field === 'metadata.name')).toBe(true);
      }),
    );
  });

  it('never mutates its input', () => {
    fc.assert(
      fc.property(fc.constantFrom(...bases), fc.array(fc.tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), nasty), { maxLength: 3 }), (base, muts) => {
        const o: any = structuredClone(base);
        for (const [path, v] of muts) setAt(o, path, v);
        const snapshot = JSON.stringify(o);
        validateObject(o, ctx);
        validateObjectUpdate(o, base, ctx);
        findUnknownFields(o);
        expect(JSON.stringify(o)).toBe(snapshot);
      }),
      { numRuns: 200 },
    );
  });
});
