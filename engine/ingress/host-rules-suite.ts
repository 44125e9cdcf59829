/**
 * The part cases of `ingress.host`: grader/tests/ingress-host.ts runs them against the learner's
 * part, the self-check against the reference, the stub and the mutants, and
 * engine/ingress/host-rules.test.ts against the reference. `paths` is the reference `ingress.path`
 * part (the host exercise comes after the path one). Each case throws on failure.
 */
import { expect } from 'vitest';
import type { networkingv1 } from '../api/types.ts';
import type { IngressHostPart, RouteResult } from './host-rules.ts';
import type { IngressPathPart, IngressPathType } from './path-match.ts';

export interface HostRulesCase {
  name: string;
  run(part: IngressHostPart, paths: IngressPathPart): void;
}

type PathSpec = [IngressPathType, string, string];

/** An Ingress in `default` with one rule per host entry: [host, [[pathType, path, service], ...]]. */
export function ingress(name: string, rules: Array<[string | undefined, PathSpec[]]>, defaultService?: string): networkingv1.Ingress {
  const backend = (service: string): networkingv1.IngressBackend => ({ service: { name: service, port: { number: 80 } } });
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'default' },
    spec: {
      ...(defaultService ? { defaultBackend: backend(defaultService) } : {}),
      rules: rules.map(([host, ps]) => ({ ...(host !== undefined ? { host } : {}), http: { paths: ps.map(([pathType, path, svc]) => ({ pathType, path, backend: backend(svc) })) } })),
    },
  };
}

/** `rule <ingress> <service>`, `default <ingress> <service>` or `none`: what a route chose. */
export function describeRoute(r: RouteResult): string {
  if (r.kind === 'none') return 'none';
  return `${r.kind} ${r.ingress.metadata?.name} ${r.backend.service?.name}`;
}

export const hostRulesCases: readonly HostRulesCase[] = [
  {
    name: 'an exact host matches only itself, without its port and in any letter case',
    run(part) {
      const rows: Array<[string, string, boolean]> = [
        ['foo.bar.com', 'foo.bar.com', true],
        ['foo.bar.com', 'FOO.Bar.com', true],
        ['foo.bar.com', 'foo.bar.com:8080', true],
        ['foo.bar.com', 'bar.com', false],
        ['foo.bar.com', 'x.foo.bar.com', false],
        ['foo.bar.com', 'foo.bar.com.evil', false],
      ];
      expect(rows.map(([r, h]) => `${r} ~ ${h}: ${part.matchHost(r, h)}`)).toEqual(rows.map(([r, h, w]) => `${r} ~ ${h}: ${w}`));
    },
  },
  {
    name: 'a wildcard host covers exactly one DNS label',
    run(part) {
      const rows: Array<[string, string, boolean]> = [
        ['*.foo.com', 'bar.foo.com', true],
        ['*.foo.com', 'BAR.foo.com:443', true],
        ['*.foo.com', 'baz.bar.foo.com', false],
        ['*.foo.com', 'foo.com', false],
        ['*.foo.com', 'barfoo.com', false],
        ['*.foo.com', '.foo.com', false],
      ];
      expect(rows.map(([r, h]) => `${r} ~ ${h}: ${part.matchHost(r, h)}`)).toEqual(rows.map(([r, h, w]) => `${r} ~ ${h}: ${w}`));
    },
  },
  {
    name: 'a rule without a host matches every host',
    run(part) {
      expect(part.matchHost(undefined, 'anything.example')).toBe(true);
      expect(part.matchHost('', '10.0.0.1:80')).toBe(true);
    },
  },
  {
    name: 'two hosts with two paths each reach their own services',
    run(part, paths) {
      const ings = [ingress('web', [['foo.com', [['Prefix', '/', 'foo-root'], ['Prefix', '/api', 'foo-api']]], ['bar.com', [['Prefix', '/', 'bar-root'], ['Exact', '/login', 'bar-login']]]])];
      const go = (host: string, path: string) => describeRoute(part.route(ings, { host, path }, paths));
      expect([go('foo.com', '/'), go('foo.com', '/api/v1'), go('bar.com', '/x'), go('bar.com', '/login'), go('bar.com:80', '/login/')]).toEqual([
        'rule web foo-root',
        'rule web foo-api',
        'rule web bar-root',
        'rule web bar-login',
        'rule web bar-root',
      ]);
    },
  },
  {
    name: 'an exact host beats a wildcard, a wildcard beats the rules without a host',
    run(part, paths) {
      const ings = [ingress('a', [[undefined, [['Prefix', '/', 'any']]], ['*.foo.com', [['Prefix', '/', 'wild']]], ['www.foo.com', [['Prefix', '/', 'www']]]])];
      const go = (host: string) => describeRoute(part.route(ings, { host, path: '/' }, paths));
      expect([go('www.foo.com'), go('api.foo.com'), go('a.b.foo.com'), go('foo.com'), go('other.org')]).toEqual(['rule a www', 'rule a wild', 'rule a any', 'rule a any', 'rule a any']);
    },
  },
  {
    name: 'rules without a host catch the hosts no other rule names',
    run(part, paths) {
      const ings = [ingress('named', [['foo.com', [['Prefix', '/', 'foo']]]]), ingress('catchall', [[undefined, [['Prefix', '/', 'fallback']]]])];
      expect(describeRoute(part.route(ings, { host: '172.18.0.2', path: '/index.html' }, paths))).toBe('rule catchall fallback');
      expect(describeRoute(part.route(ings, { host: 'foo.com', path: '/index.html' }, paths))).toBe('rule named foo');
    },
  },
  {
    name: 'the paths of one host from several Ingresses are merged: the longest wins across them',
    run(part, paths) {
      const ings = [ingress('first', [['foo.com', [['Prefix', '/', 'root']]]]), ingress('second', [['foo.com', [['Prefix', '/shop', 'shop']]]])];
      expect(describeRoute(part.route(ings, { host: 'foo.com', path: '/shop/cart' }, paths))).toBe('rule second shop');
      expect(describeRoute(part.route(ings, { host: 'foo.com', path: '/about' }, paths))).toBe('rule first root');
    },
  },
  {
    name: 'when two Ingresses claim the same host and path, the older one (listed first) wins',
    run(part, paths) {
      const ings = [ingress('old', [['foo.com', [['Prefix', '/', 'old-svc']]]]), ingress('new', [['foo.com', [['Prefix', '/', 'new-svc']]]])];
      expect(describeRoute(part.route(ings, { host: 'foo.com', path: '/' }, paths))).toBe('rule old old-svc');
    },
  },
  {
    name: 'a host with its own rules but no matching path goes to the default backend, not to the rules without a host',
    run(part, paths) {
      const ings = [ingress('a', [['foo.com', [['Exact', '/only', 'only']]], [undefined, [['Prefix', '/', 'any']]]], 'dflt')];
      expect(describeRoute(part.route(ings, { host: 'foo.com', path: '/other' }, paths))).toBe('default a dflt');
    },
  },
  {
    name: 'nothing matches: the oldest defaultBackend answers, else none',
    run(part, paths) {
      const rules: Array<[string | undefined, PathSpec[]]> = [['foo.com', [['Prefix', '/', 'foo']]]];
      const withDefaults = [ingress('x', rules), ingress('y', rules, 'y-default'), ingress('z', rules, 'z-default')];
      expect(describeRoute(part.route(withDefaults, { host: 'bar.com', path: '/' }, paths))).toBe('default y y-default');
      expect(describeRoute(part.route([ingress('x', rules)], { host: 'bar.com', path: '/' }, paths))).toBe('none');
      expect(describeRoute(part.route([], { host: 'bar.com', path: '/' }, paths))).toBe('none');
    },
  },
  {
    name: 'an Ingress with only a defaultBackend takes every request',
    run(part, paths) {
      const only: networkingv1.Ingress = { metadata: { name: 'solo', namespace: 'default' }, spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } } };
      expect(describeRoute(part.route([only], { host: 'whatever.io:8080', path: '/a/b' }, paths))).toBe('default solo web');
    },
  },
  {
    name: 'the rule result names the matched host, path and pathType',
    run(part, paths) {
      const ings = [ingress('a', [['*.foo.com', [['Exact', '/x', 'svc']]]])];
      const r = part.route(ings, { host: 'Q.foo.com', path: '/x' }, paths);
      expect(r).toMatchObject({ kind: 'rule', host: '*.foo.com', path: '/x', pathType: 'Exact', backend: { service: { name: 'svc' } } });
    },
  },
];
