import { afterEach, describe, expect, it } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import { isGone, startControllers, type ControllerTestbed } from '../testing/testbed.ts';
import { SERVICEACCOUNT_TOKEN_CONTROLLER, SIMULATED_ROOT_CA, tokensController } from './tokens-controller.ts';

let bed: ControllerTestbed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

const tokenSecret = (name: string, sa: string, extra: Partial<corev1.Secret> = {}): corev1.Secret => ({
  metadata: { name, annotations: { 'kubernetes.io/service-account.name': sa } },
  type: 'kubernetes.io/service-account-token',
  ...extra,
});
const text = (b64?: string) => (b64 === undefined ? undefined : new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))));
/** The JWT's claims (base64url without padding, which atob accepts once the alphabet is mapped back). */
const claims = (token: string) => JSON.parse(text(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))!);

async function start(seed: string) {
  bed = await startControllers(seed, { [SERVICEACCOUNT_TOKEN_CONTROLLER]: tokensController() });
  return { clock: bed.cluster.clock, client: bed.cluster.client('kubectl') };
}

describe('service account token controller', () => {
  it('fills token, ca.crt and namespace of a token Secret and records the ServiceAccount uid', async () => {
    const { clock, client } = await start('sa-token');
    const sa = await client.serviceaccounts('default').create({ metadata: { name: 'build-robot' } });
    await client.secrets('default').create(tokenSecret('build-robot-secret', 'build-robot'));
    expect(await clock.runUntil(async () => !!(await client.secrets('default').get('build-robot-secret')).data?.token, { timeoutMs: 10_000 })).toBe(true);
    const s = await client.secrets('default').get('build-robot-secret');
    expect(Object.keys(s.data ?? {}).sort()).toEqual(['ca.crt', 'namespace', 'token']);
    expect(text(s.data?.namespace)).toBe('default');
    expect(text(s.data?.['ca.crt'])).toBe(SIMULATED_ROOT_CA);
    expect(s.metadata?.annotations?.['kubernetes.io/service-account.uid']).toBe(sa.metadata?.uid);
    const token = text(s.data?.token)!;
    expect(token.split('.')).toHaveLength(3);
    expect(claims(token)).toMatchObject({
      iss: 'kubernetes/serviceaccount',
      sub: 'system:serviceaccount:default:build-robot',
      'kubernetes.io/serviceaccount/secret.name': 'build-robot-secret',
      'kubernetes.io/serviceaccount/service-account.uid': sa.metadata?.uid,
    });
    const writes = bed!.cluster.trace.entries().filter((e) => e.resource === 'secrets' && e.user === SERVICEACCOUNT_TOKEN_CONTROLLER);
    expect(writes.map((e) => [e.verb, e.code])).toEqual([['update', 200]]);
  });

  it('keeps a token that is already there', async () => {
    const { clock, client } = await start('sa-token-keep');
    await client.serviceaccounts('default').create({ metadata: { name: 'robot' } });
    await client.secrets('default').create(tokenSecret('t', 'robot', { stringData: { token: 'mine' } }));
    await clock.runUntil(async () => !!(await client.secrets('default').get('t')).data?.namespace, { timeoutMs: 10_000 });
    expect(text((await client.secrets('default').get('t')).data?.token)).toBe('mine');
  });

  it('deletes a token Secret whose ServiceAccount does not exist, and the tokens of a deleted ServiceAccount', async () => {
    const { clock, client } = await start('sa-token-orphan');
    await client.secrets('default').create(tokenSecret('orphan', 'nobody'));
    expect(await clock.runUntil(() => isGone(() => client.secrets('default').get('orphan')), { timeoutMs: 10_000 })).toBe(true);

    await client.serviceaccounts('default').create({ metadata: { name: 'robot' } });
    await client.secrets('default').create(tokenSecret('t', 'robot'));
    await clock.runUntil(async () => !!(await client.secrets('default').get('t')).data?.token, { timeoutMs: 10_000 });
    await client.serviceaccounts('default').delete('robot');
    expect(await clock.runUntil(() => isGone(() => client.secrets('default').get('t')), { timeoutMs: 10_000 })).toBe(true);
  });

  it('leaves Secrets of other types alone', async () => {
    const { clock, client } = await start('sa-token-other');
    await client.secrets('default').create({ metadata: { name: 'plain', annotations: { 'kubernetes.io/service-account.name': 'nobody' } }, stringData: { a: 'b' } });
    await clock.advance(5_000);
    expect((await client.secrets('default').get('plain')).data).toEqual({ a: 'Yg==' });
  });
});
