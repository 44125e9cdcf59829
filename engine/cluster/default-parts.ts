/**
 * The reference parts, from solutions/. This is the only engine file that imports solutions/:
 * everything else receives its parts from createCluster.
 */
import type { Parts } from './parts.ts';
import { newKeyIndex } from '../../solutions/store/key-index.ts';
import { validateObjectMeta } from '../../solutions/apiserver/object-meta-validation.ts';
import { namespaceLifecycle } from '../../solutions/apiserver/namespace-lifecycle.ts';

export const defaultParts: Parts = {
  'store.mvcc': newKeyIndex,
  'apiserver.validation': validateObjectMeta,
  'apiserver.admission': namespaceLifecycle,
};
