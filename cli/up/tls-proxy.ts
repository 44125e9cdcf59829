/**
 * TLS in front of the HTTP API server: accepts TLS on the public address and pipes the bytes to
 * the plain-HTTP server on a private loopback port. engine/node/http speaks node:http only; this
 * keeps it so while kubectl gets the https:// it needs to send its token (see
 * self-signed-cert.ts). Only HTTP/1.1 is offered by ALPN, so Go's client does not try HTTP/2.
 * The Authorization header passes through untouched: the HTTP server still checks the token,
 * which also guards its private port against other local users.
 *
 * close(): stops accepting, then destroys every open connection (ends watch streams).
 */
import { connect, type Socket } from 'node:net';
import { createServer } from 'node:tls';

export interface TlsProxy {
  port: number;
  close(): Promise<void>;
}

export interface TlsProxyOptions {
  host: string;
  /** 0 = a free port. */
  port: number;
  keyPem: string;
  certPem: string;
  target: { host: string; port: number };
}

export function startTlsProxy(options: TlsProxyOptions): Promise<TlsProxy> {
  const open = new Set<Socket>();
  const server = createServer({ key: options.keyPem, cert: options.certPem, ALPNProtocols: ['http/1.1'] }, (client) => {
    const upstream = connect(options.target.port, options.target.host);
    open.add(client);
    open.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  // A client that fails the handshake (plain HTTP on the TLS port, an untrusted CA) is its own
  // problem: drop it and keep serving.
  server.on('tlsClientError', (_err, socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      let closing: Promise<void> | undefined;
      resolve({
        port,
        close() {
          closing ??= new Promise<void>((done) => {
            server.close(() => done());
            for (const s of open) s.destroy();
            open.clear();
          });
          return closing;
        },
      });
    });
  });
}
