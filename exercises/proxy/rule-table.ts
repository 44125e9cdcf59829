/**
 * Exercise `proxy-rules` (part `proxy.rules`): kube-proxy's rule table. Read
 * engine/proxy/rule-table.ts for the contract and its worked example.
 */
import type { BuildRuleTable } from '../../engine/proxy/rule-table.ts';

export const buildRuleTable: BuildRuleTable = (services, slices, node) => {
  void services, slices, node;
  // TODO: one rule per port of each Service that has a virtual IP (not headless, not
  // ExternalName), its endpoints taken from the Service's own EndpointSlices.
  // TODO: decide which endpoints may take new connections, and what happens when none may.
  // TODO: a NodePort / LoadBalancer Service also answers on its node port; traffic policies
  // `Local` keep traffic on this node's endpoints.
  // TODO: carry the Service's session affinity and its timeout.
  throw new Error('TODO: proxy.rules buildRuleTable');
};
