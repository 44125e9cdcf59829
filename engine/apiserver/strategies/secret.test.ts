/**
 * Secrets through the apiserver with the reference parts: what `kubectl create/apply/edit` gets
 * back (KK pkg/registry/core/secret/strategy.go, pkg/apis/core/validation ValidateSecret(Update)).
 */
import { describe, expect, it } from 'vitest';
import { failWithStatus, useReferenceHarness } from '../../../test/apiserver-harness.ts';
import { refs } from '../testing.ts';
import { strategyFor } from './strategy-for.ts';
import { secretStrategy } from './secret.ts';
import { RESOURCES } from '../../api/resources.ts';

const h = useReferenceHarness('secret');
const secret = (name: string, fields: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, ...fields });
const b64 = (t: string) => btoa(t);
const get = (name: string) => h.api.get({ ...refs.secrets(), name });

describe('Secret strategy', () => {
  it('is registered for secrets: no status, no generation, a PUT never creates', () => {
    expect(strategyFor(RESOURCES.find((r) => r.plural === 'secrets')!)).toBe(secretStrategy);
    expect(secretStrategy).toMatchObject({ hasStatus: false, tracksGeneration: false, allowCreateOnUpdate: false });
  });
});

describe('Secret types through the API', () => {
  it('a kubernetes.io/tls Secret without tls.key is a 422 with the cause on data[tls.key]', async () => {
    const err = await failWithStatus(h.api.create(refs.secrets(), secret('tls', { type: 'kubernetes.io/tls', data: { 'tls.crt': b64('CERT') } })));
    expect(err.status).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'Secret "tls" is invalid: data[tls.key]: Required value',
      details: { name: 'tls', kind: 'Secret', causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'data[tls.key]' }] },
    });
  });

  it('keys given in stringData count for the type (the merge happens before validation)', async () => {
    const created = await h.api.create(refs.secrets(), secret('tls', { type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'CERT', 'tls.key': 'KEY' } }));
    expect(Object.keys(created.data as object).sort()).toEqual(['tls.crt', 'tls.key']);
  });

  it('a malformed .dockerconfigjson is a 422 that never quotes its content', async () => {
    const err = await failWithStatus(
      h.api.create(refs.secrets(), secret('reg', { type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{"auths":{"r":{"password":"hunter2-s3cr3t"}' } })),
    );
    expect(err.status.message).toBe('Secret "reg" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": unexpected end of JSON input');
    expect(JSON.stringify(err.status)).not.toContain('hunter2');
  });

  it('a service-account-token Secret needs the service-account.name annotation', async () => {
    const err = await failWithStatus(h.api.create(refs.secrets(), secret('tok', { type: 'kubernetes.io/service-account-token' })));
    expect(err.status.message).toBe('Secret "tok" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value');
  });

  it('1 MiB of data is accepted, one byte more is `data: Too long: must have at most 1048576 bytes`', async () => {
    const bytes = (n: number) => {
      let s = '';
      for (let i = 0; i < n; i++) s += 'x';
      return s;
    };
    await h.api.create(refs.secrets(), secret('full', { stringData: { a: bytes(512 * 1024), b: bytes(512 * 1024) } }));
    const err = await failWithStatus(h.api.create(refs.secrets(), secret('over', { stringData: { a: bytes(512 * 1024), b: bytes(512 * 1024 + 1) } })));
    expect(err.status.message).toBe('Secret "over" is invalid: data: Too long: must have at most 1048576 bytes');
  });

  it('the type of a stored Secret cannot change', async () => {
    const s = await h.api.create(refs.secrets(), secret('auth', { stringData: { username: 'u' } }));
    const err = await failWithStatus(h.api.update({ ...refs.secrets(), name: 'auth' }, { ...s, type: 'kubernetes.io/basic-auth' }));
    expect(err.status.message).toBe('Secret "auth" is invalid: type: Invalid value: "kubernetes.io/basic-auth": field is immutable');
    expect((await get('auth')).type).toBe('Opaque');
  });

  it('an immutable Secret refuses data changes (stringData included) but accepts label changes', async () => {
    await h.api.create(refs.secrets(), secret('frozen', { immutable: true, data: { a: b64('1') } }));
    const err = await failWithStatus(h.api.patch({ ...refs.secrets(), name: 'frozen' }, 'merge', { stringData: { a: '2' } }));
    expect(err.status.message).toBe('Secret "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set');
    const relabelled = await h.api.patch({ ...refs.secrets(), name: 'frozen' }, 'merge', { metadata: { labels: { team: 'a' } } });
    expect(relabelled.metadata?.labels).toEqual({ team: 'a' });
    expect((await get('frozen')).data).toEqual({ a: b64('1') });
  });
});
