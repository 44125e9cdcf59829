/**
 * The host-side forwarder with a stand-in for the cluster: real HTTP requests on loopback, the
 * request the cluster receives, the answer the client gets, and a NetworkError as 502.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { NetworkError, type HttpRequest } from '../../engine/runtime/network.ts';
import { startHttpForwarder, type HttpForwarder } from './http-forwarder.ts';

const open: HttpForwarder[] = [];
afterEach(async () => {
  for (const f of open.splice(0)) await f.close();
});

async function start(forward: (r: HttpRequest) => Promise<{ status: number; headers: Record<string, string>; body: string }>) {
  const f = await startHttpForwarder({ host: '127.0.0.1', port: 0, forward });
  open.push(f);
  return f;
}

function send(port: number, init: { method?: string; path?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: init.method ?? 'GET', path: init.path ?? '/', headers: init.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('HTTP forwarder (a host port in front of the simulated network)', () => {
  it('hands the cluster the method, path with query, Host and other headers, and the body', async () => {
    const seen: HttpRequest[] = [];
    const f = await start(async (r) => {
      seen.push(r);
      return { status: 201, headers: { 'content-type': 'text/plain' }, body: 'made\n' };
    });
    const res = await send(f.port, { method: 'POST', path: '/api/items?x=1', headers: { host: 'shop.example.com', 'x-trace': 'abc', 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(res.status).toBe(201);
    expect(res.body).toBe('made\n');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/api/items?x=1', body: '{"a":1}' });
    expect(seen[0]!.headers).toMatchObject({ host: 'shop.example.com', 'x-trace': 'abc', 'content-type': 'application/json', 'content-length': '7' });
    expect(seen[0]!.headers.connection).toBeUndefined();
  });

  it('sends no body for a bodiless GET', async () => {
    const seen: HttpRequest[] = [];
    const f = await start(async (r) => {
      seen.push(r);
      return { status: 200, headers: {}, body: 'ok' };
    });
    await send(f.port, { path: '/' });
    expect(seen[0]!.body).toBeUndefined();
  });

  it("writes back the cluster's status, headers and body with a recomputed content-length", async () => {
    const f = await start(async () => ({ status: 404, headers: { server: 'nginx/1.27.3', 'content-type': 'text/html', 'content-length': '999', 'transfer-encoding': 'chunked' }, body: 'not here – ünïcode\n' }));
    const res = await send(f.port, { path: '/missing' });
    expect(res.status).toBe(404);
    expect(res.headers.server).toBe('nginx/1.27.3');
    expect(res.headers['content-type']).toBe('text/html');
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength('not here – ünïcode\n')));
    expect(res.body).toBe('not here – ünïcode\n');
  });

  it('answers HEAD with the headers only', async () => {
    const f = await start(async () => ({ status: 200, headers: { 'content-type': 'text/html' }, body: '<h1>hi</h1>' }));
    const res = await send(f.port, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
  });

  it('turns a NetworkError into 502 Bad Gateway carrying its message', async () => {
    const f = await start(async () => {
      throw new NetworkError('ECONNREFUSED', 'dial tcp 172.18.0.2:80: connect: connection refused');
    });
    const res = await send(f.port);
    expect(res.status).toBe(502);
    expect(res.body).toBe('dial tcp 172.18.0.2:80: connect: connection refused\n');
  });

  it('turns any other failure into 500 and keeps serving', async () => {
    let calls = 0;
    const f = await start(async () => {
      if (calls++ === 0) throw new Error('bug in a handler');
      return { status: 200, headers: {}, body: 'fine' };
    });
    expect((await send(f.port)).status).toBe(500);
    expect(await send(f.port)).toMatchObject({ status: 200, body: 'fine' });
  });

  it('rejects with EADDRINUSE when the port is taken, and frees its port on close', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as AddressInfo).port;
    await expect(startHttpForwarder({ host: '127.0.0.1', port: taken, forward: async () => ({ status: 200, headers: {}, body: '' }) })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await new Promise<void>((r) => blocker.close(() => r()));

    const f = await startHttpForwarder({ host: '127.0.0.1', port: taken, forward: async () => ({ status: 200, headers: {}, body: '' }) });
    await f.close();
    await expect(send(taken)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
