/**
 * The object shape the client side is generic over. engine/api's KubeObject has an index
 * signature, which the kubernetes-types interfaces (corev1.Pod, ...) do not satisfy; every typed
 * kind does satisfy this narrower shape, so informers, listers and clients accept both.
 */
import type { ObjectMeta } from '../api/object.ts';

export interface ApiObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}
