/**
 * Parts: the typed holes of the engine that the course's exercises fill. Each id names one
 * teachable core; its interface lives next to the code that calls it, the reference
 * implementation in solutions/, the learner's starting file in exercises/.
 *
 * createCluster fills every part from solutions/ (default-parts.ts) unless `options.parts`
 * overrides some — which is how the grader runs a learner's code for exactly one part while the
 * rest of the cluster stays the reference.
 */
import type { KeyIndexFactory, TxnComparePart } from '../store/index.ts';
import type { ObjectMetaValidator } from '../api/index.ts';
import type { AdmissionPluginFactory } from '../apiserver/index.ts';
import type { FitPart, QueuePart, ScorePart, TaintsPart } from '../scheduler/index.ts';
import type { ContainerLifecycle } from '../runtime/container-lifecycle.ts';
import type { ParseImageReference } from '../runtime/image-reference.ts';
import type { KubeletParts } from '../kubelet/types.ts';
import type { ManageReplicas } from '../controllers/replicaset/manage-replicas.ts';
import type { RollingUpdateArithmetic } from '../controllers/deployment/rolling-update.ts';
import type { AttemptToDeleteItem } from '../controllers/garbagecollector/attempt-to-delete.ts';
import type { ManageJob } from '../controllers/job/manage-job.ts';
import type { BuildRuleTable } from '../proxy/rule-table.ts';
import type { LoadBalancerFactory } from '../proxy/session-affinity.ts';
import type { ClusterIPAllocator } from '../apiserver/handlers/ip-allocator.ts';
import type { EndpointsSubsets } from '../controllers/endpoints/endpoints-subsets.ts';
import type { SecretDataPart } from '../apiserver/strategies/secret-data.ts';
import type { SecretTypesPart } from '../api/validation/secret-types.ts';
import type { FindBestMatch } from '../controllers/volume/pv-binder.ts';
import type { ResolveMount } from '../runtime/container-fs.ts';
import type { IngressPathPart } from '../ingress/path-match.ts';
import type { IngressHostPart } from '../ingress/host-rules.ts';
import type { StatefulSetIdentity } from '../controllers/statefulset/identity.ts';
import type { StatefulSetOrdering } from '../controllers/statefulset/ordering.ts';

export interface Parts {
  /** etcd's keyIndex: a key's generations of revisions, reads at a revision, compaction. */
  'store.mvcc': KeyIndexFactory;
  /** etcd's txn guard (applyCompare): whether a compare on VERSION/CREATE/MOD/VALUE/LEASE holds. */
  'store.txn': TxnComparePart;
  /** ObjectMeta validation: names, namespaces, labels, annotations, as field errors. */
  'apiserver.validation': ObjectMetaValidator;
  /** The NamespaceLifecycle admission plugin. */
  'apiserver.admission': AdmissionPluginFactory;
  /** NodeResourcesFit's filter: a pod's requests against a node's free resources. */
  'scheduler.fit': FitPart;
  /** TaintToleration's filter: which tolerations tolerate which taints. */
  'scheduler.taints': TaintsPart;
  /** NormalizeScore, the weighted sum of plugin scores, and picking the host. */
  'scheduler.score': ScorePart;
  /** The scheduling queue's order (PrioritySort) and per-pod backoff. */
  'scheduler.queue': QueuePart;
  /** A container's state machine: created, running, exited; stop with grace; OOM. */
  'runtime.container': ContainerLifecycle;
  /** Image references: `nginx` → docker.io/library/nginx:latest, or why it is invalid. */
  'runtime.image': ParseImageReference;
  /** computePodActions: what the kubelet kills, starts and restarts. */
  'kubelet.sync': KubeletParts['kubelet.sync'];
  /** CrashLoopBackOff: 10 s doubling to 300 s, reset after 10 minutes of running. */
  'kubelet.backoff': KubeletParts['kubelet.backoff'];
  /** Probe results to ready/failed, with success and failure thresholds. */
  'kubelet.probe': KubeletParts['kubelet.probe'];
  /** The kubelet's makeEnvironmentVariables: envFrom, env, valueFrom refs, `$(VAR)` expansion. */
  'configmap.env': KubeletParts['configmap.env'];
  /** The kubelet's volume payload: ConfigMap/Secret keys (or items) to files with modes, projected volumes. */
  'configmap.projection': KubeletParts['configmap.projection'];
  /** The ReplicaSet's decision: how many pods to create, which to delete first. */
  'controllers.replicaset': ManageReplicas;
  /** The Deployment's rolling-update arithmetic: maxSurge and maxUnavailable. */
  'controllers.deployment': RollingUpdateArithmetic;
  /** The garbage collector's decision for one dependent: keep, delete, orphan. */
  'controllers.gc': AttemptToDeleteItem;
  /** The Job's decision: pods to create or delete, complete or failed. */
  'controllers.job': ManageJob;
  /** kube-proxy's rule table: Services and EndpointSlices → ClusterIP/NodePort → ready endpoints. */
  'proxy.rules': BuildRuleTable;
  /** kube-proxy's endpoint choice per connection: spreading, and sessionAffinity ClientIP with its timeout. */
  'proxy.affinity': LoadBalancerFactory;
  /** The ClusterIP allocator's decision: a free address of the service CIDR, or why not. */
  'service.ipalloc': ClusterIPAllocator;
  /** The Endpoints controller's subsets: ready and not-ready addresses per resolved port set. */
  'service.endpoints': EndpointsSubsets;
  /** Secret data: base64 (Go's StdEncoding) and the stringData merge, stringData winning. */
  'secret.data': SecretDataPart;
  /** Secret types: the keys each built-in type requires, the 1 MiB cap, type immutable. */
  'secret.types': SecretTypesPart;
  /** The PV binder's FindMatchingVolume: the smallest free volume that fits a claim. */
  'volume.binder': FindBestMatch;
  /** Which volume mount a container path falls in: longest mount path, subPath, readOnly. */
  'volume.mounts': ResolveMount;
  /** Ingress path types (Exact, Prefix element-wise, ImplementationSpecific) and their precedence. */
  'ingress.path': IngressPathPart;
  /** Ingress host rules (exact, one-label wildcard, no host) and the default backend, across Ingresses. */
  'ingress.host': IngressHostPart;
  /** A StatefulSet pod's identity: `<set>-<ordinal>`, hostname, subdomain, labels, claims `<template>-<set>-<ordinal>`. */
  'statefulset.identity': StatefulSetIdentity;
  /** The StatefulSet's per-sync decision: OrderedReady/Parallel creates, scale-down order, RollingUpdate partition, OnDelete. */
  'controllers.statefulset': StatefulSetOrdering;
}

export type PartId = keyof Parts;

export const PART_IDS: readonly PartId[] = [
  'store.mvcc',
  'store.txn',
  'apiserver.validation',
  'apiserver.admission',
  'scheduler.fit',
  'scheduler.taints',
  'scheduler.score',
  'scheduler.queue',
  'runtime.container',
  'runtime.image',
  'kubelet.sync',
  'kubelet.backoff',
  'kubelet.probe',
  'configmap.env',
  'configmap.projection',
  'controllers.replicaset',
  'controllers.deployment',
  'controllers.gc',
  'controllers.job',
  'proxy.rules',
  'proxy.affinity',
  'service.ipalloc',
  'service.endpoints',
  'secret.data',
  'secret.types',
  'volume.binder',
  'volume.mounts',
  'ingress.path',
  'ingress.host',
  'statefulset.identity',
  'controllers.statefulset',
];

export function isPartId(id: string): id is PartId {
  return (PART_IDS as readonly string[]).includes(id);
}
