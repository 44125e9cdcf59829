/**
 * `tinykube up`: a cluster on the real clock (sped up by --speed; resumed-clock.ts), its state in
 * <data-dir>/store or a real etcd, served by engine/node/http with a bearer token behind TLS
 * (tls-proxy.ts; plain HTTP without a token under --insecure), and a kubeconfig beside it. The
 * ingress controller and every NodePort Service are also served on real host ports of the same
 * address (loopback-ports.ts), so curl on this machine reaches simulated pods.
 * startUp returns once the API listens; `stop()` is the clean shutdown SIGINT and SIGTERM
 * trigger: stop accepting connections and end watches (TLS proxy, then the HTTP server, then the
 * ingress/NodePort listeners), then stop nodes and control plane and flush the store (cluster.close) — kube-apiserver's graceful
 * termination followed by the store's clean close.
 */
import { mkdirSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { RealClock } from '../../engine/util/clock.ts';
import { createCluster, type NodeClusterOptions } from '../../engine/node/create-cluster.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { KV } from '../../engine/store/kv.ts';
import { createHttpApiServer, type HttpApiServer } from '../../engine/node/http/index.ts';
import { createEtcdKV } from '../../engine/node/etcd/index.ts';
import { isLoopback, type UpOptions } from './args.ts';
import { loadOrCreateToken } from './token.ts';
import { serverUrl, writeKubeconfig } from './kubeconfig.ts';
import { loadLearnerParts } from './learner-parts.ts';
import { loadOrCreateServingCert } from './self-signed-cert.ts';
import { startTlsProxy, type TlsProxy } from './tls-proxy.ts';
import { ResumedClock, readSavedTime, saveTime } from './resumed-clock.ts';
import { IngressPortInUseError, startLoopbackPorts, type LoopbackPorts } from './loopback-ports.ts';

/** The HTTP server module (engine/node/http); tests pass a stand-in. */
export interface HttpModule {
  createHttpApiServer(options: { cluster: Cluster<RealClock>; host?: string; port?: number; token?: string }): Promise<HttpApiServer>;
}

export interface UpIO {
  log(line: string): void;
  warn(line: string): void;
}

export interface RunningUp {
  url: string;
  port: number;
  kubeconfigPath: string;
  cluster: Cluster<RealClock>;
  /** Where the ingress controller answers on this machine, e.g. http://127.0.0.1:8080. */
  ingressUrl: string;
  /** The ingress controller's HTTPS on this machine (certificates from the Ingresses' TLS Secrets). */
  ingressHttpsUrl: string;
  /** The NodePorts served on this machine right now (one listener each on <address>:<nodePort>). */
  nodePorts(): number[];
  /** Idempotent clean shutdown. */
  stop(): Promise<void>;
}

export class UpError extends Error {}

const isWildcard = (address: string) => address === '0.0.0.0' || address === '::';

export interface UpDeps {
  /** The HTTP server module; default engine/node/http (tests pass a stand-in). */
  http?: HttpModule;
}

export async function startUp(options: UpOptions, io: UpIO, deps: UpDeps = {}): Promise<RunningUp> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const http = deps.http ?? { createHttpApiServer };
  const clock = new ResumedClock(options.speed, readSavedTime(dataDir));
  const clusterOptions: NodeClusterOptions<RealClock> & { kv?: KV } = { clock, nodes: options.nodes };

  if (options.parts === 'mine') {
    const learner = await loadLearnerParts();
    for (const p of learner.problems) io.warn(p);
    clusterOptions.parts = learner.parts;
    if (learner.mine.length === 0) io.log('parts: every part is the reference (no completed exercise yet)');
    else io.log(`parts: yours for ${learner.mine.length} exercise(s), the reference for the rest:\n${learner.mine.map((m) => `  - ${m}`).join('\n')}`);
  }

  if (options.etcd) {
    // No prefix: the keys are upstream's own (/registry/pods/default/web-1), so
    // `etcdctl get --prefix /registry` shows the cluster as it would show a real one's.
    // The cluster owns the KV from here on and closes it.
    try {
      clusterOptions.kv = await createEtcdKV({ endpoints: [options.etcd] });
    } catch (err) {
      throw new UpError(`could not reach etcd at ${options.etcd}: ${(err as Error).message}`);
    }
  } else {
    clusterOptions.dataDir = join(dataDir, 'store');
  }

  const token = options.insecure ? undefined : loadOrCreateToken(dataDir);
  let cluster: Cluster<RealClock>;
  try {
    cluster = await createCluster(clusterOptions);
  } catch (err) {
    const message = (err as Error).message;
    throw new UpError(`could not start the cluster from ${clusterOptions.dataDir ?? options.etcd}: ${message}`);
  }

  // With a token: TLS on the public address (kubectl sends tokens only over TLS) in front of the
  // HTTP server on a private loopback port. With --insecure: plain HTTP on the public address.
  let server: HttpApiServer;
  let proxy: TlsProxy | undefined;
  let caPem: string | undefined;
  try {
    if (token === undefined) {
      server = await http.createHttpApiServer({ cluster, host: options.address, port: options.port });
    } else {
      server = await http.createHttpApiServer({ cluster, host: '127.0.0.1', port: 0, token });
      const ips = ['127.0.0.1', '::1', ...(isIP(options.address) && !isLoopback(options.address) && !isWildcard(options.address) ? [options.address] : [])];
      const cert = loadOrCreateServingCert(dataDir, { now: Date.now(), ips });
      caPem = cert.certPem;
      proxy = await startTlsProxy({ host: options.address, port: options.port, keyPem: cert.keyPem, certPem: cert.certPem, target: { host: '127.0.0.1', port: server.port } }).catch(async (err: unknown) => {
        await server.close();
        throw err;
      });
    }
  } catch (err) {
    await cluster.close();
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') throw new UpError(`port ${options.port} on ${options.address} is already in use: pick another with --port (0 = any free port)`);
    if (e.code === 'EADDRNOTAVAIL') throw new UpError(`cannot listen on ${options.address}: no such address on this machine`);
    if (e.code === 'EACCES') throw new UpError(`not allowed to listen on port ${options.port}: use a port above 1023`);
    throw err;
  }

  // The ingress controller and the NodePorts on real host ports (loopback-ports.ts).
  let ports: LoopbackPorts;
  try {
    ports = await startLoopbackPorts({ cluster, host: options.address, ingressPort: options.ingressPort, ingressHttpsPort: options.ingressHttpsPort, log: io.log, warn: io.warn });
  } catch (err) {
    await proxy?.close();
    await server.close();
    await cluster.close();
    if (err instanceof IngressPortInUseError) throw new UpError(err.message);
    throw err;
  }

  const port = proxy?.port ?? server.port;
  const url = serverUrl(options.address, port, proxy ? 'https' : 'http');
  const kubeconfigPath = join(dataDir, 'kubeconfig');
  writeKubeconfig(kubeconfigPath, { server: url, token, caPem });

  // Real timers: this is the host side of the clock, outside the simulated cluster.
  const saver = setInterval(() => saveTime(dataDir, clock.now()), 5_000);
  saver.unref();

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    kubeconfigPath,
    cluster,
    ingressUrl: ports.ingressUrl,
    ingressHttpsUrl: ports.ingressHttpsUrl,
    nodePorts: () => ports.nodePorts(),
    stop() {
      stopping ??= (async () => {
        clearInterval(saver);
        await proxy?.close();
        await server.close();
        await ports.close();
        await cluster.close();
        saveTime(dataDir, clock.now());
      })();
      return stopping;
    },
  };
}

/** The lines printed once the API answers: where it is and how to point kubectl at it. */
export function readyMessage(up: Pick<RunningUp, 'url' | 'port' | 'kubeconfigPath'> & Partial<Pick<RunningUp, 'ingressUrl' | 'ingressHttpsUrl'>>, options: UpOptions): string {
  const lines = [
    `tinykube: API server listening on ${up.url} (port ${up.port})`,
    `tinykube: ${options.nodes} node(s), speed ${options.speed}x, state in ${options.etcd ? `etcd ${options.etcd}` : join(resolve(options.dataDir), 'store')}`,
    options.insecure
      ? 'tinykube: --insecure: plain HTTP, no token required'
      : 'tinykube: HTTPS with a self-signed certificate; a bearer token is required (both are in the kubeconfig)',
    `tinykube: kubeconfig written to ${up.kubeconfigPath}`,
    ...(up.ingressUrl
      ? [
          `tinykube: ingress controller on ${up.ingressUrl} (curl -H 'Host: <host>' ${up.ingressUrl}/<path>)`,
          ...(up.ingressHttpsUrl ? [`tinykube: ingress controller HTTPS on ${up.ingressHttpsUrl} (curl --resolve <host>:${new URL(up.ingressHttpsUrl).port}:${new URL(up.ingressHttpsUrl).hostname} https://<host>:${new URL(up.ingressHttpsUrl).port}/<path>)`] : []),
          `tinykube: NodePort services are served on ${options.address}:<nodePort> of this machine`,
        ]
      : []),
    '',
    'Use it with:',
    `  export KUBECONFIG=${up.kubeconfigPath}`,
    '  kubectl get nodes',
    '',
    'Stop with Ctrl-C.',
  ];
  return lines.join('\n');
}
