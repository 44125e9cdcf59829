/**
 * The typed names of the client: one method per kind in engine/api/resources.ts, named like
 * client-go's clientset (`CoreV1().Pods(ns)` → `client.pods(ns)`, `AppsV1().ReplicaSets(ns)` →
 * `client.replicaSets(ns)`), and the TypeScript type of each kind from kubernetes-types.
 *
 * The method name is derived from the table: the kind with a lower-case first letter plus the
 * plural's ending (ConfigMap/configmaps → configMaps, Ingress/ingresses → ingresses), so the
 * runtime methods follow RESOURCES and a test checks that every kind has its typed entry here.
 */
import type { ResourceInfo } from '../api/resources.ts';
import type { appsv1, batchv1, coordinationv1, corev1, discoveryv1, networkingv1, storagev1 } from '../api/types.ts';

/** Method name → object type, for every kind of RESOURCES. */
export interface TypedResources {
  namespaces: corev1.Namespace;
  nodes: corev1.Node;
  pods: corev1.Pod;
  services: corev1.Service;
  endpoints: corev1.Endpoints;
  configMaps: corev1.ConfigMap;
  secrets: corev1.Secret;
  persistentVolumes: corev1.PersistentVolume;
  persistentVolumeClaims: corev1.PersistentVolumeClaim;
  events: corev1.Event;
  serviceAccounts: corev1.ServiceAccount;
  deployments: appsv1.Deployment;
  replicaSets: appsv1.ReplicaSet;
  statefulSets: appsv1.StatefulSet;
  daemonSets: appsv1.DaemonSet;
  controllerRevisions: appsv1.ControllerRevision;
  jobs: batchv1.Job;
  cronJobs: batchv1.CronJob;
  ingresses: networkingv1.Ingress;
  ingressClasses: networkingv1.IngressClass;
  endpointSlices: discoveryv1.EndpointSlice;
  leases: coordinationv1.Lease;
  storageClasses: storagev1.StorageClass;
}

export type TypedResourceName = keyof TypedResources;

/** Kinds that are not namespaced: their typed method takes no namespace. */
export type ClusterScopedName = 'namespaces' | 'nodes' | 'persistentVolumes' | 'ingressClasses' | 'storageClasses';

export type NamespacedName = Exclude<TypedResourceName, ClusterScopedName>;

/** Kinds with the scale subresource (getScale / updateScale). */
export type ScalableName = 'deployments' | 'replicaSets' | 'statefulSets';

/** `ConfigMap` + `configmaps` → `configMaps`. */
export function typedName(info: Pick<ResourceInfo, 'kind' | 'plural'>): string {
  const head = info.kind.charAt(0).toLowerCase() + info.kind.slice(1);
  return head + info.plural.slice(info.kind.length);
}
