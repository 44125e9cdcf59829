import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from './body.ts';
import { configMap, serve, type Served } from './testing.ts';

let s: Served;
beforeEach(async () => {
  s = await serve();
});
afterEach(async () => {
  await s.close();
});

const CM = '/api/v1/namespaces/default/configmaps';

async function expectStatus(res: Response, code: number, reason?: string) {
  expect(res.status).toBe(code);
  expect(res.headers.get('content-type')).toBe('application/json');
  const body = await res.json();
  expect(body).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code });
  if (reason) expect(body.reason).toBe(reason);
  return body;
}

describe('hostile and wrong requests', () => {
  it('malformed JSON is a 400 BadRequest Status and stores nothing', async () => {
    const rev = s.cluster.kv.currentRevision();
    const body = await expectStatus(await s.call(CM, { method: 'POST', body: '{"kind": "ConfigMap",', headers: { 'content-type': 'application/json' } }), 400, 'BadRequest');
    expect(body.message).toMatch(/^couldn't get version\/kind; json parse error/);
    await expectStatus(await s.call(CM, { method: 'POST', body: '[1,2]', headers: { 'content-type': 'application/json' } }), 400, 'BadRequest');
    await expectStatus(await s.call(CM, { method: 'POST', body: '', headers: { 'content-type': 'application/json' } }), 400, 'BadRequest');
    expect(s.cluster.kv.currentRevision()).toBe(rev);
  });

  it('a create body that is not JSON or YAML is 415', async () => {
    await expectStatus(await s.call(CM, { method: 'POST', body: 'x', headers: { 'content-type': 'application/xml' } }), 415, 'UnsupportedMediaType');
  });

  it('a body over 3 MiB is 413 without being read to the end', async () => {
    const big = JSON.stringify(configMap('big', { k: 'x'.repeat(MAX_BODY_BYTES) }));
    await expectStatus(await s.call(CM, { method: 'POST', body: big, headers: { 'content-type': 'application/json' } }), 413, 'RequestEntityTooLarge');
    // Chunked (no Content-Length): the limit still holds.
    const code = await new Promise<number>((resolve, reject) => {
      const req = request(`${s.server.url}${CM}`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < MAX_BODY_BYTES * 2) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    }).catch(() => 413);
    expect(code).toBe(413);
    expect((await s.call(`${CM}/big`)).status).toBe(404);
  });

  it('unknown paths are 404 Status, unknown groups too', async () => {
    await expectStatus(await s.call('/api/v1/widgets'), 404, 'NotFound');
    await expectStatus(await s.call('/apis/nope.example.com/v1'), 404, 'NotFound');
    await expectStatus(await s.call('/nothing/here'), 404, 'NotFound');
  });

  it('a method the path does not take is 405', async () => {
    await expectStatus(await s.call(`${CM}/a`, { method: 'POST', json: configMap('a') }), 405, 'MethodNotAllowed');
    await expectStatus(await s.call(CM, { method: 'PUT', json: configMap('a') }), 405, 'MethodNotAllowed');
    await expectStatus(await s.call('/api/v1', { method: 'DELETE' }), 405, 'MethodNotAllowed');
  });

  it('bad query values are 400', async () => {
    await expectStatus(await s.call(`${CM}?limit=abc`), 400, 'BadRequest');
    await expectStatus(await s.call(`${CM}?resourceVersionMatch=Whenever`), 400, 'BadRequest');
    await expectStatus(await s.call(`${CM}?fieldValidation=Loose`, { method: 'POST', json: configMap('a') }), 400, 'BadRequest');
  });

  it('exec and port-forward answer a clear Status error', async () => {
    const body = await expectStatus(await s.call('/api/v1/namespaces/default/pods/web/exec?command=ls', { method: 'POST' }), 400);
    expect(body.message).toContain('kubectl exec is not supported');
  });

  it('survives garbage on the socket and keeps serving', async () => {
    await new Promise<void>((resolve) => {
      const sock = connect(s.server.port, '127.0.0.1', () => sock.end('GARBAGE \x00\x01 nonsense\r\n\r\n'));
      sock.on('data', () => undefined);
      sock.on('close', () => resolve());
      sock.on('error', () => resolve());
    });
    expect((await s.call('/version')).status).toBe(200);
  });

  it('a client that never finishes its body does not block others', async () => {
    const sock = connect(s.server.port, '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    sock.write(`POST ${CM} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"kind":`);
    expect((await s.call(`${CM}`)).status).toBe(200);
    sock.destroy();
  });
});

describe('bearer token', () => {
  it('without the token: 401 Unauthorized Status; with it: served; health stays public', async () => {
    const t = await serve({ token: 'secret-token' });
    try {
      const anon = await fetch(`${t.server.url}/api/v1/namespaces/default/configmaps`);
      await expectStatus(anon, 401, 'Unauthorized');
      const wrong = await fetch(`${t.server.url}/api/v1/namespaces`, { headers: { authorization: 'Bearer nope' } });
      await expectStatus(wrong, 401, 'Unauthorized');
      expect((await t.call('/api/v1/namespaces')).status).toBe(200);
      expect((await fetch(`${t.server.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${t.server.url}/version`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('records kubectl as the user when kubectl calls', async () => {
    await s.call(CM, { method: 'POST', json: configMap('a'), headers: { 'user-agent': 'kubectl/v1.31.0 (linux/amd64)' } });
    await s.call(CM, { method: 'POST', json: configMap('b') });
    const users = s.cluster.trace.entries().filter((e) => e.resource === 'configmaps').map((e) => e.user);
    expect(users).toEqual(['kubectl', 'admin']);
  });
});
