/**
 * The cluster's flat pod network (the Kubernetes network model: every pod gets its own IP and
 * reaches every other pod without NAT). One per cluster. Runtimes attach the IPs of their pods
 * and of their node, and container processes listen on ports of their pod's IP.
 *
 * Seam for kube-proxy: `addRouter` installs a rule consulted before delivery, which may rewrite
 * the destination (DNAT from a ClusterIP:port to one endpoint's podIP:port, as iptables/ipvs
 * rules do) or reject it. Routers run in the order they were added; the first answer wins.
 * A router may be scoped to a node (RouterScope): the network is shared, but a node's rules
 * (iptables in its own kernel) only see the packets that pass through that node — the ones its
 * pods or the node itself send, and the ones addressed to the node's own IP (a NodePort). A
 * connection from the host (fromIp undefined) to any other address is handled as if the host
 * were the first node whose scoped router is installed.
 *
 * Errors read like Go's net package, which is what the kubelet's probes and agnhost print:
 *   unknown IP (nobody answers ARP):        dial tcp 10.244.9.9:80: i/o timeout          (after the timeout)
 *   IP attached, nothing on the port:       dial tcp 10.244.1.5:80: connect: connection refused
 *   handler slower than the timeout:        context deadline exceeded (Client.Timeout exceeded while awaiting headers)
 */
import type { Clock } from '../util/clock.ts';
import { NetworkError, type ClusterNetwork, type HttpRequest, type HttpResponse } from './network.ts';
import type { DnsQuestion, DnsResponse, DnsServer } from './dns-message.ts';

export type HttpHandler = (request: HttpRequest, fromIp: string | undefined) => Promise<HttpResponse> | HttpResponse;

export interface Destination {
  ip: string;
  port: number;
}

/** A routing rule: a new destination, a NetworkError to fail with, or undefined to pass. */
export type Router = (destination: Destination, fromIp: string | undefined) => Destination | NetworkError | undefined;

/**
 * Which connections a node's router sees (kube-proxy's rules live in one node's kernel):
 * those whose source is the node's IP or in its pod CIDR, those addressed to the node's IP, and
 * host connections (fromIp undefined) to an address no node owns, when this is the first scoped
 * router installed. A stopped node removes its router, so its rules vanish with it.
 */
export interface RouterScope {
  node: { name: string; ip: string; podCIDR: string };
}

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
  /**
   * Installs a routing rule (kube-proxy's seam); returns the function that removes it. Without a
   * scope the router sees every connection; with one, only its node's (see RouterScope).
   */
  addRouter(router: Router, scope?: RouterScope): () => void;
  /** Installs the cluster DNS (the DNS issue's seam); until then every name is unknown. */
  setResolver(resolver: Resolver | undefined): void;
  /** Resolves a host name as seen from `fromIp`; undefined when no server answers or the name is unknown. */
  resolve(name: string, fromIp: string | undefined): Promise<string[] | undefined>;
  /**
   * Serves DNS on ip:53 (the cluster DNS's seam: CoreDNS behind the kube-dns Service IP);
   * returns the function that stops serving.
   */
  serveDns(ip: string, server: DnsServer): () => void;
  /**
   * One DNS exchange with the server at serverIp:53, as a resolver in a pod (fromIp) or on a node
   * (undefined) sends it. Nobody serving there rejects at once with ECONNREFUSED (a Service IP
   * without endpoints is REJECTed by kube-proxy's rules: ICMP port unreachable). Without a DNS
   * server but with a Resolver installed (setResolver), A questions are answered from it.
   */
  dnsQuery(fromIp: string | undefined, serverIp: string, question: DnsQuestion): Promise<DnsResponse>;
}

export type Resolver = (name: string, fromIp: string | undefined) => Promise<string[] | undefined> | string[] | undefined;

export interface SimulatedNetworkOptions {
  clock: Clock;
}

export function createSimulatedNetwork(options: SimulatedNetworkOptions): SimulatedNetwork {
  const { clock } = options;
  const owners = new Map<string, string>();
  const listeners = new Map<string, HttpHandler>();
  const routers: InstalledRouter[] = [];
  let resolver: Resolver | undefined;
  const dnsServers = new Map<string, DnsServer>();
  const addr = (ip: string, port: number) => `${ip}:${port}`;

  function route(ip: string, port: number, fromIp: string | undefined): Destination | NetworkError {
    // A host connection to an address no node owns is seen by the first scoped node's routers.
    const hostNode = fromIp === undefined && !routers.some((r) => r.scope?.node.ip === ip) ? routers.find((r) => r.scope)?.scope?.node.name : undefined;
    for (const r of routers) {
      if (r.scope) {
        const node = r.scope.node;
        const sees = ip === node.ip || (fromIp !== undefined ? fromIp === node.ip || r.inCidr(fromIp) : node.name === hostNode);
        if (!sees) continue;
      }
      const out = r.router({ ip, port }, fromIp);
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
    addRouter(router, scope) {
      const installed: InstalledRouter = { router, scope, inCidr: scope ? cidrMatcher(scope.node.podCIDR) : () => false };
      routers.push(installed);
      return () => {
        const i = routers.indexOf(installed);
        if (i >= 0) routers.splice(i, 1);
      };
    },
    setResolver(r) {
      resolver = r;
    },
    serveDns(ip, server) {
      dnsServers.set(ip, server);
      return () => {
        if (dnsServers.get(ip) === server) dnsServers.delete(ip);
      };
    },
    async dnsQuery(fromIp, serverIp, question) {
      const server = dnsServers.get(serverIp);
      if (server) return server(question, fromIp);
      if (!resolver) throw new NetworkError('ECONNREFUSED', `read udp ${fromIp ?? 'host'}->${serverIp}:53: read: connection refused`);
      // The older seam: a bare Resolver answers A questions (tests that install one by hand).
      const ips = question.type === 'A' ? await resolver(question.name, fromIp) : [];
      if (ips === undefined) throw new NetworkError('ECONNREFUSED', `read udp ${fromIp ?? 'host'}->${serverIp}:53: read: connection refused`);
      if (ips.length === 0 && question.type === 'A') return { rcode: 'NXDOMAIN', authoritative: true, answers: [], additionals: [] };
      return { rcode: 'NOERROR', authoritative: true, answers: ips.map((address) => ({ name: question.name, type: 'A' as const, ttl: 30, address })), additionals: [] };
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

interface InstalledRouter {
  router: Router;
  scope: RouterScope | undefined;
  inCidr: (ip: string) => boolean;
}

function ipToNumber(ip: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return undefined;
  return ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
}

/** Whether an IPv4 address is inside `cidr` (`10.244.1.0/24`); a malformed CIDR matches nothing. */
function cidrMatcher(cidr: string): (ip: string) => boolean {
  const [base, bitsText] = cidr.split('/');
  const baseNum = base === undefined ? undefined : ipToNumber(base);
  const bits = Number(bitsText);
  if (baseNum === undefined || !(bits >= 0 && bits <= 32)) return () => false;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (ip) => {
    const n = ipToNumber(ip);
    return n !== undefined && ((n & mask) >>> 0) === ((baseNum & mask) >>> 0);
  };
}
