/**
 * From an Ingress backend to the pods that answer it. Like ingress-nginx (which programs its
 * upstreams from EndpointSlices and proxies to pod IPs directly, bypassing the ClusterIP and
 * kube-proxy), the controller resolves `service.name` + `service.port` to the Service's port, then
 * to the ready endpoints of the EndpointSlices labelled `kubernetes.io/service-name: <service>`:
 *
 *  - `port.number` selects the Service port with that `port`; `port.name` the one with that name.
 *  - the slice port carrying the same NAME as the Service port gives the endpoint's port (a
 *    targetPort by name resolves per pod, which is why slices carry numbers).
 *  - only endpoints whose `conditions.ready` is not false take traffic; an address listed in two
 *    slices counts once. Sorted by IP then port so the round-robin order is the same every run.
 *
 * A missing Service, a Service without that port, an ExternalName Service, a `resource` backend
 * (not supported by this controller) and a Service without ready endpoints all give no endpoints:
 * ingress-nginx then answers 503 Service Temporarily Unavailable.
 */
import type { corev1, discoveryv1, networkingv1 } from '../api/types.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export interface BackendEndpoint {
  ip: string;
  port: number;
}

export interface BackendListers {
  service(namespace: string, name: string): corev1.Service | undefined;
  /** The EndpointSlices of `namespace` labelled kubernetes.io/service-name=`service`. */
  slices(namespace: string, service: string): discoveryv1.EndpointSlice[];
}

export interface ResolvedBackend {
  /** `namespace/service:port`: the upstream's name, the round-robin key. */
  upstream: string;
  endpoints: BackendEndpoint[];
  /** Why there are no endpoints (for the controller's log), when there are none. */
  reason?: string;
}

export function resolveBackend(namespace: string, backend: networkingv1.IngressBackend, listers: BackendListers): ResolvedBackend {
  const ref = backend.service;
  if (!ref) return { upstream: `${namespace}/resource:${backend.resource?.kind ?? ''}/${backend.resource?.name ?? ''}`, endpoints: [], reason: 'resource backends are not supported' };
  const portText = ref.port?.name ?? String(ref.port?.number ?? '');
  const upstream = `${namespace}/${ref.name}:${portText}`;
  const svc = listers.service(namespace, ref.name);
  if (!svc) return { upstream, endpoints: [], reason: `service ${namespace}/${ref.name} not found` };
  if (svc.spec?.type === 'ExternalName') return { upstream, endpoints: [], reason: `service ${namespace}/${ref.name} is of type ExternalName` };
  const svcPort = (svc.spec?.ports ?? []).find((p) => (ref.port?.name ? p.name === ref.port.name : p.port === ref.port?.number));
  if (!svcPort) return { upstream, endpoints: [], reason: `service ${namespace}/${ref.name} does not have port ${portText}` };
  const portName = svcPort.name ?? '';
  const seen = new Set<string>();
  const endpoints: BackendEndpoint[] = [];
  for (const slice of listers.slices(namespace, ref.name)) {
    if (slice.addressType !== 'IPv4') continue;
    const port = (slice.ports ?? []).find((p) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === 'TCP')?.port;
    if (port === undefined || port === null) continue;
    for (const ep of slice.endpoints ?? []) {
      if (ep.conditions?.ready === false) continue;
      for (const ip of ep.addresses ?? []) {
        const key = `${ip}:${port}`;
        if (seen.has(key)) continue;
        seen.add(key);
        endpoints.push({ ip, port });
      }
    }
  }
  endpoints.sort((a, b) => compareIp(a.ip, b.ip) || a.port - b.port);
  return endpoints.length ? { upstream, endpoints } : { upstream, endpoints, reason: `service ${namespace}/${ref.name} has no ready endpoints` };
}

function compareIp(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
