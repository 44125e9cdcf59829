/**
 * Exercise `service.endpoints`: the subsets of a Service's Endpoints. Read
 * engine/controllers/endpoints/endpoints-subsets.ts for the contract and a worked example;
 * podsForService, podIP, isPodReady and podReference in engine/controllers/endpoints/endpoint-util.ts
 * may help.
 */
import type { corev1 } from '../../engine/api/types.ts';

export function endpointsSubsets(service: corev1.Service, pods: readonly corev1.Pod[]): corev1.EndpointSubset[] {
  void service, pods;
  // TODO: take the pods the Service's selector picks that can receive traffic now (an IP, not
  // finished, not terminating unless publishNotReadyAddresses).
  // TODO: resolve every Service port on each pod (a named targetPort through the pod's container
  // ports) and list the pod under `addresses` when Ready, else under `notReadyAddresses`.
  // TODO: group pods with the same resolved ports into one subset, in a canonical order.
  throw new Error('TODO: service.endpoints endpointsSubsets');
}
