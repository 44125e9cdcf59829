/**
 * A cluster with one kubelet on the fake runtime, for the kubelet's tests.
 */
import type { corev1 } from '../../api/types.ts';
import { createCluster, type Cluster } from '../../cluster/index.ts';
import { createKubelet } from '../kubelet.ts';
import type { Kubelet, KubeletNodeConfig, KubeletParts } from '../types.ts';
import type { ContainerRuntime } from '../../runtime/cri.ts';
import type { ClusterNetwork } from '../../runtime/network.ts';
import { FakeRuntime } from './fake-runtime.ts';
import { createApiLink } from '../../client/api-link.ts';
import type { ApiServerInterface } from '../../apiserver/types.ts';
import { createClient } from '../../client/client.ts';

export interface KubeletHarness {
  cluster: Cluster;
  kubelet: Kubelet;
  runtime: FakeRuntime;
  errors: unknown[];
  /** With `partitionable`: cut / restore the kubelet's API access. */
  partition?: { cut(): void; restore(): void };
  pod(name: string, ns?: string): Promise<corev1.Pod | undefined>;
  createPod(pod: Partial<corev1.Pod> & { spec: corev1.PodSpec }): Promise<corev1.Pod>;
  events(filter?: { reason?: string; name?: string }): Promise<corev1.Event[]>;
  /** Advances the clock until `pred` holds on the pod (default timeout 10 virtual minutes). */
  waitForPod(name: string, pred: (p: corev1.Pod) => boolean, timeoutMs?: number): Promise<corev1.Pod>;
  close(): Promise<void>;
}

/**
 * An apiserver connection that can be cut, as a network partition cuts a node off: while cut,
 * every call fails with 503 and open watches end.
 */
/** The kubelet's API access through a link a test can cut (a network partition). */
export function cuttableApi(api: ApiServerInterface): { api: ApiServerInterface; cut(): void; restore(): void } {
  return createApiLink(api, 'the node');
}

export interface HarnessOptions {
  /** Cut and restore the kubelet's API access. */
  partitionable?: boolean;
  /** Use another runtime than the fake (e.g. the simulated one); `runtime` in the harness is then unusable. */
  runtime?: (cluster: Cluster) => { runtime: ContainerRuntime; network: ClusterNetwork };
}

export async function startKubelet(parts: KubeletParts, node: Partial<KubeletNodeConfig> = {}, options: HarnessOptions = {}): Promise<KubeletHarness> {
  const cluster = await createCluster({ seed: 'kubelet' });
  const fake = new FakeRuntime(cluster.clock);
  const { runtime, network } = options.runtime?.(cluster) ?? { runtime: fake, network: fake };
  const errors: unknown[] = [];
  const partition = options.partitionable ? cuttableApi(cluster.apiserver) : undefined;
  const kubelet = createKubelet({
    nodeName: 'node-1',
    client: partition ? createClient(partition.api, { user: 'system:node:node-1' }) : cluster.client('system:node:node-1'),
    clock: cluster.clock,
    random: cluster.random.fork('kubelet'),
    runtime,
    network,
    node: { cpu: '4', memory: '8Gi', pods: 110, podCIDR: '10.244.1.0/24', nodeIP: '172.18.0.2', labels: { 'topology.kubernetes.io/zone': 'zone-a' }, ...node },
    parts,
    onError: (err) => errors.push(err),
  });
  await kubelet.start();
  const admin = cluster.client();
  const get = async (name: string, ns = 'default') => admin.pods(ns).get(name).catch(() => undefined);
  return {
    cluster,
    kubelet,
    runtime: fake,
    errors,
    partition,
    pod: get,
    createPod: (pod) => admin.pods(pod.metadata?.namespace ?? 'default').create({ apiVersion: 'v1', kind: 'Pod', ...pod, metadata: { namespace: 'default', ...pod.metadata }, spec: { nodeName: 'node-1', ...pod.spec } }),
    async events(filter = {}) {
      const list = await admin.events('default').list();
      return list.items.filter((e) => (!filter.reason || e.reason === filter.reason) && (!filter.name || e.involvedObject.name === filter.name)).sort((a, b) => String(a.metadata?.name).localeCompare(String(b.metadata?.name)));
    },
    async waitForPod(name, pred, timeoutMs = 10 * 60_000) {
      let last: corev1.Pod | undefined;
      const ok = await cluster.clock.runUntil(async () => {
        last = await get(name);
        return last !== undefined && pred(last);
      }, { timeoutMs });
      if (!ok) throw new Error(`pod ${name} never matched; last status: ${JSON.stringify(last?.status, null, 1)}`);
      return last!;
    },
    async close() {
      await kubelet.stop();
      await cluster.close();
    },
  };
}
