/**
 * Exercise `proxy-affinity` (part `proxy.affinity`): which endpoint a new connection goes to.
 * Read engine/proxy/session-affinity.ts for the contract and its worked example.
 */
import type { LoadBalancer, LoadBalancerFactory } from '../../engine/proxy/session-affinity.ts';

export const newLoadBalancer: LoadBalancerFactory = ({ random }) => {
  void random;
  const balancer: LoadBalancer = {
    nextEndpoint(servicePortName, endpoints, affinity, clientIP, now) {
      void servicePortName, endpoints, affinity, clientIP, now;
      // TODO: without affinity, spread connections fairly over the endpoints (any randomness
      // must come from `random`).
      // TODO: with ClientIP affinity, a client that used an endpoint of this Service port
      // recently enough goes back to it; decide what "recently" is measured from, and what
      // happens when that endpoint is no longer listed.
      throw new Error('TODO: proxy.affinity nextEndpoint');
    },
  };
  return balancer;
};
