import { describe, expect, it } from 'vitest';
import { describeObjectMetaValidation, failingObjectMetaCases, objectMetaCases } from '../../engine/api/validation/object-meta-suite.ts';
import type { ObjectMetaValidator } from '../../engine/api/validation/object-meta.ts';
import { validateObjectMeta } from './object-meta-validation.ts';
import { validateObjectMeta as stub } from '../../exercises/apiserver/object-meta-validation.ts';

describeObjectMetaValidation('reference solution', validateObjectMeta);

/** The reference with one rule dropped, the way a learner's bug would drop it. */
const without =
  (drop: (field: string) => boolean): ObjectMetaValidator =>
  (meta, opts) =>
    validateObjectMeta(meta, opts).filter((e) => !drop(e.field));

describe('ObjectMeta cases catch broken implementations', () => {
  it('the untouched learner stub fails every case', () => {
    expect(failingObjectMetaCases(stub)).toEqual(objectMetaCases.map((c) => c.name));
  });

  it('a validator that ignores namespaces is caught', () => {
    expect(failingObjectMetaCases(without((f) => f === 'metadata.namespace')).length).toBeGreaterThan(0);
  });

  it('a validator that ignores owner references is caught', () => {
    expect(failingObjectMetaCases(without((f) => f.startsWith('metadata.ownerReferences')))).toContain('owner references must name their owner completely');
  });

  it('a validator that checks every name as a subdomain is caught by the label rules', () => {
    const m: ObjectMetaValidator = (meta, opts) => validateObjectMeta(meta, { ...opts, nameRule: 'DNS1123Subdomain' });
    expect(failingObjectMetaCases(m)).toEqual(expect.arrayContaining(['a DNS-1123 label name (Namespace) may not contain dots', 'a DNS-1035 label name (Service) must start with a letter']));
  });

  it('a validator that rejects everything is caught', () => {
    const m: ObjectMetaValidator = () => [{ type: 'FieldValueRequired', field: 'metadata.name', detail: 'name or generateName is required' }];
    expect(failingObjectMetaCases(m).length).toBeGreaterThan(objectMetaCases.length / 2);
  });

  it('a validator that throws fails with a message saying so', () => {
    const m: ObjectMetaValidator = () => {
      throw new Error('boom');
    };
    expect(() => objectMetaCases[0]!.run(m)).toThrow(/threw instead of returning field errors/);
  });
});
