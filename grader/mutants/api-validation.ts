/** Typical mistakes in `apiserver.validation` (ObjectMeta); the self-check proves each one fails a case. */
import type { ObjectMetaValidator } from '../../engine/api/validation/object-meta.ts';
import { defineMutants } from '../exercise-tests.ts';

/** The reference with the errors on some fields dropped, the way a learner's missing rule would drop them. */
const without =
  (ref: ObjectMetaValidator, drop: (field: string) => boolean): ObjectMetaValidator =>
  (meta, options) =>
    ref(meta, options).filter((e) => !drop(e.field));

export default defineMutants({
  part: 'apiserver.validation',
  mutants: [
    {
      name: 'namespace-unchecked',
      mistake: 'never checks metadata.namespace (required for namespaced kinds, forbidden for cluster-scoped ones)',
      make: (ref) => without(ref, (f) => f === 'metadata.namespace'),
    },
    {
      name: 'owner-references-unchecked',
      mistake: 'never checks owner references',
      make: (ref) => without(ref, (f) => f.startsWith('metadata.ownerReferences')),
    },
    {
      name: 'labels-unchecked',
      mistake: 'never checks label keys and values',
      make: (ref) => without(ref, (f) => f === 'metadata.labels'),
    },
    {
      name: 'every-name-a-subdomain',
      mistake: 'checks every name as a DNS subdomain, ignoring the rule the kind asks for (Namespace, Service)',
      make: (ref) => (meta, options) => ref(meta, { ...options, nameRule: 'DNS1123Subdomain' }),
    },
    {
      name: 'generate-name-unchecked',
      mistake: 'never checks generateName',
      make: (ref) => without(ref, (f) => f === 'metadata.generateName'),
    },
    {
      name: 'rejects-everything',
      mistake: 'always reports a missing name',
      make: () => () => [{ type: 'FieldValueRequired', field: 'metadata.name', detail: 'name or generateName is required' }],
    },
  ],
});
