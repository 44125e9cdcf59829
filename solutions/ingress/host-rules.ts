/**
 * Reference `ingress.host`: host rules and the default backend. See engine/ingress/host-rules.ts
 * for the contract and its worked example; upstream website concepts/services-networking/
 * ingress.md ("Hostname wildcards", "Default backend") and ingress-nginx, which turns every host
 * into one nginx `server` and lets nginx pick it by server_name (exact names before wildcards,
 * the catch-all `_` server last).
 */
import type { networkingv1 } from '../../engine/api/types.ts';
import type { IngressHostPart, IngressRequest, RouteResult } from '../../engine/ingress/host-rules.ts';
import type { IngressPathPart, IngressPathType, PathCandidate } from '../../engine/ingress/path-match.ts';

/** `Foo.COM:8080` → `foo.com`; `[::1]:80` → `[::1]`. Host names compare case-insensitively. */
function hostOnly(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1 || h.length);
  const colon = h.indexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

export function matchHost(ruleHost: string | undefined, requestHost: string): boolean {
  // A rule without a host is for every request (the `_` catch-all server).
  if (ruleHost === undefined || ruleHost === '') return true;
  const rule = ruleHost.toLowerCase();
  const host = hostOnly(requestHost);
  if (!rule.startsWith('*.')) return rule === host;
  // `*.foo.com` stands for exactly one label in front of `.foo.com`: the first label of the
  // request is dropped and the rest must be the wildcard's suffix. `foo.com` has nothing to drop
  // into `*`, and `baz.bar.foo.com` leaves `bar.foo.com`, which is not `foo.com`.
  const dot = host.indexOf('.');
  if (dot <= 0) return false;
  return host.slice(dot + 1) === rule.slice(2);
}

interface Candidate extends PathCandidate {
  ingress: networkingv1.Ingress;
  host: string;
  backend: networkingv1.IngressBackend;
}

export function route(ingresses: readonly networkingv1.Ingress[], request: IngressRequest, paths: IngressPathPart): RouteResult {
  const host = hostOnly(request.host);
  const rules = ingresses.flatMap((ingress) => (ingress.spec?.rules ?? []).map((rule) => ({ ingress, rule, ruleHost: rule.host ?? '' })));

  // The most specific group of host rules that applies — exact name, then wildcard, then no host
  // — and only that one, as nginx picks exactly one server block for a request.
  const exact = rules.filter((r) => r.ruleHost !== '' && !r.ruleHost.startsWith('*') && matchHost(r.ruleHost, host));
  const wildcard = rules.filter((r) => r.ruleHost.startsWith('*') && matchHost(r.ruleHost, host));
  const noHost = rules.filter((r) => r.ruleHost === '');
  const group = exact.length ? exact : wildcard.length ? wildcard : noHost;

  const candidates: Candidate[] = group.flatMap(({ ingress, rule, ruleHost }) =>
    (rule.http?.paths ?? []).map((p) => ({ ingress, host: ruleHost, pathType: (p.pathType ?? 'ImplementationSpecific') as IngressPathType, path: p.path, backend: p.backend })),
  );
  const winner = candidates[paths.selectPath(candidates, request.path)];
  if (winner) return { kind: 'rule', ingress: winner.ingress, host: winner.host, path: winner.path ?? '', pathType: winner.pathType, backend: winner.backend };

  // Nothing matched: the default backend. With several Ingresses defining one, the oldest wins
  // (ingress-nginx's rule for conflicting definitions).
  const withDefault = ingresses.find((i) => i.spec?.defaultBackend);
  if (withDefault?.spec?.defaultBackend) return { kind: 'default', ingress: withDefault, backend: withDefault.spec.defaultBackend };
  return { kind: 'none' };
}

export const ingressHost: IngressHostPart = { matchHost, route };
