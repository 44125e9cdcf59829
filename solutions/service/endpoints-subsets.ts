/**
 * Reference for the `service.endpoints` part: the subsets of a Service's Endpoints. The contract
 * and a worked example are in engine/controllers/endpoints/endpoints-subsets.ts.
 *
 * Why it looks like this (upstream pkg/controller/endpoint/endpoints_controller.go syncService):
 *  - The controller reconciles from current state: given the Service and the pods of its
 *    namespace, the subsets are a pure function of them. The controller compares the result with
 *    the stored Endpoints and writes only when it differs — which is why the output must be
 *    canonical (sorted), or every sync would look like a change.
 *  - A pod without an IP cannot receive traffic; a finished pod never will again; a terminating
 *    pod is on its way out, and kube-proxy must stop sending it new connections at once
 *    (ShouldPodBeInEndpoints). publishNotReadyAddresses is for peers that must find each other
 *    before they are ready (StatefulSet clusters), so it keeps them all.
 *  - Ready vs not-ready is the pod's Ready condition, which the kubelet sets from readiness
 *    probes: not-ready pods are listed (so tools can see them) but kube-proxy only balances over
 *    `addresses`.
 *  - A named targetPort is resolved per pod (FindPort): two pods of one Service may serve `http`
 *    on different container ports during a rollout, and each must be reached on its own; pods
 *    resolving to the same ports are grouped (RepackSubsets), one subset per distinct port set.
 */
import type { corev1 } from '../../engine/api/types.ts';
import { isPodReady, podIP, podReference, podsForService } from '../../engine/controllers/endpoints/endpoint-util.ts';

/** FindPort: the container port `servicePort` reaches on `pod`, or undefined when a name finds none. */
function findPort(pod: corev1.Pod, servicePort: corev1.ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = servicePort.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** ShouldPodBeInEndpoints. */
function shouldPodBeInEndpoints(pod: corev1.Pod, includeTerminating: boolean): boolean {
  if (!podIP(pod)) return false;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  return includeTerminating || !pod.metadata?.deletionTimestamp;
}

interface Group {
  ports: corev1.EndpointPort[];
  ready: corev1.EndpointAddress[];
  notReady: corev1.EndpointAddress[];
}

export function endpointsSubsets(service: corev1.Service, pods: readonly corev1.Pod[]): corev1.EndpointSubset[] {
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const servicePorts = service.spec?.ports ?? [];
  const headless = service.spec?.clusterIP === 'None';
  const groups = new Map<string, Group>();
  for (const pod of podsForService(service, pods)) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const address: corev1.EndpointAddress = { ip: podIP(pod)!, targetRef: podReference(pod) };
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
    if (ports.length === 0 && !(servicePorts.length === 0 && headless)) continue;
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
