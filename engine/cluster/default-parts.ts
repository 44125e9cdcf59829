/**
 * The reference parts, from solutions/. This is the only engine file that imports solutions/:
 * everything else receives its parts from createCluster.
 */
import type { Parts } from './parts.ts';
import { newKeyIndex } from '../../solutions/store/key-index.ts';
import { txnCompare } from '../../solutions/store/txn-compare.ts';
import { validateObjectMeta } from '../../solutions/apiserver/object-meta-validation.ts';
import { namespaceLifecycle } from '../../solutions/apiserver/namespace-lifecycle.ts';
import { schedulerParts } from '../../solutions/scheduler/index.ts';
import { containerLifecycle } from '../../solutions/runtime/container-lifecycle.ts';
import { parseImageReference } from '../../solutions/runtime/image-reference.ts';
import { kubeletParts } from '../../solutions/kubelet/index.ts';
import { manageReplicas } from '../../solutions/controllers/replicaset/manage-replicas.ts';
import { rollingUpdate } from '../../solutions/controllers/deployment/rolling-update.ts';
import { attemptToDeleteItem } from '../../solutions/controllers/gc/attempt-to-delete.ts';
import { manageJob } from '../../solutions/controllers/job/manage-job.ts';

export const defaultParts: Parts = {
  'store.mvcc': newKeyIndex,
  'store.txn': txnCompare,
  'apiserver.validation': validateObjectMeta,
  'apiserver.admission': namespaceLifecycle,
  'scheduler.fit': schedulerParts.fit,
  'scheduler.taints': schedulerParts.taints,
  'scheduler.score': schedulerParts.score,
  'scheduler.queue': schedulerParts.queue,
  'runtime.container': containerLifecycle,
  'runtime.image': parseImageReference,
  ...kubeletParts,
  'controllers.replicaset': manageReplicas,
  'controllers.deployment': rollingUpdate,
  'controllers.gc': attemptToDeleteItem,
  'controllers.job': manageJob,
};
