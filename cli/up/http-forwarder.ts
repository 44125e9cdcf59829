/**
 * A real HTTP listener on the host that hands every request to the simulated cluster network and
 * writes the answer back — the host side of a port mapping, as kind's `extraPortMappings` (a
 * docker-published port in front of a node's hostPort) or `minikube tunnel` provide.
 *
 * Per request: method, path with query, headers (Host included, names lower-cased as the simulated
 * network expects) and the body go to `forward`; its status, headers and body come back. A
 * NetworkError (nothing listens on the node port, the Service has no endpoint, a timeout) is a
 * 502 Bad Gateway carrying the error's message, what a real proxy in front of an unreachable
 * upstream answers. Any other failure is a bug in the simulation: 500 with its message.
 *
 * Host side only (node:http): this file is in cli/, never imported by engine/.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { NetworkError, type HttpRequest, type HttpResponse } from '../../engine/runtime/network.ts';

export type Forward = (request: HttpRequest) => Promise<HttpResponse>;

export interface HttpForwarderOptions {
  /** The loopback (or --address) host to bind. */
  host: string;
  /** 0 = any free port. */
  port: number;
  forward: Forward;
  /** Serve HTTPS with these options (certificate, SNICallback) instead of plain HTTP. */
  tls?: HttpsServerOptions;
}

export interface HttpForwarder {
  readonly host: string;
  readonly port: number;
  /** Stops accepting and ends every open connection (a shutdown, not a drain); idempotent. */
  close(): Promise<void>;
}

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) and the framing headers Node recomputes for the body it
 * writes: a proxy never passes them through.
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'content-length']);

/** Listens on host:port; rejects with the listen error (EADDRINUSE, EACCES...) when it cannot. */
export function startHttpForwarder(options: HttpForwarderOptions): Promise<HttpForwarder> {
  const onRequest = (req: IncomingMessage, res: ServerResponse) => void handle(req, res, options.forward);
  const server: Server = options.tls ? createHttpsServer(options.tls, onRequest) : createServer(onRequest);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      let closing: Promise<void> | undefined;
      resolve({
        host: options.host,
        port,
        close: () => (closing ??= closeServer(server)),
      });
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, forward: Forward): Promise<void> {
  let answer: HttpResponse;
  try {
    answer = await forward(await readRequest(req));
  } catch (err) {
    const status = err instanceof NetworkError ? 502 : 500;
    answer = { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `${(err as Error).message}\n` };
  }
  if (res.destroyed) return;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers[name] = value;
  }
  const body = Buffer.from(answer.body, 'utf8');
  headers['content-length'] = String(body.length);
  res.writeHead(answer.status, headers);
  // A HEAD answer has the headers of the GET but never a body (RFC 9110 §9.3.2).
  res.end(req.method === 'HEAD' ? undefined : body);
}

function readRequest(req: IncomingMessage): Promise<HttpRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', reject);
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined || (HOP_BY_HOP.has(name) && name !== 'content-length')) continue;
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const body = Buffer.concat(chunks);
      resolve({ method: req.method ?? 'GET', path: req.url ?? '/', headers, ...(body.length > 0 ? { body: body.toString('utf8') } : {}) });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
