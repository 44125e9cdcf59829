/**
 * What the grader's self-check (test/self-check) does not say about `apiserver.admission`: the
 * untouched stub fails EVERY NamespaceLifecycle case, not just one. (The reference passing, and
 * the typical mistakes of grader/mutants/api-admission.ts being caught, are checked there.)
 */
import { describe, expect, it } from 'vitest';
import { failingNamespaceLifecycleCases, namespaceLifecycleCases } from '../../engine/apiserver/admission/namespace-lifecycle-suite.ts';
import { namespaceLifecycle as stub } from '../../exercises/apiserver/namespace-lifecycle.ts';

describe('NamespaceLifecycle cases against broken implementations', () => {
  it('the untouched learner stub fails every case', () => {
    expect(failingNamespaceLifecycleCases(stub)).toEqual(namespaceLifecycleCases.map((c) => c.name));
  });
});
