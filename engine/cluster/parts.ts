/**
 * Parts: the typed holes of the engine that the course's exercises fill. Each id names one
 * teachable core; its interface lives next to the code that calls it, the reference
 * implementation in solutions/, the learner's starting file in exercises/.
 *
 * createCluster fills every part from solutions/ (default-parts.ts) unless `options.parts`
 * overrides some — which is how the grader runs a learner's code for exactly one part while the
 * rest of the cluster stays the reference.
 */
import type { KeyIndexFactory } from '../store/index.ts';
import type { ObjectMetaValidator } from '../api/index.ts';
import type { AdmissionPluginFactory } from '../apiserver/index.ts';

export interface Parts {
  /** etcd's keyIndex: a key's generations of revisions, reads at a revision, compaction. */
  'store.mvcc': KeyIndexFactory;
  /** ObjectMeta validation: names, namespaces, labels, annotations, as field errors. */
  'apiserver.validation': ObjectMetaValidator;
  /** The NamespaceLifecycle admission plugin. */
  'apiserver.admission': AdmissionPluginFactory;
}

export type PartId = keyof Parts;

export const PART_IDS: readonly PartId[] = ['store.mvcc', 'apiserver.validation', 'apiserver.admission'];

export function isPartId(id: string): id is PartId {
  return (PART_IDS as readonly string[]).includes(id);
}
