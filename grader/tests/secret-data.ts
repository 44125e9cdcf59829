/**
 * Pristine tests of the exercise `secret-data` (part `secret.data`): a bare apiserver whose
 * Secret decoding is the graded part, seen the way kubectl sees it — what `kubectl apply` of a
 * manifest with stringData stores, what `kubectl get secret -o yaml` returns, the 400 for data
 * that is not base64 — then the part's edge cases (engine/apiserver/strategies/secret-data-suite.ts).
 *
 * Upstream behaviour checked here: pkg/apis/core/v1/conversion.go Convert_v1_Secret_To_core_Secret
 * (stringData merged into data, winning, never stored), core/v1 types.go (data is []byte, so JSON
 * carries base64 decoded by Go's base64.StdEncoding), and the decoder's 400
 * `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte N`.
 */
import { expect } from 'vitest';
import type { corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { SecretDataPart } from '../../engine/apiserver/strategies/secret-data.ts';
import { secretDataCases } from '../../engine/apiserver/strategies/secret-data-suite.ts';
import { defineExerciseTests, exportOf, type CaseContext, type GradeCase } from '../exercise-tests.ts';
import { refused } from './helpers.ts';

const NS = 'default';

async function bareApiserver(t: CaseContext): Promise<Cluster> {
  const c = await t.cluster();
  t.step('started a bare apiserver (no nodes) whose Secret decoding is your code');
  return c;
}

const manifest = (name: string, fields: Partial<corev1.Secret>): corev1.Secret => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, ...fields });

/** `kubectl get secret <name> -o yaml`, as JSON. */
async function getYaml(c: Cluster, name: string): Promise<Record<string, unknown>> {
  return (await c.client('kubectl').secrets(NS).get(name)) as unknown as Record<string, unknown>;
}

const clusterCases: GradeCase<SecretDataPart>[] = [
  {
    name: 'kubectl apply of a Secret with stringData stores base64 of the UTF-8 text in data (héllo wörld → aMOpbGxvIHfDtnJsZA==) and no stringData',
    kind: 'cluster',
    async run(_p, t) {
      const c = await bareApiserver(t);
      t.step('kubectl apply: Secret app with stringData { greeting: "héllo wörld", key: "🔑", sign: ">>>???" }');
      await c.client('kubectl').secrets(NS).create(manifest('app', { stringData: { greeting: 'héllo wörld', key: '🔑', sign: '>>>???' } }));
      const got = await getYaml(c, 'app');
      t.step(`kubectl get secret app -o yaml → data ${JSON.stringify(got.data)}`);
      expect(got.data).toEqual({ greeting: 'aMOpbGxvIHfDtnJsZA==', key: '8J+UkQ==', sign: 'Pj4+Pz8/' });
      expect(got).not.toHaveProperty('stringData');
      expect(got.type).toBe('Opaque');
    },
  },
  {
    name: 'stringData wins over data for the same key; the other data keys are kept',
    kind: 'cluster',
    async run(_p, t) {
      const c = await bareApiserver(t);
      t.step('kubectl apply: Secret db with data { username: YWRtaW4= (admin), password: b2xk (old) } and stringData { password: "n3w-pass" }');
      const created = await c.client('kubectl').secrets(NS).create(manifest('db', { data: { username: 'YWRtaW4=', password: 'b2xk' }, stringData: { password: 'n3w-pass' } }));
      expect(created.data).toEqual({ username: 'YWRtaW4=', password: 'bjN3LXBhc3M=' });
      expect(created).not.toHaveProperty('stringData');
      expect((await getYaml(c, 'db')).data).toEqual({ username: 'YWRtaW4=', password: 'bjN3LXBhc3M=' });
    },
  },
  {
    name: 'kubectl apply of a changed stringData (a patch) updates that key in the stored data and keeps the rest',
    kind: 'cluster',
    async run(_p, t) {
      const c = await bareApiserver(t);
      const secrets = c.client('kubectl').secrets(NS);
      t.step('kubectl create secret generic db --from-literal=username=admin');
      await secrets.create(manifest('db', { data: { username: 'YWRtaW4=' } }));
      t.step('kubectl apply (strategic merge patch) { stringData: { password: "s3cret" } }');
      const patched = await secrets.patch('db', 'strategic', { stringData: { password: 's3cret' } });
      expect(patched.data).toEqual({ username: 'YWRtaW4=', password: 'czNjcmV0' });
      const got = await getYaml(c, 'db');
      expect(got).not.toHaveProperty('stringData');
      expect(got.data).toEqual({ username: 'YWRtaW4=', password: 'czNjcmV0' });
    },
  },
  {
    name: 'a manifest with plain text in data is refused: 400 `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4`',
    kind: 'cluster',
    async run(_p, t) {
      const c = await bareApiserver(t);
      const s = await refused(t, 'kubectl apply: Secret creds with data { username: admin }', c.client('kubectl').secrets(NS).create(manifest('creds', { data: { username: 'admin' } })));
      expect([s.code, s.reason]).toEqual([400, 'BadRequest']);
      expect(s.message).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4');
      const s2 = await refused(t, 'kubectl apply: Secret creds with data { token: YWRtaW4 } (padding missing)', c.client('kubectl').secrets(NS).create(manifest('creds', { data: { token: 'YWRtaW4' } })));
      expect(s2.message).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4');
      const names = (await c.client('kubectl').secrets(NS).list()).items.map((x) => x.metadata?.name);
      expect(names).not.toContain('creds');
    },
  },
];

export default defineExerciseTests({
  part: 'secret.data',
  load: (m) => exportOf<SecretDataPart>(m, 'secretData', 'object'),
  cases: [...clusterCases, ...secretDataCases.map((c): GradeCase<SecretDataPart> => ({ name: c.name, kind: 'part', run: (p) => c.run(p) }))],
});
