/**
 * Which informer events matter to kube-proxy — the filter of upstream's ServiceChangeTracker
 * and EndpointsChangeTracker (pkg/proxy/servicechangetracker.go, endpointschangetracker.go):
 * their Update(previous, current) converts both objects to what the proxier uses (a
 * ServicePortMap, an endpoints list) and only records a change when those differ, so a Service
 * whose status or annotations change, or a relist that returns the same objects, triggers no
 * sync. tinykube keeps the comparison and leaves the rebuilding to the `proxy.rules` part.
 */
import type { corev1, discoveryv1 } from '../api/types.ts';

/** The fields of a Service the rule table reads. */
export function serviceProxyView(s: corev1.Service | undefined): string {
  const spec = s?.spec;
  return JSON.stringify([
    s?.metadata?.namespace,
    s?.metadata?.name,
    spec?.type,
    spec?.clusterIP,
    spec?.ports,
    spec?.sessionAffinity,
    spec?.sessionAffinityConfig,
    spec?.externalTrafficPolicy,
    spec?.internalTrafficPolicy,
  ]);
}

/** The fields of an EndpointSlice the rule table reads. */
export function endpointSliceProxyView(s: discoveryv1.EndpointSlice | undefined): string {
  return JSON.stringify([s?.metadata?.namespace, s?.metadata?.labels?.['kubernetes.io/service-name'], s?.addressType, s?.ports, s?.endpoints]);
}
