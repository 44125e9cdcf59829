/**
 * Pristine tests of the exercise `ingress-host` (part `ingress.host`): a two-node cluster whose
 * ingress controller picks host rules and the default backend with the graded part (paths are
 * matched by the reference `ingress.path`). Each case deploys agnhost serve-hostname apps behind
 * Services, applies Ingresses, and sends `curl -H 'Host: …' http://<nodeIP>/` from the host: the
 * pod name in the answer tells which Service the request reached; the controller's own 404 page
 * says nothing matched. Then the part's edge cases one by one (engine/ingress/host-rules-suite.ts).
 *
 * Upstream behaviour checked here: website concepts/services-networking/ingress.md — "Hostname
 * wildcards" (`*.foo.com` matches `bar.foo.com`, not `baz.bar.foo.com` nor `foo.com`), "Name
 * based virtual hosting" (a rule without host catches the other hosts), "Default backend"; and
 * ingress-nginx's server selection (exact names before wildcards, the catch-all last).
 */
import { expect } from 'vitest';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { IngressHostPart } from '../../engine/ingress/host-rules.ts';
import { hostRulesCases } from '../../engine/ingress/host-rules-suite.ts';
import { answeredBy, deployApp, ingressObject, waitForIngressAddresses } from '../../engine/ingress/testing.ts';
import { ingressPath } from '../../solutions/ingress/path-match.ts';
import { defineExerciseTests, exportOf, type CaseContext, type GradeCase } from '../exercise-tests.ts';

const NS = 'default';

async function apps(t: CaseContext, names: readonly string[]): Promise<Cluster> {
  const c = await t.cluster({ nodes: 2 });
  for (const app of names) {
    await deployApp(c, app, 'hostname');
    t.step(`deployed ${app} (agnhost serve-hostname) behind Service ${app}:80`);
  }
  return c;
}

/** Which app answers `GET <path>` for each Host header, as `host → app` lines (404: nothing matched). */
async function routes(c: Cluster, t: CaseContext, names: readonly string[], hosts: string[], path = '/'): Promise<string[]> {
  await waitForIngressAddresses(c, NS);
  const out: string[] = [];
  for (const h of hosts) out.push(`${h} → ${await answeredBy(c, h, path, names)}`);
  t.step(`curl -H 'Host: <host>' http://<nodeIP>${path}: ${out.join(', ')}`);
  const failures = [...new Set(c.errors().filter((e) => e.component === 'ingress-controller').map((e) => e.message))].slice(-2);
  if (out.some((l) => l.endsWith('→ 500'))) t.step(`the ingress controller answered 500: ${failures.join('; ')}`);
  return out;
}

const clusterCases: GradeCase<IngressHostPart>[] = [
  {
    name: 'two hosts reach their own Services, whatever the letter case or port in the Host header; other hosts get 404',
    kind: 'cluster',
    async run(_part, t) {
      const names = ['foo', 'bar'];
      const c = await apps(t, names);
      await c.client('kubectl').ingresses(NS).create(ingressObject('vhosts', [['foo.example.com', [['Prefix', '/', 'foo']]], ['bar.example.com', [['Prefix', '/', 'bar']]]]));
      t.step('created Ingress vhosts: foo.example.com → foo, bar.example.com → bar');
      expect(await routes(c, t, names, ['foo.example.com', 'bar.example.com', 'FOO.Example.com', 'bar.example.com:80', 'example.com', 'x.foo.example.com'])).toEqual([
        'foo.example.com → foo',
        'bar.example.com → bar',
        'FOO.Example.com → foo',
        'bar.example.com:80 → bar',
        'example.com → 404',
        'x.foo.example.com → 404',
      ]);
    },
  },
  {
    name: 'a wildcard host covers exactly one label, and an exact host takes precedence over it',
    kind: 'cluster',
    async run(_part, t) {
      const names = ['wild', 'www'];
      const c = await apps(t, names);
      await c.client('kubectl').ingresses(NS).create(ingressObject('wild', [['*.shop.test', [['Prefix', '/', 'wild']]], ['www.shop.test', [['Prefix', '/', 'www']]]]));
      t.step('created Ingress wild: *.shop.test → wild, www.shop.test → www');
      expect(await routes(c, t, names, ['eu.shop.test', 'www.shop.test', 'a.eu.shop.test', 'shop.test'])).toEqual([
        'eu.shop.test → wild',
        'www.shop.test → www',
        'a.eu.shop.test → 404',
        'shop.test → 404',
      ]);
    },
  },
  {
    name: 'a rule without a host catches every host no other rule names',
    kind: 'cluster',
    async run(_part, t) {
      const names = ['named', 'any'];
      const c = await apps(t, names);
      const api = c.client('kubectl');
      await api.ingresses(NS).create(ingressObject('named', [['named.test', [['Prefix', '/', 'named']]], ['*.named.test', [['Prefix', '/', 'named']]]]));
      await api.ingresses(NS).create(ingressObject('catch-all', [[undefined, [['Prefix', '/', 'any']]]]));
      t.step('created Ingress named: named.test and *.named.test → named; Ingress catch-all: no host → any');
      expect(await routes(c, t, names, ['named.test', 'x.named.test', 'other.test', 'a.b.named.test', '172.18.0.2'])).toEqual([
        'named.test → named',
        'x.named.test → named',
        'other.test → any',
        'a.b.named.test → any',
        '172.18.0.2 → any',
      ]);
    },
  },
  {
    name: 'the defaultBackend answers requests no rule matches; without one, 404',
    kind: 'cluster',
    async run(_part, t) {
      const names = ['site', 'fallback'];
      const c = await apps(t, names);
      const api = c.client('kubectl');
      await api.ingresses(NS).create(ingressObject('site', [['site.test', [['Exact', '/', 'site']]]]));
      t.step('created Ingress site: site.test Exact / → site (no defaultBackend)');
      expect(await routes(c, t, names, ['site.test', 'else.test'])).toEqual(['site.test → site', 'else.test → 404']);
      await api.ingresses(NS).create(ingressObject('dflt', [], { defaultService: 'fallback' }));
      t.step('created Ingress dflt: only a defaultBackend → fallback');
      expect(await routes(c, t, names, ['site.test', 'else.test'])).toEqual(['site.test → site', 'else.test → fallback']);
      expect(await routes(c, t, names, ['site.test'], '/page')).toEqual(['site.test → fallback']);
    },
  },
];

export default defineExerciseTests({
  part: 'ingress.host',
  load: (m) => exportOf<IngressHostPart>(m, 'ingressHost', 'object'),
  cases: [...clusterCases, ...hostRulesCases.map((c): GradeCase<IngressHostPart> => ({ name: c.name, kind: 'part', run: (part) => c.run(part, ingressPath) }))],
});
