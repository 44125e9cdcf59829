/**
 * Part `statefulset.identity`: what makes a StatefulSet pod *that* pod — its stable network and
 * storage identity (upstream: pkg/controller/statefulset/stateful_set_utils.go getPodName,
 * getParentNameAndOrdinal, isMemberOf, identityMatches, storageMatches, getPersistentVolumeClaimName,
 * getPersistentVolumeClaims, updateStorage, initIdentity / updateIdentity, newStatefulSetPod;
 * website concepts/workloads/controllers/statefulset.md "Pod Identity").
 *
 * For a StatefulSet `web` (namespace default, serviceName `nginx`, selector app=nginx, one
 * volumeClaimTemplate `www`) and ordinal 0 (ordinals start at spec.ordinals.start, default 0):
 *
 *   pod name         web-0                                  `<set>-<ordinal>`
 *   spec.hostname    web-0                                  = the pod name
 *   spec.subdomain   nginx                                  = spec.serviceName, so DNS gives
 *                                                           web-0.nginx.default.svc.cluster.local
 *   labels           app=nginx (the template's),
 *                    statefulset.kubernetes.io/pod-name=web-0,
 *                    apps.kubernetes.io/pod-index=0
 *   claim            www-web-0                              `<template>-<set>-<ordinal>`, in the
 *                                                           set's namespace, labelled with the
 *                                                           template's labels plus the selector's
 *                                                           matchLabels
 *   pod volume       www → persistentVolumeClaim www-web-0  (replaces a template volume of that name)
 *
 *   getParentNameAndOrdinal('web-0')      → { parent: 'web', ordinal: 0 }
 *   getParentNameAndOrdinal('my-db-12')   → { parent: 'my-db', ordinal: 12 }
 *   getParentNameAndOrdinal('web')        → undefined (no ordinal)
 *   isMemberOf(web, pod 'web-2')          → true;  isMemberOf(web, pod 'web-canary-2') → false
 *
 * The StatefulSet controller (statefulset-controller.ts) adds what is not identity: the
 * controller ownerReference and the controller-revision-hash label of the revision the pod runs.
 * Every function is pure: it never mutates the set or pod it is given.
 */
import type { appsv1, corev1 } from '../../api/types.ts';

/** Label carrying the pod's name, so a Service can select one member (StatefulSetPodNameLabel). */
export const STATEFULSET_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** Label carrying the pod's ordinal (PodIndexLabel, since 1.28). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

export interface ParentAndOrdinal {
  /** The StatefulSet's name: everything before the last `-`. */
  readonly parent: string;
  /** The non-negative integer after the last `-`. */
  readonly ordinal: number;
}

export interface StatefulSetIdentity {
  /** `<set>-<ordinal>` (getPodName). */
  podName(set: appsv1.StatefulSet, ordinal: number): string;
  /** Splits a pod name into its parent set's name and its ordinal, or undefined when it has none. */
  getParentNameAndOrdinal(podName: string): ParentAndOrdinal | undefined;
  /** The pod's name says it belongs to this set (same parent name) — whatever its ordinal. */
  isMemberOf(set: appsv1.StatefulSet, pod: corev1.Pod): boolean;
  /** `<template>-<set>-<ordinal>` (getPersistentVolumeClaimName). */
  claimName(set: appsv1.StatefulSet, templateName: string, ordinal: number): string;
  /** The claims the pod of `ordinal` needs, one per volumeClaimTemplate, in template order. */
  claimsFor(set: appsv1.StatefulSet, ordinal: number): corev1.PersistentVolumeClaim[];
  /**
   * The pod of `ordinal` built from spec.template: name, namespace, the template's labels and
   * annotations plus the two identity labels, hostname, subdomain, and one persistentVolumeClaim
   * volume per claim template (newStatefulSetPod without the ownerReference).
   */
  newPod(set: appsv1.StatefulSet, ordinal: number): corev1.Pod;
  /** The pod still has the identity its name promises: name, namespace and pod-name label (identityMatches). */
  identityMatches(set: appsv1.StatefulSet, pod: corev1.Pod): boolean;
}
