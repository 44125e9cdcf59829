/**
 * Secret data through the apiserver (decode → the part `secret.data` → store), with the
 * reference parts. Upstream: Convert_v1_Secret_To_core_Secret (pkg/apis/core/v1/conversion.go)
 * and the JSON decoder's base64 for []byte.
 */
import { describe, expect, it } from 'vitest';
import { failWithStatus, useReferenceHarness } from '../../../test/apiserver-harness.ts';
import { secretData } from '../../../solutions/secret/secret-data.ts';
import { referenceParts } from '../../../test/apiserver-harness.ts';
import type { SecretDataPart } from './secret-data.ts';
import { secretDataCases } from './secret-data-suite.ts';
import { refs, startHarness } from '../testing.ts';

const h = useReferenceHarness('secret-data');
const secret = (name: string, fields: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, ...fields });

describe('the reference secret.data part', () => {
  for (const c of secretDataCases) it(c.name, () => c.run(secretData));
});

describe('Secret data through the apiserver', () => {
  it('`kubectl create secret generic db --from-literal=username=admin` sends base64 data, stored as sent, type Opaque', async () => {
    const created = await h.api.create(refs.secrets(), secret('db', { data: { username: 'YWRtaW4=' } }));
    expect(created).toMatchObject({ type: 'Opaque', data: { username: 'YWRtaW4=' } });
    expect(await h.api.get({ ...refs.secrets(), name: 'db' })).toMatchObject({ data: { username: 'YWRtaW4=' } });
  });

  it('stringData is stored as base64 of its UTF-8 bytes in data, wins over data, and is never stored or returned', async () => {
    const created = await h.api.create(refs.secrets(), secret('app', { data: { username: 'b2xk', token: 'dA==' }, stringData: { username: 'héllo', extra: 'x' } }));
    expect(created.data).toEqual({ username: 'aMOpbGxv', token: 'dA==', extra: 'eA==' });
    expect(created).not.toHaveProperty('stringData');
    const stored = JSON.parse((await h.kv.range('/registry/secrets/default/app')).kvs[0]!.value);
    expect(stored).not.toHaveProperty('stringData');
    expect(stored.data.username).toBe('aMOpbGxv');
  });

  it('stringData in a patch (kubectl apply of a manifest with stringData) merges into the stored data', async () => {
    await h.api.create(refs.secrets(), secret('db', { data: { username: 'YWRtaW4=' } }));
    const patched = await h.api.patch({ ...refs.secrets(), name: 'db' }, 'strategic', { stringData: { password: 's3cret' } });
    expect(patched.data).toEqual({ username: 'YWRtaW4=', password: 'czNjcmV0' });
    expect(patched).not.toHaveProperty('stringData');
  });

  it('data that is not base64 is a 400 naming the input byte, not the value, and nothing is stored', async () => {
    const err = await failWithStatus(h.api.create(refs.secrets(), secret('bad', { data: { password: 'hunter2' } })));
    expect(err.status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4' });
    expect(JSON.stringify(err.status)).not.toContain('hunter2');
    await expect(h.api.get({ ...refs.secrets(), name: 'bad' })).rejects.toMatchObject({ status: { code: 404 } });
  });

  it('an update with bad base64 is rejected the same way and leaves the Secret unchanged', async () => {
    const s = await h.api.create(refs.secrets(), secret('db', { data: { a: 'YQ==' } }));
    const err = await failWithStatus(h.api.update({ ...refs.secrets(), name: 'db' }, { ...s, data: { a: 'YQ' } }));
    expect(err.status.message).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 0');
    expect((await h.api.get({ ...refs.secrets(), name: 'db' })).data).toEqual({ a: 'YQ==' });
  });

  it('base64 wrapped over several lines is accepted and read back as one line', async () => {
    const created = await h.api.create(refs.secrets(), secret('wrapped', { data: { cert: 'YWRt\naW4=\n' } }));
    expect(created.data).toEqual({ cert: 'YWRtaW4=' });
  });

  it('values of the wrong JSON type are a 400 from the decoder (a YAML number in stringData is the classic)', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ stringData: { port: 5432 } }, 'json: cannot unmarshal number into Go struct field Secret.stringData of type string'],
      [{ data: { k: 12345 } }, 'json: cannot unmarshal number into Go struct field Secret.data of type []uint8'],
      [{ data: ['a'] }, 'json: cannot unmarshal array into Go struct field Secret.data of type map[string][]uint8'],
      [{ stringData: { on: true } }, 'json: cannot unmarshal bool into Go struct field Secret.stringData of type string'],
    ];
    for (const [fields, message] of cases) {
      const err = await failWithStatus(h.api.create(refs.secrets(), secret('typed', fields)));
      expect([err.status.code, err.status.message]).toEqual([400, `Secret in version "v1" cannot be handled as a Secret: ${message}`]);
    }
  });

  it('a null stringData value is stored as an empty value', async () => {
    const created = await h.api.create(refs.secrets(), secret('nul', { stringData: { empty: null } }));
    expect(created.data).toEqual({ empty: '' });
  });

  it('the apiserver really uses the injected part (a harness with a recording part sees every Secret write)', async () => {
    const seen: string[] = [];
    const recording: SecretDataPart = {
      encode: (t) => (seen.push('encode'), secretData.encode(t)),
      decode: (v) => (seen.push('decode'), secretData.decode(v)),
      mergeStringData: (s) => (seen.push('mergeStringData'), secretData.mergeStringData(s)),
    };
    const own = await startHarness({ ...referenceParts, secretData: recording });
    try {
      await own.api.create(refs.secrets(), secret('s', { data: { a: 'YQ==' }, stringData: { b: 'x' } }));
    } finally {
      await own.close();
    }
    expect(seen).toEqual(['decode', 'mergeStringData']);
  });
});
