/**
 * The behaviour cases of the `apiserver.validation` part (ObjectMeta validation), written once and
 * run against any implementation: the reference in solutions/, the learner's stub in exercises/
 * (which must fail every case) and the grader (grader/tests/api-validation.ts, with the mutants of
 * grader/mutants/api-validation.ts).
 *
 * Each case checks at least one invalid ObjectMeta (so a validator that accepts everything fails
 * every case) and, where it helps, a valid neighbour (so one that rejects everything fails too).
 * Expected errors are compared as the text kubectl would print (`fieldErrorString`).
 */
import type { ObjectMeta } from '../object.ts';
import { fieldErrorString } from '../field-errors.ts';
import type { NameRule, ObjectMetaValidator } from './object-meta.ts';

export interface ObjectMetaCase {
  name: string;
  run(validate: ObjectMetaValidator): void;
}

const NS = { namespaced: true, nameRule: 'DNS1123Subdomain' as NameRule };
const CLUSTER = { namespaced: false, nameRule: 'DNS1123Subdomain' as NameRule };
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QNAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

function safe(validate: ObjectMetaValidator, meta: ObjectMeta | undefined, opts: typeof NS): string[] {
  let errs: unknown;
  try {
    errs = validate(meta, opts);
  } catch (e) {
    throw new Error(`the validator threw instead of returning field errors: ${String(e)}`);
  }
  if (!Array.isArray(errs)) throw new Error('the validator must return an array of field errors');
  return errs.map(fieldErrorString);
}

function expectErrors(validate: ObjectMetaValidator, meta: ObjectMeta | undefined, opts: typeof NS, expected: string[]): void {
  const got = safe(validate, meta, opts);
  const missing = expected.filter((e) => !got.includes(e));
  if (missing.length) throw new Error(`for metadata ${JSON.stringify(meta)} expected the errors\n  ${missing.join('\n  ')}\nbut got\n  ${got.join('\n  ') || '(no errors)'}`);
}

function expectExactly(validate: ObjectMetaValidator, meta: ObjectMeta | undefined, opts: typeof NS, expected: string[]): void {
  const got = safe(validate, meta, opts);
  if (JSON.stringify([...got].sort()) !== JSON.stringify([...expected].sort())) {
    throw new Error(`for metadata ${JSON.stringify(meta)} expected exactly\n  ${expected.join('\n  ') || '(no errors)'}\nbut got\n  ${got.join('\n  ') || '(no errors)'}`);
  }
}

const valid = (validate: ObjectMetaValidator, meta: ObjectMeta, opts = NS) => expectExactly(validate, meta, opts, []);

export const objectMetaCases: readonly ObjectMetaCase[] = [
  {
    name: 'a name or generateName is required',
    run(v) {
      expectErrors(v, { namespace: 'default' }, NS, ['metadata.name: Required value: name or generateName is required']);
      expectErrors(v, undefined, NS, ['metadata.name: Required value: name or generateName is required']);
      valid(v, { name: 'web', namespace: 'default' });
    },
  },
  {
    name: 'a subdomain name rejects upper case and underscores with the upstream message',
    run(v) {
      expectExactly(v, { name: 'Web_1', namespace: 'default' }, NS, [`metadata.name: Invalid value: "Web_1": ${SUBDOMAIN_MSG}`]);
      valid(v, { name: 'web.example-1', namespace: 'default' });
    },
  },
  {
    name: 'a name longer than 253 characters is too long for a subdomain',
    run(v) {
      const long = 'a'.repeat(254);
      expectErrors(v, { name: long, namespace: 'default' }, NS, [`metadata.name: Invalid value: "${long}": must be no more than 253 characters`]);
    },
  },
  {
    name: 'a DNS-1123 label name (Namespace) may not contain dots',
    run(v) {
      const opts = { namespaced: false, nameRule: 'DNS1123Label' as NameRule };
      expectExactly(v, { name: 'team.a' }, opts, ['metadata.name: Invalid value: "team.a": must not contain dots']);
      expectExactly(v, { name: 'Team' }, opts, [`metadata.name: Invalid value: "Team": ${LABEL_MSG}`]);
      valid(v, { name: 'team-a' }, opts);
    },
  },
  {
    name: 'a DNS-1035 label name (Service) must start with a letter',
    run(v) {
      const opts = { namespaced: true, nameRule: 'DNS1035Label' as NameRule };
      expectExactly(v, { name: '1web', namespace: 'default' }, opts, [`metadata.name: Invalid value: "1web": ${DNS1035_MSG}`]);
      valid(v, { name: 'web1', namespace: 'default' }, opts);
    },
  },
  {
    name: 'a generateName prefix may end with a dash but must otherwise be a valid name',
    run(v) {
      valid(v, { name: 'web-x7k2p', generateName: 'web-', namespace: 'default' });
      expectErrors(v, { name: 'web-x7k2p', generateName: 'Web-', namespace: 'default' }, NS, [`metadata.generateName: Invalid value: "Web-": ${SUBDOMAIN_MSG}`]);
    },
  },
  {
    name: 'namespaced kinds require a namespace that is a DNS-1123 label',
    run(v) {
      expectExactly(v, { name: 'web' }, NS, ['metadata.namespace: Required value']);
      expectExactly(v, { name: 'web', namespace: 'Team_A' }, NS, [`metadata.namespace: Invalid value: "Team_A": ${LABEL_MSG}`]);
    },
  },
  {
    name: 'cluster-scoped kinds must not have a namespace',
    run(v) {
      expectExactly(v, { name: 'node-1', namespace: 'default' }, CLUSTER, ['metadata.namespace: Forbidden: not allowed on this type']);
      valid(v, { name: 'node-1' }, CLUSTER);
    },
  },
  {
    name: 'label keys must be qualified names and values valid label values',
    run(v) {
      expectErrors(v, { name: 'web', namespace: 'default', labels: { 'app name': 'web' } }, NS, [`metadata.labels: Invalid value: "app name": ${QNAME_MSG}`]);
      expectErrors(v, { name: 'web', namespace: 'default', labels: { app: 'a'.repeat(64) } }, NS, [`metadata.labels: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`]);
      expectErrors(v, { name: 'web', namespace: 'default', labels: { 'Example.com/app': 'x' } }, NS, [
        `metadata.labels: Invalid value: "Example.com/app": prefix part ${SUBDOMAIN_MSG}`,
      ]);
      valid(v, { name: 'web', namespace: 'default', labels: { 'app.kubernetes.io/name': 'web', tier: '' } });
    },
  },
  {
    name: 'annotations may total at most 256 KiB',
    run(v) {
      expectErrors(v, { name: 'web', namespace: 'default', annotations: { big: 'x'.repeat(256 * 1024) } }, NS, ['metadata.annotations: Too long: must have at most 262144 bytes']);
      valid(v, { name: 'web', namespace: 'default', annotations: { big: 'x'.repeat(1000), 'example.com/Note': 'anything: goes here' } });
    },
  },
  {
    name: 'annotation keys must be qualified names',
    run(v) {
      expectErrors(v, { name: 'web', namespace: 'default', annotations: { 'a/b/c': 'x' } }, NS, [
        "metadata.annotations: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ]);
    },
  },
  {
    name: 'owner references must name their owner completely',
    run(v) {
      expectExactly(v, { name: 'web-1', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: '' }] }, NS, [
        'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty',
      ]);
      expectErrors(v, { name: 'web-1', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/', kind: '', name: '', uid: 'u1' }] }, NS, [
        'metadata.ownerReferences.apiVersion: Invalid value: "apps/": version must not be empty',
        'metadata.ownerReferences.kind: Invalid value: "": kind must not be empty',
        'metadata.ownerReferences.name: Invalid value: "": name must not be empty',
      ]);
      valid(v, { name: 'web-1', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'u1', controller: true }] });
    },
  },
  {
    name: 'only one owner reference may be the controller',
    run(v) {
      const refs = [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: 'u1', controller: true },
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: 'u2', controller: true },
      ];
      const got = safe(v, { name: 'web-1', namespace: 'default', ownerReferences: refs }, NS);
      const want = 'Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b';
      if (!got.some((g) => g.startsWith('metadata.ownerReferences: Invalid value: ') && g.endsWith(want))) throw new Error(`expected an error ending with ${want}, got ${JSON.stringify(got)}`);
    },
  },
  {
    name: 'finalizers are qualified names and may not repeat',
    run(v) {
      expectExactly(v, { name: 'web', namespace: 'default', finalizers: ['example.com/cleanup', 'example.com/cleanup'] }, NS, [
        'metadata.finalizers[1]: Duplicate value: "example.com/cleanup"',
      ]);
      expectErrors(v, { name: 'web', namespace: 'default', finalizers: ['bad finalizer'] }, NS, [`metadata.finalizers[0]: Invalid value: "bad finalizer": ${QNAME_MSG}`]);
      valid(v, { name: 'web', namespace: 'default', finalizers: ['kubernetes', 'foregroundDeletion'] });
    },
  },
  {
    name: 'generation may not be negative',
    run(v) {
      expectExactly(v, { name: 'web', namespace: 'default', generation: -1 } as ObjectMeta, NS, ['metadata.generation: Invalid value: -1: must be greater than or equal to 0']);
    },
  },
];

/** Names of the cases `validate` fails. */
export function failingObjectMetaCases(validate: ObjectMetaValidator): string[] {
  const failed: string[] = [];
  for (const c of objectMetaCases) {
    try {
      c.run(validate);
    } catch {
      failed.push(c.name);
    }
  }
  return failed;
}
