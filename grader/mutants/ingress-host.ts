/** Typical mistakes in `ingress.host`; the self-check proves each one fails a case. */
import type { networkingv1 } from '../../engine/api/types.ts';
import type { IngressHostPart, RouteResult } from '../../engine/ingress/host-rules.ts';
import type { IngressPathType } from '../../engine/ingress/path-match.ts';
import { defineMutants } from '../exercise-tests.ts';

interface Variant {
  /** Host matching as the mistaken learner wrote it. */
  matchHost: IngressHostPart['matchHost'];
  /** Rules without a host are never used. */
  ignoreNoHost?: boolean;
  /** All matching host rules compete together instead of only the most specific group. */
  noHostPrecedence?: boolean;
  /** The defaultBackend is never used. */
  ignoreDefault?: boolean;
}

/** A route() written the way the mistaken learner would: like the reference except for `v`. */
function routeWith(v: Variant): IngressHostPart['route'] {
  return (ingresses, request, paths): RouteResult => {
    const rules = ingresses.flatMap((ingress) => (ingress.spec?.rules ?? []).map((rule) => ({ ingress, rule, h: rule.host ?? '' })));
    const matching = rules.filter((r) => (r.h === '' ? !v.ignoreNoHost : v.matchHost(r.h, request.host)));
    const exact = matching.filter((r) => r.h !== '' && !r.h.startsWith('*'));
    const wild = matching.filter((r) => r.h.startsWith('*'));
    const none = matching.filter((r) => r.h === '');
    const group = v.noHostPrecedence ? matching : exact.length ? exact : wild.length ? wild : none;
    const cands = group.flatMap(({ ingress, rule, h }) => (rule.http?.paths ?? []).map((p) => ({ ingress, host: h, pathType: (p.pathType ?? 'Prefix') as IngressPathType, path: p.path, backend: p.backend })));
    const w = cands[paths.selectPath(cands, request.path)];
    if (w) return { kind: 'rule', ingress: w.ingress, host: w.host, path: w.path ?? '', pathType: w.pathType, backend: w.backend };
    const d: networkingv1.Ingress | undefined = v.ignoreDefault ? undefined : ingresses.find((i) => i.spec?.defaultBackend);
    return d?.spec?.defaultBackend ? { kind: 'default', ingress: d, backend: d.spec.defaultBackend } : { kind: 'none' };
  };
}

function variant(v: Variant): IngressHostPart {
  return { matchHost: v.matchHost, route: routeWith(v) };
}

export default defineMutants({
  part: 'ingress.host',
  mutants: [
    {
      name: 'wildcard-several-labels',
      mistake: 'lets *.foo.com match any name ending in .foo.com, so a.b.foo.com matches too',
      make: (ref) =>
        variant({
          matchHost: (rule, host) => (rule?.startsWith('*.') ? host.toLowerCase().split(':')[0]!.endsWith(rule.slice(1).toLowerCase()) : ref.matchHost(rule, host)),
        }),
    },
    {
      name: 'no-host-ignored',
      mistake: 'ignores rules without a host instead of letting them match every host',
      make: (ref) => variant({ matchHost: (rule, host) => (rule ? ref.matchHost(rule, host) : false), ignoreNoHost: true }),
    },
    {
      name: 'port-and-case-kept',
      mistake: 'compares the Host header as sent: a port or capital letters make it miss',
      make: (ref) => variant({ matchHost: (rule, host) => (!rule ? true : rule.startsWith('*.') ? ref.matchHost(rule, host) && host === host.toLowerCase() && !host.includes(':') : rule === host) }),
    },
    {
      name: 'no-host-precedence',
      mistake: 'lets every matching rule compete (the oldest wins), instead of preferring an exact host, then a wildcard, then no host',
      make: (ref) => variant({ matchHost: ref.matchHost, noHostPrecedence: true }),
    },
    {
      name: 'default-backend-ignored',
      mistake: 'answers 404 when no rule matches, even when an Ingress has a defaultBackend',
      make: (ref) => variant({ matchHost: ref.matchHost, ignoreDefault: true }),
    },
  ],
});
