/**
 * Reference for the `proxy.affinity` part (engine/proxy/session-affinity.ts has the contract).
 *
 * Without affinity this picks uniformly at random, as iptables' `statistic --mode random` rules
 * do (each of n endpoints gets 1/n of new connections); the Random is the cluster's seeded one,
 * so a run repeats exactly.
 *
 * With ClientIP it keeps, per Service port and client IP, the endpoint last used and when — the
 * equivalent of the `recent` lists iptables keeps per KUBE-SEP chain. A binding is honoured while
 * now - lastUsed < timeout (`--rcheck --seconds`), and every connection it routes refreshes
 * lastUsed (`--set` in the KUBE-SEP chain), so an active client never loses its endpoint. A
 * binding to an endpoint no longer in the list is dropped, as deleting the KUBE-SEP chain drops
 * its recent list.
 */
import type { LoadBalancer, LoadBalancerFactory } from '../../engine/proxy/session-affinity.ts';

interface Binding {
  endpoint: string;
  lastUsed: number;
  timeoutMs: number;
}

export const newLoadBalancer: LoadBalancerFactory = ({ random }) => {
  const bindings = new Map<string, Binding>();
  const balancer: LoadBalancer = {
    nextEndpoint(servicePortName, endpoints, affinity, clientIP, now) {
      if (endpoints.length === 0) return undefined;
      if (affinity.type !== 'ClientIP') return endpoints[random.int(endpoints.length)];
      const key = `${servicePortName}|${clientIP}`;
      const bound = bindings.get(key);
      const timeoutMs = affinity.timeoutSeconds * 1000;
      if (bound && now - bound.lastUsed < timeoutMs && endpoints.includes(bound.endpoint)) {
        bound.lastUsed = now;
        return bound.endpoint;
      }
      const endpoint = endpoints[random.int(endpoints.length)] as string;
      bindings.set(key, { endpoint, lastUsed: now, timeoutMs });
      reap(now);
      return endpoint;
    },
  };

  /** `--reap`: forget expired bindings now and then so the map does not grow without end. */
  function reap(now: number): void {
    if (bindings.size < 4096) return;
    for (const [k, b] of bindings) if (now - b.lastUsed >= b.timeoutMs) bindings.delete(k);
  }

  return balancer;
};
