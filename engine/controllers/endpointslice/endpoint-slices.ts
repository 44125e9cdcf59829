/**
 * The desired EndpointSlices of a Service (upstream: pkg/controller/endpointslice/reconciler.go
 * reconcile, and podToEndpoint in pkg/controller/util/endpointslice/utils.go).
 *
 * Every pod that ShouldPodBeInEndpoints (terminating ones included) becomes one endpoint with
 * conditions: ready = pod Ready and not terminating; serving = pod Ready; terminating =
 * deletionTimestamp set. Endpoints are grouped by their resolved port set (one slice per set, as
 * upstream does). Upstream also caps a slice at 100 endpoints (maxEndpointsPerSlice); tinykube
 * does not split big groups.
 */
import type { corev1, discoveryv1 } from '../../api/types.ts';
import { findPort, isHeadless, isPodReady, podIP, podReference, podsForService, shouldPodBeInEndpoints } from '../endpoints/endpoint-util.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'endpointslice-controller.k8s.io';

export interface DesiredSlice {
  ports: discoveryv1.EndpointPort[];
  endpoints: discoveryv1.Endpoint[];
}

/** Canonical key of a port set (upstream endpointutil.NewPortMapKey hashes the ports). */
export function portSetKey(ports: readonly discoveryv1.EndpointPort[]): string {
  return JSON.stringify([...ports].map((p) => [p.name ?? '', p.port ?? 0, p.protocol ?? 'TCP']).sort());
}

/**
 * podToEndpoint. A pod with spec.hostname whose spec.subdomain names this Service (a StatefulSet's
 * pods and their governing headless Service) gets `hostname`, which cluster DNS publishes as
 * `<hostname>.<service>.<namespace>.svc.cluster.local`.
 */
export function podToEndpoint(pod: corev1.Pod, service?: corev1.Service): discoveryv1.Endpoint {
  const terminating = !!pod.metadata?.deletionTimestamp;
  const ready = isPodReady(pod);
  const ep: discoveryv1.Endpoint = {
    addresses: [podIP(pod)!],
    conditions: { ready: ready && !terminating, serving: ready, terminating },
    targetRef: podReference(pod),
  };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  if (service && pod.spec?.hostname && pod.spec.subdomain === service.metadata?.name && pod.metadata?.namespace === service.metadata?.namespace) ep.hostname = pod.spec.hostname;
  return ep;
}

export function desiredSlices(service: corev1.Service, pods: readonly corev1.Pod[]): DesiredSlice[] {
  const servicePorts = service.spec?.ports ?? [];
  const groups = new Map<string, DesiredSlice>();
  for (const pod of podsForService(service, pods)) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports: discoveryv1.EndpointPort[] = [];
    for (const sp of servicePorts) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const p: discoveryv1.EndpointPort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
      if (sp.appProtocol) p.appProtocol = sp.appProtocol;
      ports.push(p);
    }
    if (ports.length === 0 && !(servicePorts.length === 0 && isHeadless(service))) continue;
    const key = portSetKey(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, endpoints: [] }));
    g.endpoints.push(podToEndpoint(pod, service));
  }
  for (const g of groups.values()) g.endpoints.sort((a, b) => a.addresses[0]!.localeCompare(b.addresses[0]!));
  return [...groups.values()];
}
