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
import { buildRuleTable } from '../../solutions/proxy/rule-table.ts';
import { newLoadBalancer } from '../../solutions/proxy/session-affinity.ts';
import { allocateIP } from '../../solutions/service/ip-allocator.ts';
import { endpointsSubsets } from '../../solutions/service/endpoints-subsets.ts';
import { secretData } from '../../solutions/secret/secret-data.ts';
import { secretTypes } from '../../solutions/secret/secret-types.ts';
import { findBestMatch } from '../../solutions/volume/pv-binder.ts';
import { resolveMount } from '../../solutions/volume/mounts.ts';
import { ingressPath } from '../../solutions/ingress/path-match.ts';
import { ingressHost } from '../../solutions/ingress/host-rules.ts';
import { statefulSetIdentity } from '../../solutions/statefulset/identity.ts';
import { decideStatefulSetActions } from '../../solutions/statefulset/ordering.ts';

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
  'proxy.rules': buildRuleTable,
  'proxy.affinity': newLoadBalancer,
  'service.ipalloc': allocateIP,
  'service.endpoints': endpointsSubsets,
  'secret.data': secretData,
  'secret.types': secretTypes,
  'volume.binder': findBestMatch,
  'volume.mounts': resolveMount,
  'ingress.path': ingressPath,
  'ingress.host': ingressHost,
  'statefulset.identity': statefulSetIdentity,
  'controllers.statefulset': decideStatefulSetActions,
};
