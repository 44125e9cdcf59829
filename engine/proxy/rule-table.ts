/**
 * The `proxy.rules` part: what kube-proxy programs on one node, as a pure function of the
 * Services and EndpointSlices it watches — upstream pkg/proxy: ServiceChangeTracker and
 * EndpointsChangeTracker fold the informers' events into a ServicePortMap and an EndpointsMap
 * (servicechangetracker.go, endpointschangetracker.go, endpointslicecache.go), then
 * syncProxyRules (pkg/proxy/iptables/proxier.go) walks them to write the KUBE-SERVICES,
 * KUBE-NODEPORTS, KUBE-SVC-* and KUBE-SEP-* chains. tinykube's rule table is that output, minus
 * the iptables syntax:
 *
 *  - one ServicePortRule per Service port ("ServicePortName" `namespace/name:portName`) of a
 *    Service that has a ClusterIP: types ClusterIP, NodePort and LoadBalancer. Headless Services
 *    (`clusterIP: None`) and ExternalName Services get no rule: DNS answers for them instead.
 *  - the endpoints of a Service port come from the EndpointSlices labelled
 *    `kubernetes.io/service-name: <service>` in the Service's namespace, addressType IPv4, from
 *    the slice port whose NAME (and protocol) equals the Service port's name — the slice port's
 *    number is the endpoint's port (a targetPort by name resolves per pod). An address listed in
 *    two slices counts once (by ip:port).
 *  - which endpoints take traffic — upstream CategorizeEndpoints (pkg/proxy/topology.go): the
 *    ready ones (conditions.ready unset counts as ready); only when NONE is ready anywhere, the
 *    ones that are serving AND terminating (KEP-1669 ProxyTerminatingEndpoints, GA in 1.28).
 *    With `internalTrafficPolicy: Local` (ClusterIP traffic) or `externalTrafficPolicy: Local`
 *    (NodePort traffic) only the endpoints whose nodeName is this node count, with the same
 *    ready-then-serving-terminating fallback computed over the local ones.
 *  - `hasEndpoints`: the Service port has usable endpoints somewhere in the cluster. A rule with
 *    no usable endpoints at all REJECTs (the client sees `connect: connection refused`, iptables'
 *    KUBE-SERVICES "has no endpoints" -j REJECT); a Local policy with endpoints only on other
 *    nodes DROPs (the client times out).
 *  - sessionAffinity ClientIP carries its timeout (spec.sessionAffinityConfig.clientIP
 *    .timeoutSeconds, 10800 when unset).
 *
 * Endpoints are sorted by their `ip:port` string (upstream endpointslicecache.go sorts byEndpoint,
 * so `10.244.1.10:80` comes before `10.244.1.9:80`), rules by ServicePortName: the same inputs
 * always give the same table (the balancer's choices depend on the order).
 *
 * Worked example — node-1; Service default/web, ClusterIP 10.96.0.20, type NodePort, ports
 * [{name: http, port: 80, targetPort: 8080, nodePort: 30080}]; one slice labelled
 * kubernetes.io/service-name=web with ports [{name: http, port: 8080}] and endpoints
 *   10.244.1.5 ready · 10.244.2.7 ready · 10.244.2.9 ready=false serving=true terminating=true
 * gives one rule:
 *   { servicePortName: 'default/web:http', clusterIP: '10.96.0.20', port: 80, protocol: 'TCP',
 *     nodePort: 30080, hasEndpoints: true, sessionAffinity: { type: 'None' },
 *     clusterEndpoints:  [10.244.1.5:8080, 10.244.2.7:8080],
 *     nodePortEndpoints: [10.244.1.5:8080, 10.244.2.7:8080] }
 * Once both ready pods are gone, 10.244.2.9:8080 (still serving while it terminates) takes the
 * traffic; once it is gone too, both lists are empty, hasEndpoints is false: connection refused.
 */
import type { corev1, discoveryv1 } from '../api/types.ts';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** The node a kube-proxy runs on. */
export interface ProxyNode {
  name: string;
  /** The node's InternalIP: NodePorts answer on it. */
  ip: string;
}

/** One destination a rule may DNAT to. */
export interface RuleEndpoint {
  ip: string;
  port: number;
  /** The node the endpoint runs on (EndpointSlice endpoint.nodeName), when known. */
  nodeName?: string;
}

export type SessionAffinity = { type: 'None' } | { type: 'ClientIP'; timeoutSeconds: number };

// #region rule-table
export interface ServicePortRule {
  /** Upstream ServicePortName.String(): `namespace/name:portName` (`namespace/name:` when unnamed). */
  servicePortName: string;
  clusterIP: string;
  port: number;
  protocol: Protocol;
  /** Set for type NodePort and LoadBalancer Services that have one allocated. */
  nodePort?: number;
  /** Where connections to clusterIP:port go (internalTrafficPolicy applied). */
  clusterEndpoints: RuleEndpoint[];
  /** Where connections to <nodeIP>:nodePort go (externalTrafficPolicy applied); [] without a nodePort. */
  nodePortEndpoints: RuleEndpoint[];
  /** Usable endpoints exist somewhere in the cluster (false: REJECT, connection refused). */
  hasEndpoints: boolean;
  sessionAffinity: SessionAffinity;
}

export interface RuleTable {
  rules: ServicePortRule[];
}

/** The part's signature. Pure: no clock, no randomness, never mutates its inputs. */
export type BuildRuleTable = (
  services: readonly corev1.Service[],
  slices: readonly discoveryv1.EndpointSlice[],
  node: ProxyNode,
) => RuleTable;
// #endregion rule-table

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** Upstream's default for sessionAffinityConfig.clientIP.timeoutSeconds (3 hours). */
export const DEFAULT_AFFINITY_TIMEOUT_SECONDS = 10800;

/** `ip:port`, upstream Endpoint.String(): the identity of an endpoint in a rule and for affinity. */
export function endpointString(ep: { ip: string; port: number }): string {
  return `${ep.ip}:${ep.port}`;
}
