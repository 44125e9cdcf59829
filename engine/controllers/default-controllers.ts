/**
 * The controllers kube-controller-manager runs by default (upstream: NewControllerDescriptors in
 * cmd/kube-controller-manager/app/controllermanager.go), keyed by their upstream names — which
 * are also the users they act as and their events' `source.component`.
 *
 * Parts are injected: engine code never imports solutions/ (engine/cluster/default-parts.ts
 * does, and passes them here).
 */
import type { ControllerFactory } from './context.ts';
import type { AttemptToDeleteItem } from './garbagecollector/attempt-to-delete.ts';
import { GARBAGE_COLLECTOR_CONTROLLER, garbageCollectorController } from './garbagecollector/garbage-collector.ts';
import { NAMESPACE_CONTROLLER, namespaceController } from './namespace/namespace-controller.ts';
import { NODE_LIFECYCLE_CONTROLLER, nodeLifecycleController, type NodeLifecycleOptions } from './nodelifecycle/node-lifecycle-controller.ts';
import { POD_GC_CONTROLLER, podGCController, type PodGCOptions } from './podgc/pod-gc-controller.ts';
import { SERVICEACCOUNT_CONTROLLER, serviceAccountsController } from './serviceaccount/serviceaccounts-controller.ts';
import { SERVICEACCOUNT_TOKEN_CONTROLLER, tokensController } from './serviceaccount/tokens-controller.ts';
import { TAINT_EVICTION_CONTROLLER, taintEvictionController } from './tainteviction/taint-eviction-controller.ts';
import type { ManageReplicas } from './replicaset/manage-replicas.ts';
import { replicaSetController } from './replicaset/index.ts';
import type { RollingUpdateArithmetic } from './deployment/rolling-update.ts';
import { deploymentController } from './deployment/index.ts';
import type { ManageJob } from './job/manage-job.ts';
import { jobController, ttlAfterFinishedController } from './job/index.ts';
import { cronJobController } from './cronjob/index.ts';
import { daemonSetController } from './daemonset/index.ts';
import { ENDPOINTS_CONTROLLER, endpointsController, type EndpointsSubsets } from './endpoints/index.ts';
import { ENDPOINTSLICE_CONTROLLER, endpointSliceController } from './endpointslice/index.ts';
import { STATEFULSET_CONTROLLER_NAME, statefulSetController, type StatefulSetIdentity, type StatefulSetOrdering } from './statefulset/index.ts';
import type { FindBestMatch } from './volume/pv-binder.ts';
import type { SimulatedDisks } from '../runtime/simulated-disks.ts';
import { HOSTPATH_PROVISIONER_CONTROLLER, hostPathProvisionerController, PERSISTENTVOLUME_BINDER_CONTROLLER, persistentVolumeBinderController, PV_PROTECTION_CONTROLLER, PVC_PROTECTION_CONTROLLER, pvcProtectionController, pvProtectionController } from './volume/index.ts';

/** The parts the default controllers need. */
export interface DefaultControllerParts {
  'controllers.gc': AttemptToDeleteItem;
  'controllers.replicaset': ManageReplicas;
  'controllers.deployment': RollingUpdateArithmetic;
  'controllers.job': ManageJob;
  'volume.binder': FindBestMatch;
  'service.endpoints': EndpointsSubsets;
  'controllers.statefulset': StatefulSetOrdering;
  'statefulset.identity': StatefulSetIdentity;
}

export interface DefaultControllerOptions {
  nodeLifecycle?: NodeLifecycleOptions;
  podGC?: PodGCOptions;
  /** The cluster's simulated disks: the hostpath provisioner deletes a deleted volume's data. */
  disks?: SimulatedDisks;
}

export function defaultControllers(parts: DefaultControllerParts, options: DefaultControllerOptions = {}): Record<string, ControllerFactory> {
  return {
    // ---- Workloads:
    'replicaset-controller': replicaSetController({ manageReplicas: parts['controllers.replicaset'] }),
    'deployment-controller': deploymentController({ rollingUpdate: parts['controllers.deployment'] }),
    'daemonset-controller': daemonSetController(),
    [STATEFULSET_CONTROLLER_NAME]: statefulSetController({ ordering: parts['controllers.statefulset'], identity: parts['statefulset.identity'] }),
    'job-controller': jobController({ manageJob: parts['controllers.job'] }),
    'cronjob-controller': cronJobController(),
    'ttl-after-finished-controller': ttlAfterFinishedController(),
    // ---- Cluster housekeeping (this folder):
    [GARBAGE_COLLECTOR_CONTROLLER]: garbageCollectorController({ attemptToDeleteItem: parts['controllers.gc'] }),
    [NAMESPACE_CONTROLLER]: namespaceController(),
    [SERVICEACCOUNT_CONTROLLER]: serviceAccountsController(),
    [SERVICEACCOUNT_TOKEN_CONTROLLER]: tokensController(),
    [NODE_LIFECYCLE_CONTROLLER]: nodeLifecycleController(options.nodeLifecycle),
    [TAINT_EVICTION_CONTROLLER]: taintEvictionController(),
    [POD_GC_CONTROLLER]: podGCController(options.podGC),
    // ---- Services:
    [ENDPOINTS_CONTROLLER]: endpointsController({ endpointsSubsets: parts['service.endpoints'] }),
    [ENDPOINTSLICE_CONTROLLER]: endpointSliceController(),
    // ---- Storage (engine/controllers/volume):
    [PERSISTENTVOLUME_BINDER_CONTROLLER]: persistentVolumeBinderController({ findBestMatch: parts['volume.binder'] }),
    [PVC_PROTECTION_CONTROLLER]: pvcProtectionController(),
    [PV_PROTECTION_CONTROLLER]: pvProtectionController(),
    // The simulated external provisioner behind the default StorageClass (kind runs its
    // local-path-provisioner as a Deployment; here it shares the controller-manager's process).
    [HOSTPATH_PROVISIONER_CONTROLLER]: hostPathProvisionerController({ disks: options.disks }),
  };
}
