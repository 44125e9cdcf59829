/**
 * The cluster's HTTP entry points on real host ports, so `curl` on this machine reaches simulated
 * pods:
 *
 *  - the ingress controller: one listener (--ingress-port, default 8080) forwarding to port 80 of
 *    the first Ready node, where the simulated ingress controller listens like ingress-nginx with
 *    a hostPort — kind's documented ingress setup maps host port 80 to a node's port 80 with
 *    `extraPortMappings` the same way;
 *  - its HTTPS: one listener (--ingress-https-port, default 8443) terminating TLS on the host with
 *    the certificate of the Ingress TLS Secret for the SNI host (ingress-tls.ts), forwarding the
 *    decrypted request to port 443 of the same node;
 *  - NodePorts: for every Service of type NodePort or LoadBalancer, a listener on
 *    <address>:<nodePort> forwarding to <nodeIP>:<nodePort>, where kube-proxy's rules take over
 *    (kind's extraPortMappings per NodePort; minikube's `service --url`/tunnel). A port already
 *    taken on this machine is skipped with a warning; the listener closes when the Service (or its
 *    NodePort) goes.
 *
 * The target node is chosen per request: the first Ready node by name with an InternalIP, so a
 * stopped node does not break the mapping (kube-proxy answers NodePorts on every node). Timeouts
 * are simulated milliseconds, like every timeout inside the cluster.
 */
import type { corev1 } from '../../engine/api/types.ts';
import { createSharedInformerFactory } from '../../engine/client/index.ts';
import type { Client } from '../../engine/client/index.ts';
import type { ResourceEventHandler } from '../../engine/client/cache/processor.ts';
import type { SimulatedNetwork } from '../../engine/runtime/index.ts';
import { NetworkError, type HttpResponse } from '../../engine/runtime/network.ts';
import type { Clock } from '../../engine/util/clock.ts';
import { serverUrl } from './kubeconfig.ts';
import { startHttpForwarder, type HttpForwarder } from './http-forwarder.ts';
import { fakeIngressCert, sniCallback } from './ingress-tls.ts';

/** The host ports tried first for the ingress controller's HTTP and HTTPS (unprivileged 80 / 443). */
export const DEFAULT_INGRESS_PORT = 8080;
export const DEFAULT_INGRESS_HTTPS_PORT = 8443;
/** ingress-nginx's proxy-read-timeout default (60 s), in simulated time. */
export const DEFAULT_FORWARD_TIMEOUT_MS = 60_000;

export interface LoopbackPortsOptions {
  /** The parts of a Cluster this needs (tests pass a cluster without nodes). */
  cluster: { client(user?: string): Client; clock: Clock; network: Pick<SimulatedNetwork, 'httpRequest'> };
  /** The address to bind (--address; 127.0.0.1 by default). */
  host: string;
  /** --ingress-port; undefined: DEFAULT_INGRESS_PORT, or any free port when that one is taken. 0: any free port. */
  ingressPort?: number;
  timeoutMs?: number;
  /** The port tried when ingressPort is undefined; default DEFAULT_INGRESS_PORT (tests change it). */
  defaultIngressPort?: number;
  /** --ingress-https-port, the same way; default DEFAULT_INGRESS_HTTPS_PORT. */
  ingressHttpsPort?: number;
  defaultIngressHttpsPort?: number;
  log(line: string): void;
  warn(line: string): void;
}

export interface LoopbackPorts {
  readonly ingressPort: number;
  /** e.g. http://127.0.0.1:8080 */
  readonly ingressUrl: string;
  /** HTTPS, terminated on the host with the Ingress's TLS Secret (SNI), e.g. https://127.0.0.1:8443 */
  readonly ingressHttpsPort: number;
  readonly ingressHttpsUrl: string;
  /** The NodePorts served on the host right now, ascending. */
  nodePorts(): number[];
  /** Resolves once every Service change seen so far has opened or closed its listeners. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export class IngressPortInUseError extends Error {}

/** The first Ready node by name that has an InternalIP, or undefined. */
export function pickNodeIp(nodes: readonly corev1.Node[]): string | undefined {
  const ready = [...nodes]
    .filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  for (const n of ready) {
    const ip = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    if (ip) return ip;
  }
  return undefined;
}

/** nodePort → "namespace/name" for every TCP port of every NodePort/LoadBalancer Service. */
export function wantedNodePorts(services: readonly corev1.Service[]): Map<number, string> {
  const wanted = new Map<number, string>();
  for (const s of services) {
    if (s.spec?.type !== 'NodePort' && s.spec?.type !== 'LoadBalancer') continue;
    for (const p of s.spec.ports ?? []) {
      if (!p.nodePort || (p.protocol ?? 'TCP') !== 'TCP') continue;
      if (!wanted.has(p.nodePort)) wanted.set(p.nodePort, `${s.metadata?.namespace ?? 'default'}/${s.metadata?.name ?? ''}`);
    }
  }
  return wanted;
}

/**
 * The controller's https:// redirects (ssl-redirect, 308) name the node's port 443; on this
 * machine HTTPS is on another port, so the Location gets that port, as a port mapping must.
 */
export function withHostHttpsPort(answer: HttpResponse, httpsPort: number): HttpResponse {
  const location = answer.headers.location;
  if (answer.status < 300 || answer.status > 399 || !location || httpsPort === 443) return answer;
  const m = /^https:\/\/([^/:]+)(?::443)?(\/.*)?$/.exec(location);
  if (!m) return answer;
  return { ...answer, headers: { ...answer.headers, location: `https://${m[1]}:${httpsPort}${m[2] ?? '/'}` } };
}

export async function startLoopbackPorts(options: LoopbackPortsOptions): Promise<LoopbackPorts> {
  const { cluster, host } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_FORWARD_TIMEOUT_MS;
  const factory = createSharedInformerFactory(cluster.client('tinykube-up'), { clock: cluster.clock, onError: (err) => options.warn(`loopback ports: ${(err as Error).message}`) });
  const nodes = factory.nodes();
  const services = factory.services();

  const toNode = (port: number) => async (request: Parameters<SimulatedNetwork['httpRequest']>[3]) => {
    const ip = pickNodeIp(nodes.lister().list());
    if (!ip) throw new NetworkError('EHOSTUNREACH', 'no Ready node to forward to');
    return cluster.network.httpRequest(undefined, ip, port, request, timeoutMs);
  };

  const ingresses = factory.ingresses();
  const secrets = factory.secrets();

  /** Listens on the asked port; an unset port falls back to any free one when its default is taken. */
  const listen = async (what: string, flag: string, asked: number | undefined, preferred: number, forward: Parameters<typeof startHttpForwarder>[0]['forward'], tls?: Parameters<typeof startHttpForwarder>[0]['tls']) => {
    const port = asked ?? preferred;
    try {
      return await startHttpForwarder({ host, port, forward, tls });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (asked !== undefined || (code !== 'EADDRINUSE' && code !== 'EACCES')) {
        throw new IngressPortInUseError(`cannot serve ${what} on ${host}:${port}: ${code ?? (err as Error).message} (pick another with ${flag}; 0 = any free port)`);
      }
      const fallback = await startHttpForwarder({ host, port: 0, forward, tls });
      options.warn(`port ${port} is taken: ${what} is served on port ${fallback.port} instead`);
      return fallback;
    }
  };

  // HTTPS first, so the HTTP side knows which host port its https:// redirects must name.
  const fake = fakeIngressCert(Date.now());
  const sni = sniCallback({ ingresses: () => ingresses.lister().list(), secret: (ns, name) => secrets.lister().get(ns, name) }, fake);
  const https = await listen('the ingress controller (HTTPS)', '--ingress-https-port', options.ingressHttpsPort, options.defaultIngressHttpsPort ?? DEFAULT_INGRESS_HTTPS_PORT, toNode(443), {
    key: fake.keyPem,
    cert: fake.certPem,
    SNICallback: sni.callback,
  });
  let ingress: HttpForwarder;
  try {
    ingress = await listen('the ingress controller', '--ingress-port', options.ingressPort, options.defaultIngressPort ?? DEFAULT_INGRESS_PORT, async (request) => {
      const answer = await toNode(80)(request);
      return withHostHttpsPort(answer, https.port);
    });
  } catch (err) {
    await https.close();
    throw err;
  }

  const open = new Map<number, { forwarder: HttpForwarder; service: string }>();
  /** Ports that could not be bound, with the Service that wanted them (warned once). */
  const skipped = new Map<number, string>();
  let closed = false;
  let chain: Promise<void> = Promise.resolve();

  const reconcile = async () => {
    const wanted = closed ? new Map<number, string>() : wantedNodePorts(services.lister().list());
    for (const [port, entry] of [...open]) {
      if (wanted.get(port) === entry.service) continue;
      open.delete(port);
      await entry.forwarder.close();
      if (!closed) options.log(`NodePort ${port} (service ${entry.service}) no longer served on ${host}:${port}`);
    }
    for (const [port, service] of [...skipped]) if (wanted.get(port) !== service) skipped.delete(port);
    for (const [port, service] of wanted) {
      if (open.has(port) || skipped.has(port)) continue;
      try {
        open.set(port, { forwarder: await startHttpForwarder({ host, port, forward: toNode(port) }), service });
        options.log(`NodePort ${port} (service ${service}) served on ${serverUrl(host, port, 'http')}`);
      } catch (err) {
        skipped.set(port, service);
        options.warn(`NodePort ${port} (service ${service}) not served on ${host}:${port}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
    }
  };
  const schedule = () => {
    chain = chain.then(reconcile).catch((err: unknown) => options.warn(`loopback ports: ${(err as Error).message}`));
  };
  const handler: ResourceEventHandler<corev1.Service> = { onAdd: schedule, onUpdate: schedule, onDelete: schedule };
  services.addEventHandler(handler);
  factory.start();
  await factory.waitForCacheSync();

  return {
    ingressPort: ingress.port,
    ingressUrl: serverUrl(host, ingress.port, 'http'),
    ingressHttpsPort: https.port,
    ingressHttpsUrl: serverUrl(host, https.port, 'https'),
    nodePorts: () => [...open.keys()].sort((a, b) => a - b),
    async settled() {
      await services.whenIdle();
      await chain;
    },
    async close() {
      if (closed) return;
      closed = true;
      await factory.stop();
      schedule();
      await chain;
      await ingress.close();
      await https.close();
    },
  };
}
