/** Typical mistakes in `apiserver.admission` (NamespaceLifecycle); the self-check proves each one fails a case. */
import type { AdmissionAttributes, AdmissionPlugin, AdmissionPluginFactory, AdmissionResult } from '../../engine/apiserver/admission/types.ts';
import { defineMutants } from '../exercise-tests.ts';

/** The reference with one decision changed, the way a learner's bug would change it. */
const changed =
  (ref: AdmissionPluginFactory, change: (a: AdmissionAttributes, inner: AdmissionPlugin) => AdmissionResult | 'same'): AdmissionPluginFactory =>
  (deps) => {
    const inner = ref(deps);
    return {
      name: inner.name,
      admit: (a) => {
        const r = change(a, inner);
        return r === 'same' ? inner.admit!(a) : r;
      },
    };
  };

export default defineMutants({
  part: 'apiserver.admission',
  mutants: [
    {
      name: 'immortal-namespaces-deletable',
      mistake: 'lets every DELETE through, so `kubectl delete namespace default` works',
      make: (ref) => changed(ref, (a) => (a.operation === 'DELETE' ? undefined : 'same')),
    },
    {
      name: 'terminating-blocks-updates',
      mistake: 'refuses updates in a Terminating namespace as well as creates, so controllers cannot drain it',
      make: (ref) => changed(ref, (a, inner) => (a.operation === 'UPDATE' ? inner.admit!({ ...a, operation: 'CREATE' }) : 'same')),
    },
    {
      name: 'terminating-ignored',
      mistake: 'only checks that the namespace exists, not that it is being terminated',
      make: (ref) =>
        changed(ref, (a, inner) => {
          const r = inner.admit!(a);
          return r?.code === 403 && a.operation === 'CREATE' ? undefined : r;
        }),
    },
    {
      name: 'missing-namespace-allowed',
      mistake: 'lets objects be created in a namespace that does not exist',
      make: (ref) =>
        changed(ref, (a, inner) => {
          const r = inner.admit!(a);
          return r?.code === 404 ? undefined : r;
        }),
    },
  ],
});
