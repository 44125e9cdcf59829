/**
 * What the grader's self-check (test/self-check) does not say about `apiserver.validation`: the
 * untouched stub fails EVERY ObjectMeta case, and a validator that throws gets a failure that
 * says so. (The reference passing, and the typical mistakes of grader/mutants/api-validation.ts
 * being caught, are checked there.)
 */
import { describe, expect, it } from 'vitest';
import { failingObjectMetaCases, objectMetaCases } from '../../engine/api/validation/object-meta-suite.ts';
import type { ObjectMetaValidator } from '../../engine/api/validation/object-meta.ts';
import { validateObjectMeta as stub } from '../../exercises/apiserver/object-meta-validation.ts';

describe('ObjectMeta cases against broken implementations', () => {
  it('the untouched learner stub fails every case', () => {
    expect(failingObjectMetaCases(stub)).toEqual(objectMetaCases.map((c) => c.name));
  });

  it('a validator that throws fails with a message saying so', () => {
    const m: ObjectMetaValidator = () => {
      throw new Error('boom');
    };
    expect(() => objectMetaCases[0]!.run(m)).toThrow(/threw instead of returning field errors/);
  });
});
