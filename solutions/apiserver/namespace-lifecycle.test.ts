import { describe, expect, it } from 'vitest';
import {
  describeNamespaceLifecycle,
  failingNamespaceLifecycleCases,
  namespaceLifecycleCases,
} from '../../engine/apiserver/admission/namespace-lifecycle-suite.ts';
import type { AdmissionAttributes, AdmissionPlugin, AdmissionPluginFactory, AdmissionResult } from '../../engine/apiserver/admission/types.ts';
import { namespaceLifecycle } from './namespace-lifecycle.ts';
import { namespaceLifecycle as stub } from '../../exercises/apiserver/namespace-lifecycle.ts';

describeNamespaceLifecycle('reference solution', namespaceLifecycle);

/** The reference with one behaviour broken, the way a learner's bug would break it. */
function mutant(change: (a: AdmissionAttributes, inner: AdmissionPlugin) => AdmissionResult | 'same'): AdmissionPluginFactory {
  return (deps) => {
    const inner = namespaceLifecycle(deps);
    return {
      name: inner.name,
      admit: (a) => {
        const r = change(a, inner);
        return r === 'same' ? inner.admit!(a) : r;
      },
    };
  };
}

describe('NamespaceLifecycle cases catch broken implementations', () => {
  it('the untouched learner stub fails every case', () => {
    expect(failingNamespaceLifecycleCases(stub)).toEqual(namespaceLifecycleCases.map((c) => c.name));
  });

  it('a plugin that lets immortal namespaces be deleted is caught', () => {
    const m = mutant((a) => (a.operation === 'DELETE' ? undefined : 'same'));
    expect(failingNamespaceLifecycleCases(m).length).toBeGreaterThan(0);
  });

  it('a plugin that also refuses updates in a Terminating namespace is caught', () => {
    const m = mutant((a, inner) => (a.operation === 'UPDATE' ? inner.admit!({ ...a, operation: 'CREATE' }) : 'same'));
    expect(failingNamespaceLifecycleCases(m).length).toBeGreaterThan(0);
  });

  it('a plugin that ignores Terminating namespaces is caught', () => {
    const m = mutant((a, inner) => {
      const r = inner.admit!(a);
      return r?.code === 403 && a.operation === 'CREATE' ? undefined : r;
    });
    expect(failingNamespaceLifecycleCases(m)).toContain('creating in a Terminating namespace is 403 with the upstream message and a NamespaceTerminating cause');
  });
});
