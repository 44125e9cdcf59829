/**
 * The subsets of a Service's Endpoints object (upstream: syncService in
 * pkg/controller/endpoint/endpoints_controller.go, then RepackSubsets in pkg/api/v1/endpoints).
 *
 * Each pod contributes one address (ip, nodeName, targetRef) per Service port it resolves; ready
 * pods go to `addresses`, others to `notReadyAddresses` (all to `addresses` when the Service sets
 * publishNotReadyAddresses). Addresses sharing the same resolved port set form one subset.
 * Terminating pods are left out (unless publishNotReadyAddresses). A headless Service without
 * ports still lists its pods, in a subset without ports.
 * Output is canonical (subsets, addresses and ports sorted) so equal inputs give equal objects.
 */
import type { corev1 } from '../../api/types.ts';
import { findPort, isHeadless, isPodReady, podIP, podReference, podsForService, shouldPodBeInEndpoints } from './endpoint-util.ts';

export function endpointsSubsets(service: corev1.Service, pods: readonly corev1.Pod[]): corev1.EndpointSubset[] {
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const servicePorts = service.spec?.ports ?? [];
  const groups = new Map<string, { ports: corev1.EndpointPort[]; ready: corev1.EndpointAddress[]; notReady: corev1.EndpointAddress[] }>();
  for (const pod of podsForService(service, pods)) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const ip = podIP(pod)!;
    const address: corev1.EndpointAddress = { ip, targetRef: podReference(pod) };
    if (pod.spec?.nodeName) address.nodeName = pod.spec.nodeName;
    const ports: corev1.EndpointPort[] = [];
    for (const sp of servicePorts) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const ep: corev1.EndpointPort = { port, protocol: sp.protocol ?? 'TCP' };
      if (sp.name) ep.name = sp.name;
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      ports.push(ep);
    }
    // A pod that serves none of the ports is no endpoint, except for a port-less headless Service.
    if (ports.length === 0 && !(servicePorts.length === 0 && isHeadless(service))) continue;
    ports.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port);
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, ready: [], notReady: [] }));
    (publishNotReady || isPodReady(pod) ? g.ready : g.notReady).push(address);
  }
  const byIP = (a: corev1.EndpointAddress, b: corev1.EndpointAddress) => a.ip.localeCompare(b.ip) || (a.targetRef?.name ?? '').localeCompare(b.targetRef?.name ?? '');
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, g]) => {
      const subset: corev1.EndpointSubset = {};
      if (g.ready.length) subset.addresses = g.ready.sort(byIP);
      if (g.notReady.length) subset.notReadyAddresses = g.notReady.sort(byIP);
      if (g.ports.length) subset.ports = g.ports;
      return subset;
    });
}
