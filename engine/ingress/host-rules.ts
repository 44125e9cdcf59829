/**
 * The `ingress.host` part: which host rules a request's Host header selects, and which backend
 * answers it across every Ingress of the controller's class — website concepts/services-
 * networking/ingress.md ("Hostname wildcards", "Name based virtual hosting", "Default backend")
 * and IngressRule.host in k8s.io/api/networking/v1/types.go.
 *
 *   matchHost(ruleHost, requestHost)
 *     The request's Host header loses its port (`foo.com:8080` → `foo.com`) and is compared
 *     case-insensitively (DNS names are). A rule without a host (undefined or '') matches every
 *     host. `foo.com` matches only `foo.com`. A wildcard `*.foo.com` matches exactly ONE more
 *     label: `bar.foo.com`, not `baz.bar.foo.com`, not `foo.com`.
 *
 *   route(ingresses, request, paths) → RouteResult
 *     1. The host rules of every Ingress (given oldest first) compete like nginx's server_name,
 *        which is what ingress-nginx generates from them: the rules whose host equals the request's
 *        host if there are any; otherwise the ones whose wildcard matches it; otherwise the rules
 *        without a host. Only that most specific group is used — a request for a host that has
 *        its own rules never falls through to the no-host rules (one nginx `server` per host).
 *     2. The paths of every rule of that group, from all Ingresses (oldest first, then rule and
 *        path order), go to `paths.selectPath` (the `ingress.path` part): the winner's backend
 *        answers, `{ kind: 'rule' }`.
 *     3. Nothing matched: the default backend — spec.defaultBackend of the oldest Ingress that
 *        sets one answers, `{ kind: 'default' }` ("If none of the hosts or paths match the HTTP
 *        request in the Ingress objects, the traffic is routed to your default backend").
 *     4. No default backend either: `{ kind: 'none' }` — the controller answers 404.
 *
 * Worked example — Ingress A (oldest): host `foo.com` paths Prefix `/` → svc a; Ingress B: host
 * `*.foo.com` Prefix `/` → svc b, no host Prefix `/api` → svc c, defaultBackend svc d:
 *   Host `FOO.com:80`  path `/x`    → rule A (foo.com, `/`) → a
 *   Host `x.foo.com`   path `/`     → rule B (*.foo.com) → b
 *   Host `x.y.foo.com` path `/api`  → no-host rules → c
 *   Host `bar.com`     path `/`     → no-host rules: `/api` does not match → default → d
 */
import type { networkingv1 } from '../api/types.ts';
import type { IngressPathPart, IngressPathType } from './path-match.ts';

/** What the router needs of an HTTP request. */
export interface IngressRequest {
  /** The Host header as sent (may carry a port and capitals). */
  host: string;
  /** The path without the query string. */
  path: string;
}

// #region ingress-host-part
/** Where a request goes: the backend and the Ingress (and rule) it came from. */
export type RouteResult =
  | {
      kind: 'rule';
      /** The Ingress whose rule answered: its namespace holds the backend Service. */
      ingress: networkingv1.Ingress;
      /** The rule's host as written ('' for a rule without host). */
      host: string;
      path: string;
      pathType: IngressPathType;
      backend: networkingv1.IngressBackend;
    }
  | { kind: 'default'; ingress: networkingv1.Ingress; backend: networkingv1.IngressBackend }
  | { kind: 'none' };

export interface IngressHostPart {
  /** Whether a rule's host (undefined or '': no host) matches the request's Host header. */
  matchHost(ruleHost: string | undefined, requestHost: string): boolean;
  /**
   * The backend for `request` among `ingresses` (every Ingress of the class, oldest first; ties
   * broken by namespace/name), choosing among paths with `paths`.
   */
  route(ingresses: readonly networkingv1.Ingress[], request: IngressRequest, paths: IngressPathPart): RouteResult;
}
// #endregion ingress-host-part
