import { createServer, type Server } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSelfSignedCert } from './self-signed-cert.ts';
import { startTlsProxy, type TlsProxy } from './tls-proxy.ts';

const cert = createSelfSignedCert({ now: Date.now() });
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function backend(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const server: Server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }));
  return (server.address() as AddressInfo).port;
}

async function proxyTo(port: number): Promise<TlsProxy> {
  const proxy = await startTlsProxy({ host: '127.0.0.1', port: 0, keyPem: cert.keyPem, certPem: cert.certPem, target: { host: '127.0.0.1', port } });
  cleanups.push(() => proxy.close());
  return proxy;
}

function get(port: number, path: string, headers: Record<string, string> = {}, ca = cert.certPem): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, ca }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject).end();
  });
}

describe('the TLS proxy in front of the HTTP API server', () => {
  it('carries a request and its Authorization header to the server and the answer back', async () => {
    const port = await backend((req, res) => res.end(`${req.url} ${req.headers.authorization}`));
    const proxy = await proxyTo(port);
    expect(await get(proxy.port, '/api?x=1', { authorization: 'Bearer t0k3n' })).toEqual({ status: 200, body: '/api?x=1 Bearer t0k3n' });
  });

  it('is trusted only by a client that has its CA', async () => {
    const proxy = await proxyTo(await backend((_req, res) => res.end('ok')));
    const other = createSelfSignedCert({ now: Date.now() }).certPem;
    await expect(get(proxy.port, '/', {}, other)).rejects.toThrow();
    expect((await get(proxy.port, '/')).body).toBe('ok'); // and keeps serving after a failed handshake
  });

  it('ends open streams (watches) when closed', async () => {
    const port = await backend((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"type":"ADDED"}\n'); // and never ends, like a watch
    });
    const proxy = await proxyTo(port);
    const ended = new Promise<string>((resolve, reject) => {
      request({ host: '127.0.0.1', port: proxy.port, path: '/watch', ca: cert.certPem }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => {
          body += d;
          if (body.includes('ADDED')) void proxy.close();
        });
        res.on('close', () => resolve(body)).on('error', () => resolve(body));
      }).on('error', reject).end();
    });
    expect(await ended).toBe('{"type":"ADDED"}\n');
  });
});
