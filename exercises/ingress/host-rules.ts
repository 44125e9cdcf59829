/**
 * Exercise `ingress.host`: host rules and the default backend. Read engine/ingress/host-rules.ts
 * for the contract and its worked example.
 */
import type { networkingv1 } from '../../engine/api/types.ts';
import type { IngressHostPart, IngressRequest, RouteResult } from '../../engine/ingress/host-rules.ts';
import type { IngressPathPart } from '../../engine/ingress/path-match.ts';

export function matchHost(ruleHost: string | undefined, requestHost: string): boolean {
  void ruleHost, requestHost;
  // TODO: whether the rule's host covers the request's Host header: no port, any letter case; a
  // rule without a host covers every host; a wildcard `*.foo.com` covers exactly one more label.
  throw new Error('TODO: ingress.host matchHost');
}

export function route(ingresses: readonly networkingv1.Ingress[], request: IngressRequest, paths: IngressPathPart): RouteResult {
  void ingresses, request, paths;
  // TODO: pick the most specific group of host rules for the request (exact host, else wildcard,
  // else rules without a host), let `paths.selectPath` choose among all their paths (oldest
  // Ingress first), and fall back to the oldest Ingress's defaultBackend, else { kind: 'none' }.
  throw new Error('TODO: ingress.host route');
}

export const ingressHost: IngressHostPart = { matchHost, route };
