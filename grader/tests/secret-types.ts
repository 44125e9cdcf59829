/**
 * Pristine tests of the exercise `secret-types` (part `secret.types`): a bare apiserver whose
 * Secret type validation is the graded part, seen the way kubectl sees it — `kubectl create
 * secret tls/docker-registry/generic` and `kubectl apply` refused with 422 Invalid, the upstream
 * message and `details.causes[].field` — then the part's rules one by one
 * (engine/api/validation/secret-types-suite.ts).
 *
 * Upstream behaviour checked here: KK pkg/apis/core/validation/validation.go ValidateSecret (the
 * keys per type, `<secret contents redacted>` for a malformed docker config, the 1 MiB
 * corev1.MaxSecretSize on decoded bytes) and ValidateSecretUpdate (`type` is immutable).
 */
import { expect } from 'vitest';
import type { corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { SecretTypesPart } from '../../engine/api/validation/secret-types.ts';
import { secretTypesCases } from '../../engine/api/validation/secret-types-suite.ts';
import { defineExerciseTests, exportOf, type CaseContext, type GradeCase } from '../exercise-tests.ts';
import { refused } from './helpers.ts';

const NS = 'default';
const b64 = (t: string) => btoa(t);

async function bareApiserver(t: CaseContext): Promise<Cluster> {
  const c = await t.cluster();
  t.step('started a bare apiserver (no nodes) whose Secret type validation is your code');
  return c;
}

const secret = (name: string, fields: Partial<corev1.Secret>): corev1.Secret => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, ...fields });

const clusterCases: GradeCase<SecretTypesPart>[] = [
  {
    name: 'a kubernetes.io/tls Secret without tls.key is 422 `Secret "web-tls" is invalid: data[tls.key]: Required value`; with both keys it is created',
    kind: 'cluster',
    async run(_p, t) {
      const c = await bareApiserver(t);
      const secrets = c.client('kubectl').secrets(NS);
      const s = await refused(t, 'kubectl apply: Secret web-tls, type kubernetes.io/tls, data { tls.crt }', secrets.create(secret('web-tls', { type: 'kubernetes.io/tls', data: { 'tls.crt': b64('CERT') } })));
      expect([s.code, s.reason]).toEqual([422, 'Invalid']);
      expect(s.message).toBe('Secret "web-tls" is invalid: data[tls.key]: Required value');
      expect(s.details?.causes).toEqual([{ reason: 'FieldValueRequired', message: 'Required value', field: 'data[tls.key]' }]);
      t.step('kubectl create secret tls web-tls --cert=... --key=...');
      const created = await secrets.create(secret('web-tls', { type: 'kubernetes.io/tls', data: { 'tls.crt': b64('CERT'), 'tls.key': b64('KEY') } }));
      expect(created.type).toBe('kubernetes.io/tls');
    },
  },
  {
    name: 'a docker-registry Secret whose .dockerconfigjson is not JSON is 422 with `<secret contents redacted>`, never its content',
    kind: 'cluster',
    async run(_p, t) {
      const c = await bareApiserver(t);
      const secrets = c.client('kubectl').secrets(NS);
      const bad = '{"auths":{"registry.example":{"username":"u","password":"hunter2-s3cr3t"}}';
      const s = await refused(t, 'kubectl apply: Secret regcred, type kubernetes.io/dockerconfigjson, a truncated .dockerconfigjson', secrets.create(secret('regcred', { type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': bad } })));
      expect(s.message).toBe('Secret "regcred" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": unexpected end of JSON input');
      expect(JSON.stringify(s)).not.toContain('hunter2');
      expect(JSON.stringify(c.trace.entries())).not.toContain('hunter2');
      const missing = await refused(t, 'kubectl apply: Secret regcred, type kubernetes.io/dockerconfigjson, no data', secrets.create(secret('regcred', { type: 'kubernetes.io/dockerconfigjson' })));
      expect(missing.message).toBe('Secret "regcred" is invalid: data[.dockerconfigjson]: Required value');
      t.step('kubectl create secret docker-registry regcred ... (a valid config)');
      await secrets.create(secret('regcred', { type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{"auths":{"registry.example":{"auth":"dTpw"}}}' } }));
    },
  },
  {
    name: 'changing the type of a stored Secret is 422 `type: Invalid value: "kubernetes.io/basic-auth": field is immutable`',
    kind: 'cluster',
    async run(_p, t) {
      const c = await bareApiserver(t);
      const secrets = c.client('kubectl').secrets(NS);
      t.step('kubectl create secret generic creds --from-literal=username=admin');
      const created = await secrets.create(secret('creds', { data: { username: b64('admin') } }));
      const s = await refused(t, 'kubectl edit secret creds: type Opaque → kubernetes.io/basic-auth', secrets.update({ ...created, type: 'kubernetes.io/basic-auth' }));
      expect(s.message).toBe('Secret "creds" is invalid: type: Invalid value: "kubernetes.io/basic-auth": field is immutable');
      expect(s.details?.causes).toEqual([{ reason: 'FieldValueInvalid', message: 'Invalid value: "kubernetes.io/basic-auth": field is immutable', field: 'type' }]);
      expect((await secrets.get('creds')).type).toBe('Opaque');
    },
  },
  {
    name: 'a Secret may hold 1 MiB in total; two values of 512 KiB + 1 byte are 422 `data: Too long: must have at most 1048576 bytes`',
    kind: 'cluster',
    async run(_p, t) {
      const c = await bareApiserver(t);
      const secrets = c.client('kubectl').secrets(NS);
      const kib = (n: number, extra = 0) => 'x'.repeat(n * 1024 + extra);
      t.step('kubectl apply: Secret full with stringData { a: 512 KiB, b: 512 KiB } (exactly 1 MiB)');
      await secrets.create(secret('full', { stringData: { a: kib(512), b: kib(512) } }));
      const s = await refused(t, 'kubectl apply: Secret over with stringData { a: 512 KiB, b: 512 KiB + 1 byte }', secrets.create(secret('over', { stringData: { a: kib(512), b: kib(512, 1) } })));
      expect(s.message).toBe('Secret "over" is invalid: data: Too long: must have at most 1048576 bytes');
      expect(s.details?.causes).toEqual([{ reason: 'FieldValueTooLong', message: 'Too long: must have at most 1048576 bytes', field: 'data' }]);
    },
  },
  {
    name: 'basic-auth needs username or password, ssh-auth a non-empty ssh-privatekey, a service-account-token Secret its service-account.name annotation',
    kind: 'cluster',
    async run(_p, t) {
      const c = await bareApiserver(t);
      const secrets = c.client('kubectl').secrets(NS);
      const none = await refused(t, 'kubectl apply: Secret ba, type kubernetes.io/basic-auth, no data', secrets.create(secret('ba', { type: 'kubernetes.io/basic-auth' })));
      expect(none.message).toBe('Secret "ba" is invalid: [data[username]: Required value, data[password]: Required value]');
      t.step('kubectl apply: Secret ba, type kubernetes.io/basic-auth, stringData { password: t0p-Secret }');
      await secrets.create(secret('ba', { type: 'kubernetes.io/basic-auth', stringData: { password: 't0p-Secret' } }));
      const ssh = await refused(t, 'kubectl apply: Secret ssh, type kubernetes.io/ssh-auth, ssh-privatekey empty', secrets.create(secret('ssh', { type: 'kubernetes.io/ssh-auth', data: { 'ssh-privatekey': '' } })));
      expect(ssh.message).toBe('Secret "ssh" is invalid: data[ssh-privatekey]: Required value');
      const tok = await refused(t, 'kubectl apply: Secret tok, type kubernetes.io/service-account-token, no annotation', secrets.create(secret('tok', { type: 'kubernetes.io/service-account-token' })));
      expect(tok.message).toBe('Secret "tok" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value');
    },
  },
];

export default defineExerciseTests({
  part: 'secret.types',
  load: (m) => exportOf<SecretTypesPart>(m, 'secretTypes', 'object'),
  cases: [...clusterCases, ...secretTypesCases.map((c): GradeCase<SecretTypesPart> => ({ name: c.name, kind: 'part', run: (p) => c.run(p) }))],
});
