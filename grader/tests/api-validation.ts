/**
 * Pristine tests of the exercise `api-validation` (part `apiserver.validation`, ObjectMeta
 * validation). First what a user sees through a bare apiserver whose validator is the graded
 * part — `kubectl create` refused with 422 Invalid, the upstream message and
 * `details.causes[].field` paths — then the rules of engine/api/validation/object-meta-suite.ts
 * one by one against the part itself.
 */
import { expect } from 'vitest';
import { objectMetaCases } from '../../engine/api/validation/object-meta-suite.ts';
import type { ObjectMetaValidator } from '../../engine/api/validation/object-meta.ts';
import type { Status } from '../../engine/api/errors.ts';
import type { KubeObject } from '../../engine/api/object.ts';
import type { corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import { defineExerciseTests, exportOf, type CaseContext, type GradeCase } from '../exercise-tests.ts';
import { refused } from './helpers.ts';

// Upstream messages (apimachinery pkg/util/validation/validation.go), as kubectl prints them.
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QNAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

const pod = (metadata: corev1.Pod['metadata']): corev1.Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata, spec: { containers: [{ name: 'app', image: 'nginx' }] } });
const configMap = (metadata: corev1.ConfigMap['metadata']): corev1.ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { mode: 'fast' } });

/** The Status a call was refused with (fails the case when the call succeeded). */
const causeFields = (s: Status) => (s.details?.causes ?? []).map((c) => c.field);

async function bareApiserver(t: CaseContext): Promise<Cluster> {
  const c = await t.cluster();
  t.step('started a bare apiserver (no nodes) whose ObjectMeta validation is your code');
  return c;
}

const clusterCases: GradeCase<ObjectMetaValidator>[] = [
  {
    name: 'creating a Pod named `Web_1` is 422 Invalid: `Pod "Web_1" is invalid: metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain ...`',
    kind: 'cluster',
    async run(_v, t) {
      const c = await bareApiserver(t);
      const s = await refused(t, 'kubectl create pod Web_1', c.client('kubectl').pods('default').create(pod({ name: 'Web_1' })));
      expect(s).toMatchObject({ code: 422, reason: 'Invalid', details: { name: 'Web_1', kind: 'Pod' } });
      expect(s.message).toBe(`Pod "Web_1" is invalid: metadata.name: Invalid value: "Web_1": ${SUBDOMAIN_MSG}`);
      expect(s.details?.causes).toEqual([{ reason: 'FieldValueInvalid', message: `Invalid value: "Web_1": ${SUBDOMAIN_MSG}`, field: 'metadata.name' }]);
    },
  },
  {
    name: 'a ConfigMap with a label key containing a space and a 64-character label value is refused with both causes on `metadata.labels`',
    kind: 'cluster',
    async run(_v, t) {
      const c = await bareApiserver(t);
      const long = 'a'.repeat(64);
      const s = await refused(t, `kubectl create configmap cfg with labels {"app name": "web", tier: <64 × a>}`, c.client('kubectl').configmaps('default').create(configMap({ name: 'cfg', labels: { 'app name': 'web', tier: long } })));
      expect([s.code, s.reason]).toEqual([422, 'Invalid']);
      expect(s.message).toMatch(/^ConfigMap "cfg" is invalid: \[/);
      expect(s.details?.causes).toEqual(
        expect.arrayContaining([
          { reason: 'FieldValueInvalid', message: `Invalid value: "app name": ${QNAME_MSG}`, field: 'metadata.labels' },
          { reason: 'FieldValueInvalid', message: `Invalid value: "${long}": must be no more than 63 characters`, field: 'metadata.labels' },
        ]),
      );
    },
  },
  {
    name: 'annotations over 256 KiB in total are 422 `metadata.annotations: Too long: must have at most 262144 bytes`',
    kind: 'cluster',
    async run(_v, t) {
      const c = await bareApiserver(t);
      const s = await refused(t, 'kubectl create configmap big with a 256 KiB annotation', c.client('kubectl').configmaps('default').create(configMap({ name: 'big', annotations: { note: 'x'.repeat(256 * 1024) } })));
      expect([s.code, s.reason]).toEqual([422, 'Invalid']);
      expect(s.message).toBe('ConfigMap "big" is invalid: metadata.annotations: Too long: must have at most 262144 bytes');
      expect(s.details?.causes).toEqual([{ reason: 'FieldValueTooLong', message: 'Too long: must have at most 262144 bytes', field: 'metadata.annotations' }]);
    },
  },
  {
    name: 'a generateName that is not a valid prefix is refused with a cause on `metadata.generateName`; a valid one gets a generated name',
    kind: 'cluster',
    async run(_v, t) {
      const c = await bareApiserver(t);
      const cms = c.client('kubectl').configmaps('default');
      const s = await refused(t, 'kubectl create configmap with generateName "Cfg-"', cms.create(configMap({ generateName: 'Cfg-' })));
      expect([s.code, s.reason]).toEqual([422, 'Invalid']);
      expect(causeFields(s)).toContain('metadata.generateName');
      expect(s.details?.causes).toContainEqual({ reason: 'FieldValueInvalid', message: `Invalid value: "Cfg-": ${SUBDOMAIN_MSG}`, field: 'metadata.generateName' });
      t.step('kubectl create configmap with generateName "cfg-"');
      const ok = await cms.create(configMap({ generateName: 'cfg-' }));
      expect(ok.metadata?.name).toMatch(/^cfg-[a-z0-9]{5}$/);
    },
  },
  {
    name: 'an object without a name or generateName is 422 `metadata.name: Required value: name or generateName is required`',
    kind: 'cluster',
    async run(_v, t) {
      const c = await bareApiserver(t);
      const s = await refused(t, 'kubectl create configmap without metadata.name', c.client('kubectl').configmaps('default').create(configMap({})));
      expect([s.code, s.reason]).toEqual([422, 'Invalid']);
      expect(s.details?.causes).toEqual([{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }]);
    },
  },
  {
    name: 'a Pod whose owner reference has no uid is 422 `metadata.ownerReferences.uid: Invalid value: "": uid must not be empty`',
    kind: 'cluster',
    async run(_v, t) {
      const c = await bareApiserver(t);
      const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9', uid: '', controller: true };
      const s = await refused(t, 'kubectl create pod web-7d4b9-x2x5q owned by replicaset web-7d4b9 with an empty uid', c.client('kubectl').pods('default').create(pod({ name: 'web-7d4b9-x2x5q', ownerReferences: [owner] })));
      expect([s.code, s.reason]).toEqual([422, 'Invalid']);
      expect(s.message).toBe('Pod "web-7d4b9-x2x5q" is invalid: metadata.ownerReferences.uid: Invalid value: "": uid must not be empty');
      expect(causeFields(s)).toEqual(['metadata.ownerReferences.uid']);
    },
  },
  {
    name: 'the name rule depends on the kind: a Namespace name may not contain dots, a Service name must start with a letter',
    kind: 'cluster',
    async run(_v, t) {
      const c = await bareApiserver(t);
      const k = c.client('kubectl');
      const ns = await refused(t, 'kubectl create namespace team.a', k.namespaces().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } }));
      expect([ns.code, ns.message]).toEqual([422, 'Namespace "team.a" is invalid: metadata.name: Invalid value: "team.a": must not contain dots']);
      const svc = await refused(t, 'kubectl create service 1web', k.services('default').create({ apiVersion: 'v1', kind: 'Service', metadata: { name: '1web' }, spec: { ports: [{ port: 80 }] } }));
      expect([svc.code, svc.message]).toEqual([422, `Service "1web" is invalid: metadata.name: Invalid value: "1web": ${DNS1035_MSG}`]);
      t.step('kubectl create namespace team-a; kubectl create service web1');
      await k.namespaces().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
      await k.services('default').create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web1' }, spec: { ports: [{ port: 80 }] } });
    },
  },
  {
    name: 'a valid Pod and ConfigMap with labels, annotations and finalizers are created and read back',
    kind: 'cluster',
    async run(_v, t) {
      const c = await bareApiserver(t);
      const k = c.client('kubectl');
      const labels = { 'app.kubernetes.io/name': 'web', tier: '' };
      const annotations = { 'example.com/Note': 'anything: goes here', big: 'x'.repeat(1000) };
      t.step('kubectl create pod web.example-1 and configmap web-config (valid labels, annotations, finalizers)');
      await k.pods('default').create(pod({ name: 'web.example-1', labels, annotations }));
      await k.configmaps('default').create(configMap({ name: 'web-config', labels, finalizers: ['example.com/cleanup'] }));
      expect((await k.pods('default').get('web.example-1')).metadata?.labels).toEqual(labels);
      expect((await k.configmaps('default').get('web-config')).metadata?.finalizers).toEqual(['example.com/cleanup']);
    },
  },
  {
    name: 'updates are validated too: adding an invalid label to a stored ConfigMap is 422 on `metadata.labels`',
    kind: 'cluster',
    async run(_v, t) {
      const c = await bareApiserver(t);
      const cms = c.client('kubectl').configmaps('default');
      t.step('kubectl create configmap good');
      const good = await cms.create(configMap({ name: 'good' }));
      const s = await refused(t, 'kubectl label configmap good "bad key!"=x (an update)', cms.update({ ...good, metadata: { ...good.metadata, labels: { 'bad key!': 'x' } } }));
      expect([s.code, s.reason]).toEqual([422, 'Invalid']);
      expect(s.message).toBe(`ConfigMap "good" is invalid: metadata.labels: Invalid value: "bad key!": ${QNAME_MSG}`);
      expect(causeFields(s)).toEqual(['metadata.labels']);
    },
  },
  {
    name: 'an update may not change an object\'s identity: another uid is 409, another namespace or name than the URL is 400',
    kind: 'cluster',
    async run(_v, t) {
      const c = await bareApiserver(t);
      const cms = c.client('kubectl').configmaps('default');
      t.step('kubectl create configmap good');
      const good = await cms.create(configMap({ name: 'good' }));
      const ref = { group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'good' };
      const uid = await refused(t, 'PUT configmaps/good with metadata.uid "other"', cms.update({ ...good, metadata: { ...good.metadata, uid: 'other' } }));
      expect([uid.code, uid.reason]).toEqual([409, 'Conflict']);
      expect(uid.message).toContain(`Precondition failed: UID in precondition: other, UID in object meta: ${good.metadata?.uid}`);
      const ns = await refused(t, 'PUT default/configmaps/good with metadata.namespace "kube-system"', c.apiserver.update(ref, { ...good, metadata: { ...good.metadata, namespace: 'kube-system' } } as KubeObject));
      expect([ns.code, ns.reason, ns.message]).toEqual([400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request']);
      const name = await refused(t, 'PUT configmaps/good with metadata.name "other"', c.apiserver.update(ref, { ...good, metadata: { ...good.metadata, name: 'other' } } as KubeObject));
      expect([name.code, name.reason, name.message]).toEqual([400, 'BadRequest', 'the name of the object (other) does not match the name on the URL (good)']);
      expect((await cms.get('good')).metadata?.uid).toBe(good.metadata?.uid);
    },
  },
];

export default defineExerciseTests({
  part: 'apiserver.validation',
  load: (m) => exportOf<ObjectMetaValidator>(m, 'validateObjectMeta', 'function'),
  cases: [...clusterCases, ...objectMetaCases.map((c): GradeCase<ObjectMetaValidator> => ({ name: c.name, kind: 'part', run: (v) => c.run(v) }))],
});
