import { describe, expect, it } from 'vitest';
import { isStatusError, StatusError } from '../api/errors.ts';
import type { KubeObject } from '../api/object.ts';
import { RESOURCES, findResource } from '../api/resources.ts';
import type { ApiServerInterface } from '../apiserver/types.ts';
import { createClient } from './client.ts';
import { FakeApiServer } from './testing/fake-apiserver.ts';
import { typedName } from './typed-resources.ts';

describe('createClient', () => {
  it('offers a typed method for every kind of the resource table', () => {
    const client = createClient(new FakeApiServer()) as unknown as Record<string, unknown>;
    const missing = RESOURCES.filter((r) => typeof client[typedName(r)] !== 'function').map((r) => r.kind);
    expect(missing).toEqual([]);
    expect(typedName(findResource('', 'v1', 'configmaps')!)).toBe('configmaps');
    expect(typedName(findResource('networking.k8s.io', 'v1', 'ingresses')!)).toBe('ingresses');
  });

  it('fills apiVersion and kind on create when the caller left them out', async () => {
    const api = new FakeApiServer();
    const created = await createClient(api).configmaps('default').create({ metadata: { name: 'cfg' }, data: { a: '1' } });
    expect(created.apiVersion).toBe('v1');
    expect(created.kind).toBe('ConfigMap');
    expect(created.metadata?.namespace).toBe('default');
  });

  it('sends every call as the client user, and withUser switches user without touching the original', async () => {
    const api = new FakeApiServer();
    const client = createClient(api, { user: 'alice' });
    await client.pods('default').create({ metadata: { name: 'a' }, spec: { containers: [] } });
    await client.withUser('system:kube-scheduler').pods('default').get('a');
    await client.pods('default').get('a', { user: 'bob' });
    await client.pods('default').delete('a');
    expect(api.users).toEqual(['alice', 'system:kube-scheduler', 'bob', 'alice']);
    expect(client.withUser('carol', 'because').reason).toBe('because');
    expect(client.user).toBe('alice');
  });

  it('passes the reason of a call, or the client default reason, to the apiserver', async () => {
    const seen: Array<string | undefined> = [];
    const api = new FakeApiServer();
    const spy: ApiServerInterface = Object.assign(Object.create(api) as FakeApiServer, {
      create: (ref: never, body: KubeObject, o?: { user?: string; reason?: string }) => {
        seen.push(o?.reason);
        return api.create(ref, body, o);
      },
    });
    const client = createClient(spy, { user: 'u', reason: 'default reason' });
    await client.secrets('default').create({ metadata: { name: 's1' } });
    await client.secrets('default').create({ metadata: { name: 's2' } }, { reason: 'rotate' });
    expect(seen).toEqual(['default reason', 'rotate']);
  });

  it('rejects with the StatusError of the apiserver (404, 409)', async () => {
    const client = createClient(new FakeApiServer());
    const missing = await client.pods('default').get('nope').catch((e: unknown) => e);
    expect(isStatusError(missing, 'NotFound')).toBe(true);
    expect((missing as StatusError).code).toBe(404);
    await client.pods('default').create({ metadata: { name: 'a' } });
    const dup = await client.pods('default').create({ metadata: { name: 'a' } }).catch((e: unknown) => e);
    expect(isStatusError(dup, 'AlreadyExists')).toBe(true);
  });

  it('wraps anything else the apiserver throws in a 500 InternalError that keeps the cause', async () => {
    const api = new FakeApiServer();
    const bug = new TypeError('cannot read properties of undefined');
    const broken: ApiServerInterface = Object.assign(Object.create(api) as FakeApiServer, {
      get: () => Promise.reject(bug),
    });
    const err = await createClient(broken).nodes().get('n1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StatusError);
    expect((err as StatusError).code).toBe(500);
    expect((err as StatusError).cause).toBe(bug);
  });

  it('rejects scale and binding calls on kinds without those subresources with 405', async () => {
    const client = createClient(new FakeApiServer());
    const cm = client.resource(findResource('', 'v1', 'configmaps')!).namespace('default');
    const err = await cm.getScale('x').catch((e: unknown) => e);
    expect(isStatusError(err, 'MethodNotAllowed')).toBe(true);
    const err2 = await cm.bind('x', { target: { name: 'n1' } }).catch((e: unknown) => e);
    expect(isStatusError(err2, 'MethodNotAllowed')).toBe(true);
  });

  it('refuses a namespace on cluster-scoped kinds (a programming error)', () => {
    const client = createClient(new FakeApiServer());
    expect(() => client.resource(findResource('', 'v1', 'nodes')!).namespace('default')).toThrow(/cluster-scoped/);
  });

  it('lists all namespaces when no namespace is given', async () => {
    const client = createClient(new FakeApiServer());
    await client.pods('a').create({ metadata: { name: 'x' } });
    await client.pods('b').create({ metadata: { name: 'y' } });
    expect((await client.pods().list()).items.map((p) => p.metadata?.namespace)).toEqual(['a', 'b']);
    expect((await client.pods('b').list()).items).toHaveLength(1);
  });
});
