/**
 * createHttpApiServer: the cluster's apiserver over real HTTP on node:http, so kubectl and
 * client libraries can talk to a tinykube cluster. Paths, verbs and bodies follow the upstream
 * REST API; every failure is a metav1 Status with its code; nothing a client sends can crash the
 * server or change state on an error path.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Cluster } from '../../cluster/index.ts';
import type { Clock } from '../../util/clock.ts';
import { authenticate, userOf } from './auth.ts';
import { loadApiMeta, type ApiMeta } from './api-meta.ts';
import { serveResource } from './resource.ts';
import { route, type Route } from './router.ts';
import { newResourceNotFound } from '../../api/errors.ts';
import { methodNotAllowed, sendJson, sendStatus, sendText } from './status.ts';
import { StatusError } from '../../api/errors.ts';

export interface HttpApiServerOptions {
  cluster: Cluster<Clock>;
  /** Default 127.0.0.1: nothing listens beyond loopback unless asked. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** When set, requests need `Authorization: Bearer <token>`. */
  token?: string;
}

export interface HttpApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Upstream's default health checks, as `?verbose` lists them. */
const CHECKS = ['ping', 'log', 'etcd', 'informer-sync', 'poststarthook/start-apiserver-admission-initializer', 'poststarthook/generic-apiserver-start-informers', 'poststarthook/start-kube-apiserver-admission-initializer'];

function notAcceptable(): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'only application/json is served', reason: 'NotAcceptable', code: 406 });
}

/** OpenAPI is served as JSON only; a client asking for protobuf alone gets 406 and falls back. */
function acceptsJson(req: IncomingMessage): boolean {
  const accept = req.headers.accept;
  return !accept || /application\/json|\*\/\*|application\/\*/.test(accept);
}

async function serveMeta(req: IncomingMessage, res: ServerResponse, r: Exclude<Route, { kind: 'resource' } | { kind: 'notFound' }>, meta: ApiMeta, query: URLSearchParams): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(req.method ?? '');
  switch (r.kind) {
    case 'version':
      return sendJson(res, 200, meta.SERVER_VERSION);
    case 'health': {
      if (!query.has('verbose')) return sendText(res, 200, 'ok');
      return sendText(res, 200, `${CHECKS.map((c) => `[+]${c} ok`).join('\n')}\n${r.check} check passed\n`);
    }
    case 'api':
      return sendJson(res, 200, meta.apiVersions());
    case 'apis':
      return sendJson(res, 200, meta.apiGroupList());
    case 'group': {
      const list = meta.apiGroupList() as { groups?: Array<{ name: string }> };
      const g = list.groups?.find((x) => x.name === r.group);
      if (!g) throw newResourceNotFound();
      return sendJson(res, 200, { kind: 'APIGroup', apiVersion: 'v1', ...g });
    }
    case 'groupVersion': {
      const list = meta.apiResourceList(r.group, r.version);
      if (!list) throw newResourceNotFound();
      return sendJson(res, 200, list);
    }
    case 'openapiV2': {
      const doc = meta.openApiV2();
      if (!doc) throw newResourceNotFound();
      if (!acceptsJson(req)) throw notAcceptable();
      return sendJson(res, 200, doc);
    }
    case 'openapiV3': {
      const doc = r.path === undefined ? meta.openApiV3Paths() : meta.openApiV3Document(r.path);
      if (!doc) throw newResourceNotFound();
      if (!acceptsJson(req)) throw notAcceptable();
      return sendJson(res, 200, doc);
    }
  }
}

export async function createHttpApiServer(options: HttpApiServerOptions): Promise<HttpApiServer> {
  const { cluster, token } = options;
  const meta = await loadApiMeta();
  const sockets = new Set<Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    authenticate(req, url.pathname, token);
    const r = route(url.pathname);
    if (r.kind === 'notFound') throw newResourceNotFound();
    if (r.kind !== 'resource') return serveMeta(req, res, r, meta, url.searchParams);
    await serveResource({
      req,
      res,
      query: url.searchParams,
      cluster,
      meta,
      user: userOf(req),
      info: r.info,
      namespace: r.namespace,
      name: r.name,
      subresource: r.subresource,
      legacyWatch: r.watch,
    });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).then(
      () => {
        // Drain what the client sent but no handler read (e.g. a GET with a body).
        if (!req.complete) req.resume();
      },
      (err: unknown) => {
        const tooLarge = err instanceof StatusError && err.code === 413;
        // After a refused body, close the connection rather than read the rest of it.
        sendStatus(res, err, tooLarge ? { Connection: 'close' } : {});
        if (!req.complete && !tooLarge) req.resume();
      },
    );
  });
  // A client gets 30 s to send its headers and 60 s for the whole request (a slow-loris body is
  // cut with 408); both bound only the receiving side, so long watches and followed logs go on.
  server.headersTimeout = 30_000;
  server.requestTimeout = 60_000;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
