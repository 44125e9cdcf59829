/**
 * The part cases of `secret.types`: grader/tests/secret-types.ts runs them against the learner's
 * part, the self-check against the reference, the stub and the mutants. Each case throws on
 * failure. Expected strings are what kubectl prints under `The Secret "x" is invalid:`
 * (KK pkg/apis/core/validation ValidateSecret / ValidateSecretUpdate).
 */
import { expect } from 'vitest';
import { fieldErrorString } from '../field-errors.ts';
import type { SecretTypesPart, SecretView } from './secret-types.ts';

export interface SecretTypesCase {
  name: string;
  run(part: SecretTypesPart): void;
}

const bytes = (text: string) => new TextEncoder().encode(text);

export function view(type: string, data: Record<string, string | Uint8Array> = {}, annotations: Record<string, string> = {}): SecretView {
  const d: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(data)) d[k] = typeof v === 'string' ? bytes(v) : v;
  return { type, data: d, annotations };
}

const errors = (part: SecretTypesPart, s: SecretView) => part.validate(s).map(fieldErrorString);
const MiB = 1024 * 1024;
const TOO_LONG = 'data: Too long: must have at most 1048576 bytes';
const REDACTED_JSON = (key: string, detail: string) => `data[${key}]: Invalid value: "<secret contents redacted>": ${detail}`;

export const secretTypesCases: readonly SecretTypesCase[] = [
  {
    name: 'Opaque, no type and custom types accept any keys',
    run(part) {
      for (const type of ['Opaque', '', 'example.com/custom']) expect(errors(part, view(type, { anything: 'x' })), type).toEqual([]);
      expect(errors(part, view('Opaque'))).toEqual([]);
    },
  },
  {
    name: 'kubernetes.io/tls needs tls.crt and tls.key, each reported on its own path',
    run(part) {
      expect(errors(part, view('kubernetes.io/tls'))).toEqual(['data[tls.crt]: Required value', 'data[tls.key]: Required value']);
      expect(errors(part, view('kubernetes.io/tls', { 'tls.crt': 'CERT' }))).toEqual(['data[tls.key]: Required value']);
      expect(errors(part, view('kubernetes.io/tls', { 'tls.key': 'KEY' }))).toEqual(['data[tls.crt]: Required value']);
    },
  },
  {
    name: 'kubernetes.io/tls with both keys is valid, even with empty values (presence is what counts)',
    run(part) {
      expect(errors(part, view('kubernetes.io/tls', { 'tls.crt': 'CERT', 'tls.key': 'KEY' }))).toEqual([]);
      expect(errors(part, view('kubernetes.io/tls', { 'tls.crt': '', 'tls.key': '' }))).toEqual([]);
    },
  },
  {
    name: 'kubernetes.io/dockerconfigjson needs .dockerconfigjson holding a JSON object',
    run(part) {
      expect(errors(part, view('kubernetes.io/dockerconfigjson'))).toEqual(['data[.dockerconfigjson]: Required value']);
      expect(errors(part, view('kubernetes.io/dockerconfigjson', { '.dockerconfigjson': '{"auths":{"r.example":{"auth":"dTpw"}}}' }))).toEqual([]);
      expect(errors(part, view('kubernetes.io/dockerconfigjson', { '.dockerconfigjson': '[]' }))).toEqual([
        REDACTED_JSON('.dockerconfigjson', 'json: cannot unmarshal array into Go value of type map[string]interface {}'),
      ]);
    },
  },
  {
    name: 'a malformed docker config is reported as <secret contents redacted> with the JSON error, never its content',
    run(part) {
      const secret = '{"auths":{"r.example":{"password":"hunter2-s3cr3t"';
      const errs = part.validate(view('kubernetes.io/dockerconfigjson', { '.dockerconfigjson': secret }));
      expect(errs.map(fieldErrorString)).toEqual([REDACTED_JSON('.dockerconfigjson', 'unexpected end of JSON input')]);
      expect(JSON.stringify(errs.map((e) => ({ ...e, badValue: String(e.badValue) })))).not.toContain('hunter2');
      expect(errors(part, view('kubernetes.io/dockerconfigjson', { '.dockerconfigjson': 'hunter2' }))).toEqual([
        REDACTED_JSON('.dockerconfigjson', "invalid character 'h' looking for beginning of value"),
      ]);
    },
  },
  {
    name: 'kubernetes.io/dockercfg needs .dockercfg, also a JSON object',
    run(part) {
      expect(errors(part, view('kubernetes.io/dockercfg'))).toEqual(['data[.dockercfg]: Required value']);
      expect(errors(part, view('kubernetes.io/dockercfg', { '.dockerconfigjson': '{}' }))).toEqual(['data[.dockercfg]: Required value']);
      expect(errors(part, view('kubernetes.io/dockercfg', { '.dockercfg': '{"r.example":{"auth":"dTpw"}}' }))).toEqual([]);
      expect(errors(part, view('kubernetes.io/dockercfg', { '.dockercfg': '{"a":1,}' }))).toEqual([
        REDACTED_JSON('.dockercfg', "invalid character '}' looking for beginning of object key string"),
      ]);
    },
  },
  {
    name: 'kubernetes.io/basic-auth needs username or password; either alone, even empty, is enough',
    run(part) {
      expect(errors(part, view('kubernetes.io/basic-auth'))).toEqual(['data[username]: Required value', 'data[password]: Required value']);
      expect(errors(part, view('kubernetes.io/basic-auth', { password: 't0p-Secret' }))).toEqual([]);
      expect(errors(part, view('kubernetes.io/basic-auth', { username: '' }))).toEqual([]);
    },
  },
  {
    name: 'kubernetes.io/ssh-auth needs a non-empty ssh-privatekey',
    run(part) {
      expect(errors(part, view('kubernetes.io/ssh-auth'))).toEqual(['data[ssh-privatekey]: Required value']);
      expect(errors(part, view('kubernetes.io/ssh-auth', { 'ssh-privatekey': '' }))).toEqual(['data[ssh-privatekey]: Required value']);
      expect(errors(part, view('kubernetes.io/ssh-auth', { 'ssh-privatekey': 'KEY' }))).toEqual([]);
    },
  },
  {
    name: 'kubernetes.io/service-account-token needs the kubernetes.io/service-account.name annotation, not a token',
    run(part) {
      expect(errors(part, view('kubernetes.io/service-account-token'))).toEqual(['metadata.annotations[kubernetes.io/service-account.name]: Required value']);
      expect(errors(part, view('kubernetes.io/service-account-token', {}, { 'kubernetes.io/service-account.name': '' }))).toEqual([
        'metadata.annotations[kubernetes.io/service-account.name]: Required value',
      ]);
      expect(errors(part, view('kubernetes.io/service-account-token', {}, { 'kubernetes.io/service-account.name': 'build-robot' }))).toEqual([]);
    },
  },
  {
    name: 'a Secret may hold exactly 1 MiB of data; one byte more is Too long',
    run(part) {
      expect(errors(part, view('Opaque', { big: new Uint8Array(MiB) }))).toEqual([]);
      expect(errors(part, view('Opaque', { big: new Uint8Array(MiB + 1) }))).toEqual([TOO_LONG]);
    },
  },
  {
    name: 'the 1 MiB cap is on the total of all values, not on each value',
    run(part) {
      expect(errors(part, view('Opaque', { a: new Uint8Array(MiB / 2), b: new Uint8Array(MiB / 2 + 1) }))).toEqual([TOO_LONG]);
    },
  },
  {
    name: 'the size error comes before the type errors',
    run(part) {
      expect(errors(part, view('kubernetes.io/tls', { 'tls.crt': new Uint8Array(MiB + 1) }))).toEqual([TOO_LONG, 'data[tls.key]: Required value']);
    },
  },
  {
    name: 'validateUpdate: the type cannot change (field is immutable), the new type named as the bad value',
    run(part) {
      const errs = part.validateUpdate(view('kubernetes.io/tls', { 'tls.crt': 'C', 'tls.key': 'K' }), view('Opaque', { 'tls.crt': 'C', 'tls.key': 'K' }));
      expect(errs.map(fieldErrorString)).toEqual(['type: Invalid value: "kubernetes.io/tls": field is immutable']);
    },
  },
  {
    name: 'validateUpdate: keeping the type is fine, and data changes are not its business',
    run(part) {
      expect(part.validateUpdate(view('Opaque', { a: 'new' }), view('Opaque', { a: 'old' }))).toEqual([]);
      // Only what an update adds: the new Secret's own errors come from validate.
      expect(part.validateUpdate(view('kubernetes.io/tls'), view('kubernetes.io/tls'))).toEqual([]);
    },
  },
];

/** The names of the cases `part` fails (for tests of the suite itself). */
export function failingSecretTypesCases(part: SecretTypesPart): string[] {
  const failed: string[] = [];
  for (const c of secretTypesCases) {
    try {
      c.run(part);
    } catch {
      failed.push(c.name);
    }
  }
  return failed;
}
