/**
 * kube-proxy: one per node (upstream cmd/kube-proxy, pkg/proxy/iptables/proxier.go). It watches
 * Services and EndpointSlices through informers (pkg/proxy/config: ServiceConfig,
 * EndpointSliceConfig), and on every change re-derives the node's whole rule table with the
 * `proxy.rules` part and installs it on the simulated network as a router scoped to this node —
 * the iptables rules in this node's kernel. Each new connection the router DNATs gets its
 * endpoint from the `proxy.affinity` part.
 *
 * Timing, as upstream's BoundedFrequencyRunner (pkg/util/async): a change triggers a sync at
 * once, but two syncs are at least minSyncPeriod apart (--iptables-min-sync-period, default
 * 1 s); syncPeriod (default 30 s) re-syncs even without changes. Nothing is installed before
 * both informers have synced (upstream waits for servicesSynced && endpointSlicesSynced).
 *
 * Lifecycle: the node pool starts it with the node and stops it with the node (the node's rules
 * vanish); it does not care about kubelet restarts. When the node is partitioned from the API,
 * the rules installed stay in force (iptables keeps them) but stop following changes.
 */
import type { Client } from '../client/client.ts';
import { createSharedInformerFactory, type SharedInformerFactory } from '../client/informer-factory.ts';
import type { Clock, TimerHandle } from '../util/clock.ts';
import type { Random } from '../util/random.ts';
import type { SimulatedNetwork } from '../runtime/simulated-network.ts';
import { NetworkError } from '../runtime/network.ts';
import { createServiceRouter, indexRuleTable, type RuleIndex } from './proxier.ts';
import { endpointSliceProxyView, serviceProxyView } from './change-tracker.ts';
import type { BuildRuleTable, RuleTable } from './rule-table.ts';
import type { LoadBalancerFactory } from './session-affinity.ts';

export interface KubeProxyParts {
  'proxy.rules': BuildRuleTable;
  'proxy.affinity': LoadBalancerFactory;
}

export interface KubeProxyOptions {
  nodeName: string;
  nodeIP: string;
  podCIDR: string;
  client: Client;
  clock: Clock;
  random: Random;
  network: SimulatedNetwork;
  parts: KubeProxyParts;
  /** Default 1000 ms. */
  minSyncPeriodMs?: number;
  /** Default 30 000 ms. */
  syncPeriodMs?: number;
  onError: (err: unknown) => void;
}

export interface KubeProxy {
  start(): Promise<void>;
  /** Removes the node's rules and stops watching. */
  stop(): Promise<void>;
  /** The rule table installed now (empty before the first sync). */
  rules(): RuleTable;
  /** Syncs done so far (a test can wait for the next one). */
  syncCount(): number;
}

/**
 * What kube-proxy watches (cmd/kube-proxy/app/server.go): Services and EndpointSlices without
 * `service.kubernetes.io/service-proxy-name` (those belong to another proxy) and without
 * `service.kubernetes.io/headless` (the label the EndpointSlice controller puts on a headless
 * Service's slices).
 */
export const PROXY_LABEL_SELECTOR = '!service.kubernetes.io/service-proxy-name,!service.kubernetes.io/headless';

export const DEFAULT_MIN_SYNC_PERIOD_MS = 1000;
export const DEFAULT_SYNC_PERIOD_MS = 30_000;

export function createKubeProxy(options: KubeProxyOptions): KubeProxy {
  const { clock, network, parts, onError } = options;
  const node = { name: options.nodeName, ip: options.nodeIP };
  const minSync = options.minSyncPeriodMs ?? DEFAULT_MIN_SYNC_PERIOD_MS;
  const period = options.syncPeriodMs ?? DEFAULT_SYNC_PERIOD_MS;
  const balancer = parts['proxy.affinity']({ random: options.random.fork('balancer') });
  let index: RuleIndex = indexRuleTable({ rules: [] });
  let factory: SharedInformerFactory | undefined;
  let removeRouter: (() => void) | undefined;
  let timer: TimerHandle | undefined;
  let lastSync = -Infinity;
  let syncs = 0;
  let synced = false;
  let stopped = false;

  const serviceRouter = createServiceRouter({ node, balancer, rules: () => index, now: () => clock.now() });

  function syncProxyRules(): void {
    timer = undefined;
    if (stopped || !factory) return;
    lastSync = clock.now();
    try {
      const services = factory.services().lister().list();
      const slices = factory.endpointslices().lister().list();
      index = indexRuleTable(parts['proxy.rules'](services, slices, node));
      syncs++;
    } catch (err) {
      // Upstream keeps the old rules when a sync fails and retries; so do we.
      onError(err);
    }
    schedule(period);
  }

  /** BoundedFrequencyRunner.Run: as soon as allowed, but never twice within minSyncPeriod. */
  function schedule(delayMs?: number): void {
    if (stopped || !synced) return;
    const soonest = Math.max(0, lastSync + minSync - clock.now());
    const delay = delayMs === undefined ? soonest : Math.max(soonest, delayMs);
    if (timer !== undefined) {
      if (delayMs !== undefined) return;
      clock.clearTimeout(timer);
    }
    timer = clock.setTimeout(syncProxyRules, delay);
  }

  return {
    async start() {
      if (factory) return;
      stopped = false;
      factory = createSharedInformerFactory(options.client, { clock, random: options.random.fork('informers'), labelSelector: PROXY_LABEL_SELECTOR, onError });
      // Like the change trackers' Update(previous, current): an update that leaves what the
      // rules read unchanged (status, annotations, a relist of the same object) is no change.
      const onChange = <T>(view: (o: T | undefined) => string) => ({
        onAdd: () => schedule(),
        onUpdate: (oldObj: T, newObj: T) => {
          if (view(oldObj) !== view(newObj)) schedule();
        },
        onDelete: () => schedule(),
      });
      factory.services().addEventHandler(onChange(serviceProxyView));
      factory.endpointslices().addEventHandler(onChange(endpointSliceProxyView));
      removeRouter = network.addRouter(
        (dest, fromIp) => {
          try {
            return serviceRouter(dest, fromIp);
          } catch (err) {
            onError(err);
            return new NetworkError('ECONNREFUSED', `dial tcp ${dest.ip}:${dest.port}: connect: connection refused`);
          }
        },
        { node: { name: node.name, ip: node.ip, podCIDR: options.podCIDR } },
      );
      factory.start();
      void factory.waitForCacheSync().then(() => {
        if (stopped) return;
        synced = true;
        schedule();
      });
    },
    async stop() {
      stopped = true;
      synced = false;
      clock.clearTimeout(timer);
      timer = undefined;
      removeRouter?.();
      removeRouter = undefined;
      index = indexRuleTable({ rules: [] });
      const f = factory;
      factory = undefined;
      await f?.stop();
    },
    rules: () => index.table,
    syncCount: () => syncs,
  };
}
