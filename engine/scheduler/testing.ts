/**
 * Test helpers: a cluster with a scheduler on it, and upstream-shaped Node and Pod builders
 * (in the spirit of KK pkg/scheduler/testing/wrappers.go MakeNode/MakePod).
 */
import type { corev1 } from '../api/types.ts';
import { createCluster, type Cluster } from '../cluster/index.ts';
import type { Client } from '../client/index.ts';
import { createScheduler, type Scheduler, type SchedulerOptions } from './scheduler.ts';
import type { SchedulerParts } from './parts.ts';

export interface NodeShape {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: corev1.Taint[];
  unschedulable?: boolean;
  images?: corev1.ContainerImage[];
}

export function makeNode(name: string, shape: NodeShape = {}): corev1.Node {
  const resources = { cpu: shape.cpu ?? '4', memory: shape.memory ?? '16Gi', pods: shape.pods ?? '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...shape.labels } },
    spec: { taints: shape.taints, unschedulable: shape.unschedulable },
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      images: shape.images,
    },
  };
}

export interface PodShape {
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
  priority?: number;
  image?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: corev1.Toleration[];
  affinity?: corev1.Affinity;
  topologySpreadConstraints?: corev1.TopologySpreadConstraint[];
  schedulerName?: string;
  nodeName?: string;
  initContainers?: corev1.Container[];
}

export function makePod(name: string, shape: PodShape = {}): corev1.Pod {
  const requests: Record<string, string> = {};
  if (shape.cpu) requests['cpu'] = shape.cpu;
  if (shape.memory) requests['memory'] = shape.memory;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: shape.labels },
    spec: {
      containers: [{ name: 'app', image: shape.image ?? 'nginx', resources: Object.keys(requests).length ? { requests } : undefined }],
      initContainers: shape.initContainers,
      priority: shape.priority,
      nodeSelector: shape.nodeSelector,
      tolerations: shape.tolerations,
      affinity: shape.affinity,
      topologySpreadConstraints: shape.topologySpreadConstraints,
      schedulerName: shape.schedulerName,
      nodeName: shape.nodeName,
    },
  };
}

export interface SchedulerHarness {
  cluster: Cluster;
  client: Client;
  scheduler: Scheduler;
  addNodes(...nodes: corev1.Node[]): Promise<void>;
  createPod(pod: corev1.Pod, namespace?: string): Promise<corev1.Pod>;
  getPod(name: string, namespace?: string): Promise<corev1.Pod>;
  /** Advances the clock until the pod is bound (or `timeoutMs` passes); returns its node. */
  waitBound(name: string, timeoutMs?: number, namespace?: string): Promise<string | undefined>;
  /** Advances until PodScheduled=False is written; returns its message. */
  waitUnschedulable(name: string, timeoutMs?: number, namespace?: string): Promise<string | undefined>;
  events(name: string, namespace?: string): Promise<corev1.Event[]>;
  close(): Promise<void>;
}

/**
 * What a caller (the grader) can lend the harness: the cluster to run on — so that a failure
 * report can print its events and trace — and a recorder of the steps the case takes.
 */
export interface HarnessEnv {
  /** Creates the (bare) cluster to run on; its owner closes it. */
  cluster?: (options: { seed: string }) => Promise<Cluster>;
  step?: (text: string) => void;
}

const describeNode = (n: corev1.Node) => {
  const alloc = Object.entries(n.status?.allocatable ?? {}).filter(([k]) => k !== 'pods').map(([k, v]) => `${k} ${v}`);
  const taints = (n.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`);
  return `created node ${n.metadata?.name}${alloc.length ? ` (${alloc.join(', ')})` : ''}${taints.length ? ` tainted ${taints.join(', ')}` : ''}`;
};

export async function startSchedulerHarness(
  parts: SchedulerParts,
  options: Partial<Omit<SchedulerOptions, 'client' | 'clock' | 'parts'>> & { seed?: string; env?: HarnessEnv } = {},
): Promise<SchedulerHarness> {
  const { env, ...schedulerOptions } = options;
  const seed = options.seed ?? 'scheduler';
  const lent = env?.cluster;
  const cluster = lent ? await lent({ seed }) : await createCluster({ seed });
  const step = env?.step ?? (() => undefined);
  const client = cluster.client('admin');
  const scheduler = createScheduler({ ...schedulerOptions, client: cluster.client('system:kube-scheduler'), clock: cluster.clock, random: cluster.random.fork('scheduler'), parts });
  await scheduler.start();
  const getPod = (name: string, ns = 'default') => client.pods(ns).get(name);
  const h: SchedulerHarness = {
    cluster,
    client,
    scheduler,
    async addNodes(...nodes) {
      for (const n of nodes) {
        await client.nodes().create(n);
        step(describeNode(n));
      }
      await cluster.clock.flush();
    },
    createPod: (pod, ns = 'default') => {
      const requests = (pod.spec?.containers ?? []).flatMap((c) => Object.entries(c.resources?.requests ?? {}).map(([k, v]) => `${k} ${v}`));
      step(`created pod ${pod.metadata?.name}${requests.length ? ` requesting ${requests.join(', ')}` : ''}`);
      return client.pods(ns).create(pod);
    },
    getPod,
    async waitBound(name, timeoutMs = 60_000, ns = 'default') {
      let node: string | undefined;
      await cluster.clock.runUntil(async () => {
        node = (await getPod(name, ns)).spec?.nodeName;
        return !!node;
      }, { timeoutMs });
      step(node ? `waited for pod ${name} to be bound: on ${node}` : `waited ${timeoutMs / 1000} s of cluster time for pod ${name} to be bound: it was not`);
      return node;
    },
    async waitUnschedulable(name, timeoutMs = 60_000, ns = 'default') {
      let msg: string | undefined;
      await cluster.clock.runUntil(async () => {
        const c = (await getPod(name, ns)).status?.conditions?.find((x) => x.type === 'PodScheduled' && x.status === 'False');
        msg = c?.message;
        return msg !== undefined;
      }, { timeoutMs });
      step(msg !== undefined ? `waited for pod ${name} to be reported unschedulable: "${msg}"` : `waited ${timeoutMs / 1000} s of cluster time for pod ${name} to be reported unschedulable: it was not`);
      return msg;
    },
    async events(name, ns = 'default') {
      await scheduler.idle();
      const list = await client.events(ns).list();
      return list.items.filter((e) => e.involvedObject?.name === name);
    },
    async close() {
      await scheduler.stop();
      if (!lent) await cluster.close();
    },
  };
  return h;
}
