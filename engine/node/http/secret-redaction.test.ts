/**
 * Over HTTP, what kubectl receives for Secrets never quotes a value it did not ask to read: the
 * 400 for data that is not base64, the 422 for a malformed docker config, and the Table rows of
 * `kubectl get secrets` (NAME TYPE DATA AGE: a count, not the data).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { serve, type Served } from './testing.ts';

const SENTINEL = 'tk-SENTINEL-http-7d2a';
let s: Served | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const post = (body: unknown) => s!.call('/api/v1/namespaces/default/secrets', { method: 'POST', json: body });

describe('Secrets over HTTP', () => {
  it('rejections quote neither the value nor its base64, and the Table shows only a count', async () => {
    s = await serve();
    const bad64 = await post({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'a' }, data: { k: SENTINEL } });
    expect(bad64.status).toBe(400);
    const bad64Body = await bad64.text();
    expect(JSON.parse(bad64Body).message).toMatch(/^Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte \d+$/);
    expect(bad64Body).not.toContain(SENTINEL);

    const reg = await post({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'reg' }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': `{"p":"${SENTINEL}"` } });
    expect(reg.status).toBe(422);
    const regBody = await reg.text();
    expect(JSON.parse(regBody).message).toBe('Secret "reg" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": unexpected end of JSON input');
    expect(regBody).not.toContain(SENTINEL);

    expect((await post({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'ok' }, stringData: { k: SENTINEL } })).status).toBe(201);
    const table = await s.call('/api/v1/namespaces/default/secrets', { headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } });
    const body = await table.text();
    expect(JSON.parse(body).rows.map((r: { cells: unknown[] }) => r.cells)).toEqual([['ok', 'Opaque', 1, expect.any(String)]]);
    expect(body).not.toContain(SENTINEL);
    expect(body).not.toContain(btoa(SENTINEL));
  });
});
