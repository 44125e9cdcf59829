/**
 * The `proxy.affinity` part: which endpoint a new connection to a Service port goes to — the
 * KUBE-SVC-* chain of upstream's iptables proxier (pkg/proxy/iptables/proxier.go
 * writeServiceToEndpointRules), named after the userspace proxier's LoadBalancerRR.NextEndpoint
 * (pkg/proxy/userspace/roundrobin.go, removed in 1.26) which made the same decision in Go.
 *
 *  - sessionAffinity None: connections spread over the endpoints. iptables picks at random
 *    (`-m statistic --mode random --probability 1/n`), ipvs and the old userspace proxy round-
 *    robin; either is fine, but randomness must come from the injected Random (a seeded run
 *    always makes the same choices).
 *  - sessionAffinity ClientIP: a client IP that used an endpoint of this Service port within the
 *    last `timeoutSeconds` goes to the same endpoint again. The timeout is measured from the
 *    LAST use, not the first: iptables' KUBE-SVC chain checks `-m recent --rcheck --seconds
 *    <timeout> --reap` and every connection through the endpoint's KUBE-SEP chain refreshes the
 *    entry with `-m recent --set`; ipvs persistence (`-p <timeout>`) behaves the same way.
 *    Connections exactly `timeoutSeconds` after the last use are new choices (`--seconds`
 *    matches "seen within the last N seconds", strictly less). A remembered endpoint that is no
 *    longer in the list is forgotten and a new one is chosen (its KUBE-SEP chain is gone).
 *    Affinity is per Service port and per client IP: two clients, or two ports, are independent.
 *
 * Worked example (endpoints a, b, c; ClientIP, timeout 10 s; times in ms):
 *   t=0      client 10.244.1.4 → b (a fresh choice)      t=8000   10.244.1.4 → b (refreshed)
 *   t=17000  10.244.1.4 → b (9 s after the last use)      t=27000  10.244.1.4 → any (10 s passed)
 *   endpoints become [a, c] while 10.244.1.4 is bound to b → a or c, and it sticks to that one.
 */
import type { Random } from '../util/random.ts';
import type { SessionAffinity } from './rule-table.ts';

// #region load-balancer
export interface LoadBalancer {
  /**
   * The endpoint (`ip:port`, one of `endpoints`) for a new connection from `clientIP` to the
   * Service port `servicePortName` at time `now` (ms); undefined when `endpoints` is empty.
   * `endpoints` is the rule's current list, in the rule table's order.
   */
  nextEndpoint(servicePortName: string, endpoints: readonly string[], affinity: SessionAffinity, clientIP: string, now: number): string | undefined;
}
// #endregion load-balancer

export interface LoadBalancerOptions {
  /** The only source of randomness allowed (seeded by the cluster). */
  random: Random;
}

/** The part's signature: one balancer per kube-proxy, holding its affinity state. */
export type LoadBalancerFactory = (options: LoadBalancerOptions) => LoadBalancer;
