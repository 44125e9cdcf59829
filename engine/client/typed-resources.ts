/**
 * The typed names of the client: one method per kind in engine/api/resources.ts, named after the
 * resource as the REST API and kubectl spell it (`client.pods(ns)`, `client.configmaps(ns)`,
 * `client.replicasets(ns)` — client-go's `CoreV1().Pods(ns)`, `AppsV1().ReplicaSets(ns)`), and
 * the TypeScript type of each kind from kubernetes-types.
 *
 * The runtime methods are generated from RESOURCES; a test checks that every kind of the table
 * has its typed entry here.
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
  configmaps: corev1.ConfigMap;
  secrets: corev1.Secret;
  persistentvolumes: corev1.PersistentVolume;
  persistentvolumeclaims: corev1.PersistentVolumeClaim;
  events: corev1.Event;
  serviceaccounts: corev1.ServiceAccount;
  deployments: appsv1.Deployment;
  replicasets: appsv1.ReplicaSet;
  statefulsets: appsv1.StatefulSet;
  daemonsets: appsv1.DaemonSet;
  controllerrevisions: appsv1.ControllerRevision;
  jobs: batchv1.Job;
  cronjobs: batchv1.CronJob;
  ingresses: networkingv1.Ingress;
  ingressclasses: networkingv1.IngressClass;
  endpointslices: discoveryv1.EndpointSlice;
  leases: coordinationv1.Lease;
  storageclasses: storagev1.StorageClass;
}

export type TypedResourceName = keyof TypedResources;

/** Kinds that are not namespaced: their typed method takes no namespace. */
export type ClusterScopedName = 'namespaces' | 'nodes' | 'persistentvolumes' | 'ingressclasses' | 'storageclasses';

export type NamespacedName = Exclude<TypedResourceName, ClusterScopedName>;

/** Kinds with the scale subresource (getScale / updateScale). */
export type ScalableName = 'deployments' | 'replicasets' | 'statefulsets';

/** The typed method of a resource: its plural, e.g. `configmaps`. */
export function typedName(info: Pick<ResourceInfo, 'plural'>): string {
  return info.plural;
}
