/**
 * Properties every patch function keeps for any input: it either returns or throws a StatusError
 * (never anything else), it never changes its inputs, and its result shares no object with them.
 * Inputs are deep-frozen, so an attempted mutation throws a TypeError and fails the property.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StatusError } from '../../api/errors.ts';
import { jsonPatch } from './json-patch.ts';
import { mergePatch } from './merge-patch.ts';
import { strategicMergePatch } from './strategic-merge-patch.ts';

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
    Object.freeze(v);
  }
  return v;
}

function objectsIn(v: unknown, into = new Set<object>()): Set<object> {
  if (typeof v === 'object' && v !== null) {
    into.add(v);
    for (const k of Object.keys(v)) objectsIn((v as Record<string, unknown>)[k], into);
  }
  return into;
}

/** Applies `fn` to frozen copies of the inputs and checks the three properties. */
function checkPure(fn: (original: unknown, patch: unknown) => unknown, original: unknown, patch: unknown): void {
  const o = deepFreeze(structuredClone(original));
  const p = deepFreeze(structuredClone(patch));
  const before = JSON.stringify([o, p]);
  let result: unknown;
  try {
    result = fn(o, p);
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    expect(e.status.kind).toBe('Status');
    return;
  } finally {
    expect(JSON.stringify([o, p])).toBe(before);
  }
  const shared = objectsIn(result);
  for (const x of objectsIn([o, p])) expect(shared.has(x)).toBe(false);
}

// Keys that exercise the interesting paths: Kubernetes fields with merge strategies, every
// directive (well- and ill-formed), and keys that are dangerous as plain-object properties.
const KEYS = [
  'metadata', 'spec', 'template', 'containers', 'initContainers', 'env', 'ports', 'name', 'image', 'value',
  'containerPort', 'finalizers', 'labels', 'tolerations', 'strategy', 'type', 'uid', 'ownerReferences',
  '$patch', '$retainKeys', '$setElementOrder/containers', '$setElementOrder/finalizers', '$setElementOrderX',
  '$deleteFromPrimitiveList/finalizers', '$deleteFromPrimitiveList/env', '$deleteFromPrimitiveList',
  '__proto__', 'constructor', 'toString',
];
const SCALARS = fc.oneof(
  fc.constantFrom('delete', 'replace', 'merge', 'web', 'a', 'b', 'c', 'name', 'type', '', '__proto__'),
  fc.integer({ min: -2, max: 3 }),
  fc.boolean(),
  fc.constant(null),
);

const { value: k8sish } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ maxDepth: 5, depthIdentifier: 'k8s' }, SCALARS, tie('value').map((v) => [v]), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 5 })),
}));
const k8sObject = fc.dictionary(fc.constantFrom(...KEYS), k8sish, { maxKeys: 6 });

const POINTERS = ['', '/metadata', '/metadata/name', '/spec/containers/0', '/spec/containers/-', '/spec/containers/1/env', '/a~1b', '/a~0b', '/~2', '/__proto__', '/__proto__/x', '/0', '/-', 'spec'];
const operation = fc.record(
  {
    op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test', 'bogus'),
    path: fc.oneof(fc.constantFrom(...POINTERS), fc.integer()),
    from: fc.constantFrom(...POINTERS),
    value: k8sish,
  },
  { requiredKeys: ['op'] },
);

const GVKS = [
  { group: 'apps', version: 'v1', kind: 'Deployment' },
  { group: '', version: 'v1', kind: 'Pod' },
  { group: '', version: 'v1', kind: 'ConfigMap' },
];

describe('patch functions on arbitrary input', () => {
  it('jsonPatch: random JSON documents and patches', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.jsonValue(), (o, p) => checkPure(jsonPatch, o, p)), { numRuns: 300 });
  });

  it('jsonPatch: random operations on Kubernetes-like objects', () => {
    fc.assert(fc.property(k8sObject, fc.array(operation, { maxLength: 6 }), (o, p) => checkPure(jsonPatch, o, p)), { numRuns: 500 });
  });

  it('mergePatch: random JSON documents and patches', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.jsonValue(), (o, p) => checkPure(mergePatch, o, p)), { numRuns: 300 });
  });

  it('mergePatch: applying a patch twice gives the same result as once (RFC 7396 is idempotent)', () => {
    fc.assert(
      fc.property(k8sObject, k8sObject, (o, p) => {
        const once = mergePatch(o, p);
        expect(mergePatch(once, p)).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });

  it('strategicMergePatch: random JSON documents and patches', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.constantFrom(...GVKS), (o, p, gvk) => checkPure((a, b) => strategicMergePatch(a, b, gvk), o, p)),
      { numRuns: 300 },
    );
  });

  it('strategicMergePatch: random directives on Kubernetes-like objects', () => {
    const nested = (spec: Record<string, unknown>) => ({ spec: { template: { spec } }, metadata: spec });
    fc.assert(
      fc.property(k8sObject, k8sObject, fc.constantFrom(...GVKS), fc.boolean(), (o, p, gvk, deep) => {
        const [oo, pp] = deep ? [nested(o), nested(p)] : [o, p];
        checkPure((a, b) => strategicMergePatch(a, b, gvk), oo, pp);
      }),
      { numRuns: 1500 },
    );
  });

  it('strategicMergePatch: results never carry directive keys', () => {
    fc.assert(
      fc.property(k8sObject, k8sObject, (o, p) => {
        try {
          const out = JSON.stringify(strategicMergePatch(o, p, GVKS[0]!));
          expect(out).not.toMatch(/"\$(patch|retainKeys|setElementOrder\/|deleteFromPrimitiveList\/)/);
        } catch (e) {
          if (!(e instanceof StatusError)) throw e;
        }
      }),
      { numRuns: 500 },
    );
  });
});
