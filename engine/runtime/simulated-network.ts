/**
 * The cluster's flat pod network (the Kubernetes network model: every pod gets its own IP and
 * reaches every other pod without NAT). One per cluster. Runtimes attach the IPs of their pods
 * and of their node, and container processes listen on ports of their pod's IP.
 *
 * Seam for kube-proxy: `addRouter` installs a rule consulted before delivery, which may rewrite
 * the destination (DNAT from a ClusterIP:port to one endpoint's podIP:port, as iptables/ipvs
 * rules do) or reject it. Routers run in the order they were added; the first answer wins.
 *
 * Errors read like Go's net package, which is what the kubelet's probes and agnhost print:
 *   unknown IP (nobody answers ARP):        dial tcp 10.244.9.9:80: i/o timeout          (after the timeout)
 *   IP attached, nothing on the port:       dial tcp 10.244.1.5:80: connect: connection refused
 *   handler slower than the timeout:        context deadline exceeded (Client.Timeout exceeded while awaiting headers)
 */
import type { Clock } from '../util/clock.ts';
import { NetworkError, type ClusterNetwork, type HttpRequest, type HttpResponse } from './network.ts';

export type HttpHandler = (request: HttpRequest, fromIp: string | undefined) => Promise<HttpResponse> | HttpResponse;

export interface Destination {
  ip: string;
  port: number;
}

/** A routing rule: a new destination, a NetworkError to fail with, or undefined to pass. */
export type Router = (destination: Destination, fromIp: string | undefined) => Destination | NetworkError | undefined;

export interface SimulatedNetwork extends ClusterNetwork {
  /** Makes `ip` reachable (a pod sandbox's veth, or a node's address). */
  attachIp(ip: string, owner: string): void;
  /** Makes `ip` unreachable again and closes every listener on it. */
  detachIp(ip: string): void;
  hasIp(ip: string): boolean;
  /**
   * Listens on ip:port; returns the function that closes the listener. Rejects a second listener
   * on the same address with `listen tcp ip:port: bind: address already in use`.
   */
  listen(ip: string, port: number, handler: HttpHandler): () => void;
  /** Installs a routing rule (kube-proxy's seam); returns the function that removes it. */
  addRouter(router: Router): () => void;
  /** Installs the cluster DNS (the DNS issue's seam); until then every name is unknown. */
  setResolver(resolver: Resolver | undefined): void;
  /** Resolves a host name as seen from `fromIp`; undefined when no server answers or the name is unknown. */
  resolve(name: string, fromIp: string | undefined): Promise<string[] | undefined>;
}

export type Resolver = (name: string, fromIp: string | undefined) => Promise<string[] | undefined> | string[] | undefined;

export interface SimulatedNetworkOptions {
  clock: Clock;
}

export function createSimulatedNetwork(options: SimulatedNetworkOptions): SimulatedNetwork {
  const { clock } = options;
  const owners = new Map<string, string>();
  const listeners = new Map<string, HttpHandler>();
  const routers: Router[] = [];
  let resolver: Resolver | undefined;
  const addr = (ip: string, port: number) => `${ip}:${port}`;

  function route(ip: string, port: number, fromIp: string | undefined): Destination | NetworkError {
    for (const router of routers) {
      const out = router({ ip, port }, fromIp);
      if (out !== undefined) return out;
    }
    return { ip, port };
  }

  /** The handler at the destination, or the error a dialer would see (after the timeout for an unknown host). */
  async function dial(fromIp: string | undefined, ip: string, port: number, timeoutMs: number): Promise<HttpHandler> {
    const dest = route(ip, port, fromIp);
    if (dest instanceof NetworkError) throw dest;
    if (!owners.has(dest.ip)) {
      await clock.sleep(timeoutMs);
      throw new NetworkError('ETIMEDOUT', `dial tcp ${addr(ip, port)}: i/o timeout`);
    }
    const handler = listeners.get(addr(dest.ip, dest.port));
    if (!handler) throw new NetworkError('ECONNREFUSED', `dial tcp ${addr(ip, port)}: connect: connection refused`);
    return handler;
  }

  return {
    attachIp(ip, owner) {
      owners.set(ip, owner);
    },
    detachIp(ip) {
      owners.delete(ip);
      for (const key of [...listeners.keys()]) if (key.startsWith(`${ip}:`)) listeners.delete(key);
    },
    hasIp(ip) {
      return owners.has(ip);
    },
    listen(ip, port, handler) {
      const key = addr(ip, port);
      if (listeners.has(key)) throw new NetworkError('ECONNREFUSED', `listen tcp ${key}: bind: address already in use`);
      listeners.set(key, handler);
      return () => {
        if (listeners.get(key) === handler) listeners.delete(key);
      };
    },
    addRouter(router) {
      routers.push(router);
      return () => {
        const i = routers.indexOf(router);
        if (i >= 0) routers.splice(i, 1);
      };
    },
    setResolver(r) {
      resolver = r;
    },
    async resolve(name, fromIp) {
      if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return [name];
      return resolver ? await resolver(name, fromIp) : undefined;
    },
    async tcpConnect(fromIp, ip, port, timeoutMs) {
      await dial(fromIp, ip, port, timeoutMs);
    },
    async httpRequest(fromIp, ip, port, request, timeoutMs) {
      const handler = await dial(fromIp, ip, port, timeoutMs);
      let timer: number | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = clock.setTimeout(
          () => reject(new NetworkError('ETIMEDOUT', 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)')),
          timeoutMs,
        );
      });
      const answer = (async () => {
        try {
          return await handler({ ...request, headers: { host: `${ip}:${port}`, ...request.headers } }, fromIp);
        } catch (err) {
          if (err instanceof NetworkError) throw err;
          throw new NetworkError('ECONNREFUSED', `read tcp ${fromIp ?? 'host'}->${addr(ip, port)}: read: connection reset by peer`);
        }
      })();
      try {
        return await Promise.race([answer, timeout]);
      } finally {
        clock.clearTimeout(timer);
      }
    },
  };
}
