/**
 * Pristine tests of the exercise `ingress-path` (part `ingress.path`): a two-node cluster whose
 * ingress controller matches paths with the graded part. Each case deploys agnhost serve-hostname
 * apps behind Services, applies Ingresses, and sends `curl -H 'Host: …' http://<nodeIP>/path` from
 * the host: the pod name in the answer tells which Service the request reached. Then the part's
 * edge cases one by one (engine/ingress/path-match-suite.ts).
 *
 * Upstream behaviour checked here: website concepts/services-networking/ingress.md — "Path
 * types" (Exact; Prefix element-wise on `/`, trailing slash ignored), the "Examples" table
 * (`/aaa/bbb` does not match `/aaa/bbbxyz`) and "Multiple matches" (longest path first, then
 * Exact over Prefix).
 */
import { expect } from 'vitest';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { IngressPathPart } from '../../engine/ingress/path-match.ts';
import { pathMatchCases } from '../../engine/ingress/path-match-suite.ts';
import { answeredBy, deployApp, ingressObject, waitForIngressAddresses } from '../../engine/ingress/testing.ts';
import { defineExerciseTests, exportOf, type CaseContext, type GradeCase } from '../exercise-tests.ts';

const NS = 'default';
const APPS = ['web', 'api'] as const;

/** A 2-node cluster with serve-hostname apps `web` and `api` behind Services of the same names. */
async function twoApps(t: CaseContext): Promise<Cluster> {
  const c = await t.cluster({ nodes: 2 });
  for (const app of APPS) {
    await deployApp(c, app, 'hostname');
    t.step(`deployed ${app} (agnhost serve-hostname) behind Service ${app}:80`);
  }
  return c;
}

/** Which app answers each path on `host`, as `path → app` lines (404 when nothing matched). */
async function routes(c: Cluster, t: CaseContext, host: string, paths: string[]): Promise<string[]> {
  // The controller routes with an Ingress once it has seen it (and reported its ADDRESS).
  await waitForIngressAddresses(c, NS);
  const out: string[] = [];
  for (const p of paths) out.push(`${p} → ${await answeredBy(c, host, p, APPS)}`);
  t.step(`curl -H 'Host: ${host}' http://<nodeIP><path>: ${out.join(', ')}`);
  const failures = [...new Set(c.errors().filter((e) => e.component === 'ingress-controller').map((e) => e.message))].slice(-2);
  if (out.some((l) => l.endsWith('→ 500'))) t.step(`the ingress controller answered 500: ${failures.join('; ')}`);
  return out;
}

const clusterCases: GradeCase<IngressPathPart>[] = [
  {
    name: 'Prefix /api catches /api, /api/ and /api/v1/items but not /apiv1, which falls to Prefix /',
    kind: 'cluster',
    async run(_part, t) {
      const c = await twoApps(t);
      await c.client('kubectl').ingresses(NS).create(ingressObject('shop', [['shop.test', [['Prefix', '/', 'web'], ['Prefix', '/api', 'api']]]]));
      t.step('created Ingress shop: shop.test Prefix / → web, Prefix /api → api');
      expect(await routes(c, t, 'shop.test', ['/', '/api', '/api/', '/api/v1/items', '/apiv1', '/ap'])).toEqual([
        '/ → web',
        '/api → api',
        '/api/ → api',
        '/api/v1/items → api',
        '/apiv1 → web',
        '/ap → web',
      ]);
    },
  },
  {
    name: 'a Prefix path with a trailing slash matches the same requests as without it',
    kind: 'cluster',
    async run(_part, t) {
      const c = await twoApps(t);
      await c.client('kubectl').ingresses(NS).create(ingressObject('docs', [['docs.test', [['Prefix', '/docs/', 'api'], ['Exact', '/exact', 'web']]]]));
      t.step('created Ingress docs: docs.test Prefix /docs/ → api, Exact /exact → web');
      expect(await routes(c, t, 'docs.test', ['/docs', '/docs/', '/docs/a', '/docsx', '/exact', '/exact/'])).toEqual([
        '/docs → api',
        '/docs/ → api',
        '/docs/a → api',
        '/docsx → 404',
        '/exact → web',
        '/exact/ → 404',
      ]);
    },
  },
  {
    name: 'the longest matching path wins, even when it comes from another Ingress',
    kind: 'cluster',
    async run(_part, t) {
      const c = await twoApps(t);
      const api = c.client('kubectl');
      await api.ingresses(NS).create(ingressObject('narrow', [['store.test', [['Prefix', '/cart/checkout', 'api']]]]));
      await api.ingresses(NS).create(ingressObject('broad', [['store.test', [['Prefix', '/cart', 'web'], ['Prefix', '/', 'api']]]]));
      t.step('created Ingress narrow: store.test Prefix /cart/checkout → api; Ingress broad: store.test Prefix /cart → web, Prefix / → api');
      expect(await routes(c, t, 'store.test', ['/cart/checkout/pay', '/cart', '/cart/items', '/home'])).toEqual([
        '/cart/checkout/pay → api',
        '/cart → web',
        '/cart/items → web',
        '/home → api',
      ]);
    },
  },
  {
    name: 'Exact /login beats Prefix /login for /login itself, but not for /login/ or /login/sso',
    kind: 'cluster',
    async run(_part, t) {
      const c = await twoApps(t);
      await c.client('kubectl').ingresses(NS).create(ingressObject('auth', [['auth.test', [['Prefix', '/login', 'web'], ['Exact', '/login', 'api']]]]));
      t.step('created Ingress auth: auth.test Prefix /login → web, Exact /login → api');
      expect(await routes(c, t, 'auth.test', ['/login', '/login/', '/login/sso'])).toEqual(['/login → api', '/login/ → web', '/login/sso → web']);
    },
  },
];

export default defineExerciseTests({
  part: 'ingress.path',
  load: (m) => exportOf<IngressPathPart>(m, 'ingressPath', 'object'),
  cases: [...clusterCases, ...pathMatchCases.map((c): GradeCase<IngressPathPart> => ({ name: c.name, kind: 'part', run: (part) => c.run(part) }))],
});
