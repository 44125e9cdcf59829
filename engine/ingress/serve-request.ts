/**
 * How the ingress controller answers one request on a node's port 80 or 443 — what ingress-nginx's
 * generated nginx configuration does:
 *
 *  - route with the `ingress.host` part (host rules, then defaultBackend, else 404; paths with
 *    the `ingress.path` part) across all Ingresses of the class, oldest first;
 *  - resolve the backend Service to its ready endpoints (backends.ts), pick one round-robin
 *    (ingress-nginx's default load-balance), and proxy the request to it from the node's IP, the
 *    Host header kept and X-Real-IP, X-Forwarded-For/-Host/-Port/-Proto/-Scheme added
 *    (ingress-nginx's default proxy headers); the pod's answer is returned as is;
 *  - its own answers are nginx's pages (error-pages.ts): 500 when a part throws (reported to
 *    onError), 404 when nothing matches, 503 when the backend has no ready endpoints (or no
 *    Service), 502 when no endpoint accepts the connection (up to 3 tries, proxy_next_upstream
 *    error timeout), 504 when the pod does not answer within 60 s (proxy-read-timeout);
 *    connecting gives up after 5 s (proxy-connect-timeout);
 *  - TLS (port 443) is plain HTTP in the simulation, but only for hosts listed in an Ingress's
 *    spec.tls whose secretName names a Secret of the Ingress's namespace of type
 *    `kubernetes.io/tls` with `tls.crt` and `tls.key`; the answer carries
 *    `x-tinykube-tls-certificate: <namespace>/<secret>`. For any other host ingress-nginx would
 *    present its default "Kubernetes Ingress Controller Fake Certificate" (issued for
 *    `ingress.local`), which a client that verifies certificates refuses: the request fails with
 *    Go's `x509: certificate is valid for ingress.local, not <host>`. On port 80, a host with such
 *    a TLS entry in the Ingress whose rule answers is redirected with 308 to https://
 *    (ingress-nginx's ssl-redirect default), unless that Ingress is annotated
 *    `nginx.ingress.kubernetes.io/ssl-redirect: "false"`.
 */
import type { corev1, networkingv1 } from '../api/types.ts';
import { NetworkError, type HttpRequest, type HttpResponse } from '../runtime/network.ts';
import type { SimulatedNetwork } from '../runtime/simulated-network.ts';
import { resolveBackend, type BackendEndpoint, type BackendListers } from './backends.ts';
import { nginxErrorPage } from './error-pages.ts';
import type { IngressHostPart } from './host-rules.ts';
import type { IngressPathPart } from './path-match.ts';

export const HTTP_PORT = 80;
export const HTTPS_PORT = 443;
/** ingress-nginx defaults: proxy-connect-timeout 5 s, proxy-read-timeout 60 s, proxy-next-upstream-tries 3. */
export const PROXY_CONNECT_TIMEOUT_MS = 5_000;
export const PROXY_READ_TIMEOUT_MS = 60_000;
export const PROXY_NEXT_UPSTREAM_TRIES = 3;
export const TLS_CERTIFICATE_HEADER = 'x-tinykube-tls-certificate';
const SSL_REDIRECT_ANNOTATION = 'nginx.ingress.kubernetes.io/ssl-redirect';

export interface RequestHandlerDeps {
  network: Pick<SimulatedNetwork, 'tcpConnect' | 'httpRequest'>;
  parts: { paths: IngressPathPart; hosts: IngressHostPart };
  onError: (err: unknown) => void;
  /** Every Ingress of the controller's class, oldest first (from its informer's cache). */
  ingresses(): networkingv1.Ingress[];
  secret(namespace: string, name: string): corev1.Secret | undefined;
  backends: BackendListers;
}

/** The handler the controller listens with on every node IP: (nodeIp, port, request, client IP) → answer. */
export type RequestHandler = (nodeIp: string, port: number, req: HttpRequest, fromIp: string | undefined) => Promise<HttpResponse>;

export function createRequestHandler(deps: RequestHandlerDeps): RequestHandler {
  const { network, parts, onError } = deps;
  const roundRobin = new Map<string, number>();

  function validTlsSecret(namespace: string, name: string | undefined): boolean {
    if (!name) return false;
    const s = deps.secret(namespace, name);
    return !!s && s.type === 'kubernetes.io/tls' && !!s.data?.['tls.crt'] && !!s.data?.['tls.key'];
  }

  /** The `namespace/secret` whose certificate serves `host`, if an Ingress of the class has a valid one. */
  function certificateFor(ingresses: readonly networkingv1.Ingress[], host: string): { ingress: networkingv1.Ingress; secret: string } | undefined {
    for (const ing of ingresses) {
      const ns = ing.metadata?.namespace ?? 'default';
      for (const tls of ing.spec?.tls ?? []) {
        if (!(tls.hosts ?? []).some((h) => h && parts.hosts.matchHost(h, host))) continue;
        if (validTlsSecret(ns, tls.secretName)) return { ingress: ing, secret: `${ns}/${tls.secretName}` };
      }
    }
    return undefined;
  }

  async function serve(nodeIp: string, port: number, req: HttpRequest, fromIp: string | undefined): Promise<HttpResponse> {
    const host = req.headers.host ?? nodeIp;
    const hostName = host.replace(/:\d+$/, '').toLowerCase();
    const path = req.path.split('?')[0] || '/';
    const ingresses = deps.ingresses();
    let cert: ReturnType<typeof certificateFor>;
    try {
      cert = certificateFor(ingresses, host);
    } catch (err) {
      onError(new Error(`matching TLS hosts for ${host}: ${err instanceof Error ? err.message : String(err)}`));
      return nginxErrorPage(500, req.method);
    }
    if (port === HTTPS_PORT && !cert) {
      throw new NetworkError('ECONNREFUSED', `tls: failed to verify certificate: x509: certificate is valid for ingress.local, not ${hostName}`);
    }
    let route: ReturnType<IngressHostPart['route']>;
    try {
      route = parts.hosts.route(ingresses, { host, path }, parts.paths);
    } catch (err) {
      // A part that throws (an unfinished exercise) is a bug in the controller: nginx would
      // answer 500 and log it; the error goes to the cluster's component errors.
      onError(new Error(`routing ${req.method} ${host}${path}: ${err instanceof Error ? err.message : String(err)}`));
      return nginxErrorPage(500, req.method);
    }
    if (route.kind === 'none') return nginxErrorPage(404, req.method);
    if (port === HTTP_PORT && cert && route.kind === 'rule' && cert.ingress === route.ingress && route.ingress.metadata?.annotations?.[SSL_REDIRECT_ANNOTATION] !== 'false') {
      return { status: 308, headers: { server: 'nginx', location: `https://${hostName}${req.path}`, 'content-type': 'text/html' }, body: '' };
    }
    const backend = resolveBackend(route.ingress.metadata?.namespace ?? 'default', route.backend, deps.backends);
    if (backend.endpoints.length === 0) return nginxErrorPage(503, req.method);
    const clientIp = fromIp ?? '127.0.0.1';
    const headers: Record<string, string> = {
      ...req.headers,
      host,
      'x-real-ip': clientIp,
      'x-forwarded-for': clientIp,
      'x-forwarded-host': hostName,
      'x-forwarded-port': String(port),
      'x-forwarded-proto': port === HTTPS_PORT ? 'https' : 'http',
      'x-forwarded-scheme': port === HTTPS_PORT ? 'https' : 'http',
    };
    const tries = Math.min(PROXY_NEXT_UPSTREAM_TRIES, backend.endpoints.length);
    for (let attempt = 0; attempt < tries; attempt++) {
      const ep = next(backend.upstream, backend.endpoints);
      try {
        await network.tcpConnect(nodeIp, ep.ip, ep.port, PROXY_CONNECT_TIMEOUT_MS);
      } catch (err) {
        if (err instanceof NetworkError) continue; // proxy_next_upstream error timeout
        throw err;
      }
      try {
        const answer = await network.httpRequest(nodeIp, ep.ip, ep.port, { ...req, headers }, PROXY_READ_TIMEOUT_MS);
        return port === HTTPS_PORT && cert ? { ...answer, headers: { ...answer.headers, [TLS_CERTIFICATE_HEADER]: cert.secret } } : answer;
      } catch (err) {
        if (!(err instanceof NetworkError)) throw err;
        return nginxErrorPage(err.code === 'ETIMEDOUT' ? 504 : 502, req.method);
      }
    }
    return nginxErrorPage(502, req.method);
  }

  function next(upstream: string, endpoints: readonly BackendEndpoint[]): BackendEndpoint {
    const n = roundRobin.get(upstream) ?? 0;
    roundRobin.set(upstream, n + 1);
    return endpoints[n % endpoints.length]!;
  }

  return serve;
}
