/**
 * Typed Kubernetes objects, from kubernetes-types (generated from the upstream OpenAPI of
 * Kubernetes 1.30). Only types: nothing here exists at run time.
 */
export type * as corev1 from 'kubernetes-types/core/v1';
export type * as appsv1 from 'kubernetes-types/apps/v1';
export type * as batchv1 from 'kubernetes-types/batch/v1';
export type * as networkingv1 from 'kubernetes-types/networking/v1';
export type * as discoveryv1 from 'kubernetes-types/discovery/v1';
export type * as coordinationv1 from 'kubernetes-types/coordination/v1';
export type * as storagev1 from 'kubernetes-types/storage/v1';
export type * as metav1 from 'kubernetes-types/meta/v1';
