/**
 * A node's installed rules as the network consults them: the KUBE-SERVICES / KUBE-NODEPORTS
 * dispatch of upstream's iptables proxier (pkg/proxy/iptables/proxier.go syncProxyRules),
 * applied to one connection at a time. Built from a RuleTable (the `proxy.rules` part); the
 * endpoint of each new connection is chosen by the LoadBalancer (the `proxy.affinity` part).
 *
 * For a connection to ip:port seen by this node:
 *  - ip is a ClusterIP of the table:
 *      a rule for that port (TCP)      → DNAT to clusterEndpoints' choice;
 *      no endpoints anywhere           → REJECT: `dial tcp <ip>:<port>: connect: connection refused`;
 *      endpoints only on other nodes   → DROP (internalTrafficPolicy Local): the dial times out;
 *      no rule for that port           → REJECT, as the nftables proxier does for a ClusterIP's
 *                                        undefined ports (pkg/proxy/nftables/proxier.go
 *                                        "cluster-ips" set; iptables lets them time out).
 *  - ip is this node's IP and port a NodePort of the table → the same with nodePortEndpoints
 *    (externalTrafficPolicy).
 *  - anything else passes untouched.
 * The client IP for affinity is the source pod's IP, or the node's IP for host connections.
 */
import { NetworkError } from '../runtime/network.ts';
import type { Destination, Router } from '../runtime/simulated-network.ts';
import { endpointString, type ProxyNode, type RuleEndpoint, type RuleTable, type ServicePortRule } from './rule-table.ts';
import type { LoadBalancer } from './session-affinity.ts';

/** An address nobody owns: DNAT there and the dial times out (iptables DROP). */
const BLACKHOLE = '0.0.0.0';

export interface RuleIndex {
  readonly table: RuleTable;
  /** ClusterIP → port → rule (TCP rules only: the simulated network carries TCP). */
  readonly clusterIPs: ReadonlyMap<string, ReadonlyMap<number, ServicePortRule>>;
  /** nodePort → rule. */
  readonly nodePorts: ReadonlyMap<number, ServicePortRule>;
  /** Per endpoint list of the table: its `ip:port` keys, in order (what the balancer is given). */
  readonly keys: WeakMap<readonly RuleEndpoint[], { keys: string[]; byKey: Map<string, RuleEndpoint> }>;
}

export function indexRuleTable(table: RuleTable): RuleIndex {
  const clusterIPs = new Map<string, Map<number, ServicePortRule>>();
  const nodePorts = new Map<number, ServicePortRule>();
  for (const rule of table.rules) {
    let ports = clusterIPs.get(rule.clusterIP);
    if (!ports) clusterIPs.set(rule.clusterIP, (ports = new Map()));
    if (rule.protocol !== 'TCP') continue;
    ports.set(rule.port, rule);
    if (rule.nodePort) nodePorts.set(rule.nodePort, rule);
  }
  return { table, clusterIPs, nodePorts, keys: new WeakMap() };
}

export interface ServiceRouterOptions {
  node: ProxyNode;
  balancer: LoadBalancer;
  /** The rules currently installed (swapped whole by each sync, like iptables-restore). */
  rules: () => RuleIndex;
  now: () => number;
  /** Called after each DNAT (kube-proxy counts them for its status). */
  onDnat?: (rule: ServicePortRule, endpoint: RuleEndpoint) => void;
}

export function createServiceRouter(options: ServiceRouterOptions): Router {
  const { node, balancer } = options;
  const refused = (d: Destination) => new NetworkError('ECONNREFUSED', `dial tcp ${d.ip}:${d.port}: connect: connection refused`);

  const dnat = (rule: ServicePortRule, endpoints: readonly RuleEndpoint[], dest: Destination, fromIp: string | undefined): Destination | NetworkError => {
    if (endpoints.length === 0) return rule.hasEndpoints ? { ip: BLACKHOLE, port: dest.port } : refused(dest);
    const index = options.rules();
    let list = index.keys.get(endpoints);
    if (!list) {
      const byKey = new Map(endpoints.map((e) => [endpointString(e), e] as const));
      index.keys.set(endpoints, (list = { keys: [...byKey.keys()], byKey }));
    }
    const { keys, byKey } = list;
    const chosen = balancer.nextEndpoint(rule.servicePortName, keys, rule.sessionAffinity, fromIp ?? node.ip, options.now());
    const ep = chosen === undefined ? undefined : byKey.get(chosen);
    if (!ep) throw new Error(`proxy.affinity returned ${JSON.stringify(chosen)}, which is not one of ${keys.join(', ')}`);
    options.onDnat?.(rule, ep);
    return { ip: ep.ip, port: ep.port };
  };

  return (dest, fromIp) => {
    const index = options.rules();
    const ports = index.clusterIPs.get(dest.ip);
    if (ports) {
      const rule = ports.get(dest.port);
      return rule ? dnat(rule, rule.clusterEndpoints, dest, fromIp) : refused(dest);
    }
    if (dest.ip === node.ip) {
      const rule = index.nodePorts.get(dest.port);
      if (rule) return dnat(rule, rule.nodePortEndpoints, dest, fromIp);
    }
    return undefined;
  };
}
