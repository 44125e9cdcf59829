/**
 * Reference for the `proxy.rules` part (engine/proxy/rule-table.ts has the contract and a worked
 * example). The shape follows upstream pkg/proxy: first the ServicePortMap (one entry per Service
 * port, servicechangetracker.go newBaseServiceInfo), then the EndpointsMap (endpoints per
 * ServicePortName, endpointslicecache.go), then, per Service port, CategorizeEndpoints
 * (topology.go) decides which of them take traffic on this node.
 */
import type { corev1, discoveryv1 } from '../../engine/api/types.ts';
import {
  DEFAULT_AFFINITY_TIMEOUT_SECONDS,
  SERVICE_NAME_LABEL,
  endpointString,
  type BuildRuleTable,
  type Protocol,
  type ProxyNode,
  type RuleEndpoint,
  type ServicePortRule,
  type SessionAffinity,
} from '../../engine/proxy/rule-table.ts';

/** An endpoint with its conditions, as EndpointSliceCache keeps it. */
interface CachedEndpoint extends RuleEndpoint {
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

export const buildRuleTable: BuildRuleTable = (services, slices, node) => {
  const rules: ServicePortRule[] = [];
  // The slices of each Service, found by their kubernetes.io/service-name label (upstream's
  // EndpointSliceCache is keyed the same way) — one pass, not one scan per Service.
  const slicesByService = new Map<string, discoveryv1.EndpointSlice[]>();
  for (const s of slices) {
    const owner = s.metadata?.labels?.[SERVICE_NAME_LABEL];
    if (!owner || s.addressType !== 'IPv4') continue;
    const key = `${s.metadata?.namespace ?? 'default'}/${owner}`;
    const list = slicesByService.get(key);
    if (list) list.push(s);
    else slicesByService.set(key, [s]);
  }
  for (const svc of services) {
    const spec = svc.spec;
    const ns = svc.metadata?.namespace ?? 'default';
    const name = svc.metadata?.name ?? '';
    // ExternalName has no virtual IP; headless (None) and not-yet-allocated Services neither:
    // upstream's service change tracker skips them (ShouldSkipService).
    if (!spec || spec.type === 'ExternalName' || !spec.clusterIP || spec.clusterIP === 'None') continue;
    const affinity = sessionAffinityOf(spec);
    const hasNodePorts = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
    const mySlices = slicesByService.get(`${ns}/${name}`) ?? [];
    for (const sp of spec.ports ?? []) {
      const portName = sp.name ?? '';
      const protocol = (sp.protocol ?? 'TCP') as Protocol;
      // Ports are matched by NAME: a targetPort given by name may resolve to a different number
      // in each pod, so only the name identifies "the same" port across the Service and slices.
      const endpoints = endpointsFor(mySlices, portName, protocol);
      const { usable: clusterEndpoints, anywhere } = usableEndpoints(endpoints, spec.internalTrafficPolicy === 'Local' ? node : undefined);
      const nodePortEndpoints =
        hasNodePorts && sp.nodePort ? usableEndpoints(endpoints, spec.externalTrafficPolicy === 'Local' ? node : undefined).usable : [];
      const rule: ServicePortRule = {
        servicePortName: `${ns}/${name}:${portName}`,
        clusterIP: spec.clusterIP,
        port: sp.port,
        protocol,
        clusterEndpoints,
        nodePortEndpoints,
        hasEndpoints: anywhere,
        sessionAffinity: affinity,
      };
      if (hasNodePorts && sp.nodePort) rule.nodePort = sp.nodePort;
      rules.push(rule);
    }
  }
  rules.sort((a, b) => (a.servicePortName < b.servicePortName ? -1 : a.servicePortName > b.servicePortName ? 1 : 0));
  return { rules };
};

function sessionAffinityOf(spec: corev1.ServiceSpec): SessionAffinity {
  if (spec.sessionAffinity !== 'ClientIP') return { type: 'None' };
  return { type: 'ClientIP', timeoutSeconds: spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_TIMEOUT_SECONDS };
}

/**
 * Every endpoint of one Service port across the Service's slices, deduplicated by ip:port and
 * sorted. Unset conditions read as upstream documents them: ready and serving default to true,
 * terminating to false.
 */
function endpointsFor(slices: readonly discoveryv1.EndpointSlice[], portName: string, protocol: Protocol): CachedEndpoint[] {
  const byKey = new Map<string, CachedEndpoint>();
  for (const slice of slices) {
    const port = (slice.ports ?? []).find((p) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === protocol);
    if (port?.port === undefined || port.port === null) continue;
    for (const ep of slice.endpoints ?? []) {
      const ip = ep.addresses?.[0];
      if (!ip) continue;
      const ready = ep.conditions?.ready ?? true;
      const cached: CachedEndpoint = {
        ip,
        port: port.port,
        ready,
        serving: ep.conditions?.serving ?? ready,
        terminating: ep.conditions?.terminating ?? false,
      };
      if (ep.nodeName) cached.nodeName = ep.nodeName;
      const key = endpointString(cached);
      const seen = byKey.get(key);
      // The same address in two slices (a pod moving between slices) counts once. Upstream keeps
      // whichever copy it meets first (Go map order); preferring a ready copy keeps this pure
      // function independent of the order of its inputs.
      if (!seen || (!seen.ready && cached.ready)) byKey.set(key, cached);
    }
  }
  // Sorted as strings, like upstream's byEndpoint: a stable order makes the table comparable
  // from one sync to the next.
  return [...byKey.values()].sort((a, b) => compareStrings(endpointString(a), endpointString(b)));
}

/**
 * CategorizeEndpoints for one traffic policy: ready endpoints, else (none ready) the serving
 * terminating ones — restricted to this node's when `local` is given. `anywhere`: the Service
 * port has usable endpoints somewhere in the cluster.
 */
function usableEndpoints(endpoints: readonly CachedEndpoint[], local: ProxyNode | undefined): { usable: RuleEndpoint[]; anywhere: boolean } {
  const anywhere = endpoints.some((e) => e.ready || (e.serving && e.terminating));
  const candidates = local ? endpoints.filter((e) => e.nodeName === local.name) : endpoints;
  let chosen = candidates.filter((e) => e.ready);
  if (chosen.length === 0) chosen = candidates.filter((e) => e.serving && e.terminating);
  return { usable: chosen.map(toRuleEndpoint), anywhere };
}

function toRuleEndpoint(e: CachedEndpoint): RuleEndpoint {
  const out: RuleEndpoint = { ip: e.ip, port: e.port };
  if (e.nodeName) out.nodeName = e.nodeName;
  return out;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
