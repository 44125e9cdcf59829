/**
 * The `service.endpoints` part: the subsets of a Service's Endpoints object (upstream: syncService
 * in pkg/controller/endpoint/endpoints_controller.go, then RepackSubsets in pkg/api/v1/endpoints;
 * the pod filter is ShouldPodBeInEndpoints in pkg/controller/util/endpoint/controller_utils.go,
 * the port lookup FindPort in pkg/api/v1/pod/util.go).
 *
 *   endpointsSubsets(service, pods) → corev1.EndpointSubset[]
 *
 * `pods` are the pods of the Service's namespace (any labels); the part picks the ones the
 * Service's selector matches. Contract:
 *  - a pod without an IP, a pod that finished (phase Succeeded or Failed) and a terminating pod
 *    (metadata.deletionTimestamp set) are no endpoint — unless the Service sets
 *    publishNotReadyAddresses, which keeps terminating pods;
 *  - each other pod contributes one address {ip, nodeName (when scheduled), targetRef {kind Pod,
 *    namespace, name, uid}} per Service port it serves: a numeric targetPort (or none: the
 *    Service's port) is used as is; a named targetPort is looked up in the pod's container ports
 *    of the same protocol (default TCP), and a pod without that name serves no port for it;
 *  - a Ready pod (condition Ready=True) goes to `addresses`, any other to `notReadyAddresses`;
 *    with publishNotReadyAddresses every pod goes to `addresses`;
 *  - endpoint ports carry the Service port's name (when set), the resolved port, the protocol
 *    (default TCP) and appProtocol (when set);
 *  - pods that resolve to the same set of ports share one subset; a pod serving none of the
 *    ports is left out, except for a headless Service (clusterIP None) without ports, whose pods
 *    are listed in one subset without ports;
 *  - the output is canonical: subsets ordered by their port set (JSON of the ports sorted by name
 *    then port), ports sorted by name then port, addresses by ip then pod name; empty lists are
 *    omitted. Equal inputs give equal objects, so the controller writes only on real changes.
 *
 * Worked example: Service web {selector app=web, ports [{name: http, port: 80, targetPort: http}]};
 * pods a (10.244.1.2, Ready, container port http=8080), b (10.244.2.3, not Ready, http=8080),
 * c (10.244.1.4, Ready, no port named http), d (10.244.2.5, Ready, terminating) →
 *   [{ addresses: [a], notReadyAddresses: [b], ports: [{name: http, port: 8080, protocol: TCP}] }]
 */
import type { corev1 } from '../../api/types.ts';

/** The part's signature. */
// #region endpoints-subsets
export type EndpointsSubsets = (service: corev1.Service, pods: readonly corev1.Pod[]) => corev1.EndpointSubset[];
// #endregion endpoints-subsets
