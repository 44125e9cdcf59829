/**
 * The cluster's simulated machines. Each node is a container runtime plus a kubelet whose client
 * goes through an ApiLink, so tests can make nodes fail the ways real ones do:
 *
 *   stop(name)           the machine goes down: the kubelet stops, every container dies
 *   start(name)          it boots again: a fresh runtime, the kubelet re-registers and resyncs
 *   partition(name)      the network between node and control plane breaks: containers keep
 *                        running, heartbeats stop reaching the apiserver
 *   heal(name)           the partition ends
 *   restartKubelet(name) only the kubelet process restarts; containers survive
 */
import type { Clock } from '../util/clock.ts';
import type { Random } from '../util/random.ts';
import type { ApiServerInterface } from '../apiserver/types.ts';
import { createClient } from '../client/index.ts';
import { createKubelet, type Kubelet } from '../kubelet/index.ts';
import { createSimulatedRuntime, type SimulatedNetwork, type SimulatedRuntime } from '../runtime/index.ts';
import { parseQuantity } from '../api/quantity.ts';
import { createApiLink, type ApiLink } from '../client/api-link.ts';
import { createKubeProxy, type KubeProxy } from '../proxy/kube-proxy.ts';
import type { ResolvedNodeSpec } from './node-spec.ts';
import type { Parts } from './parts.ts';
import type { SimulatedDisks } from '../runtime/simulated-disks.ts';

export type NodeState = 'Running' | 'Stopped' | 'Partitioned';

export interface SimulatedNode {
  readonly name: string;
  readonly spec: ResolvedNodeSpec;
  readonly state: NodeState;
  readonly kubelet: Kubelet;
  readonly runtime: SimulatedRuntime;
  /** The node's kube-proxy: its Service rules live and die with the node. */
  readonly kubeProxy: KubeProxy;
}

export interface NodePoolDeps {
  api: ApiServerInterface;
  clock: Clock;
  random: Random;
  network: SimulatedNetwork;
  parts: Parts;
  onError: (component: string, err: unknown) => void;
  /** The cluster's simulated disks (PV contents, hostPath directories), shared by every kubelet. */
  disks?: SimulatedDisks;
}

interface NodeEntry {
  spec: ResolvedNodeSpec;
  link: ApiLink;
  runtime: SimulatedRuntime;
  kubelet: Kubelet;
  kubeProxy: KubeProxy;
  stopped: boolean;
}

export class NodePool {
  private entries = new Map<string, NodeEntry>();

  constructor(private readonly deps: NodePoolDeps) {}

  /** Registers and starts a node (its kubelet creates the Node object). */
  async add(spec: ResolvedNodeSpec): Promise<SimulatedNode> {
    if (this.entries.has(spec.name)) throw new Error(`node ${spec.name} already exists`);
    const link = createApiLink(this.deps.api, `node ${spec.name}`);
    const entry: NodeEntry = { spec, link, ...this.boot(spec, link), stopped: false };
    this.entries.set(spec.name, entry);
    await entry.kubelet.start();
    await entry.kubeProxy.start();
    return this.view(entry);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  get(name: string): SimulatedNode {
    return this.view(this.entry(name));
  }

  list(): SimulatedNode[] {
    return [...this.entries.values()].map((e) => this.view(e));
  }

  async stop(name: string): Promise<void> {
    const e = this.entry(name);
    if (e.stopped) return;
    e.stopped = true;
    await e.kubeProxy.stop();
    await e.kubelet.stop();
    e.runtime.shutdown();
  }

  async start(name: string): Promise<void> {
    const e = this.entry(name);
    if (!e.stopped) return;
    Object.assign(e, this.boot(e.spec, e.link), { stopped: false });
    await e.kubelet.start();
    await e.kubeProxy.start();
  }

  partition(name: string): void {
    this.entry(name).link.cut();
  }

  heal(name: string): void {
    this.entry(name).link.restore();
  }

  async restartKubelet(name: string): Promise<void> {
    const e = this.entry(name);
    if (e.stopped) throw new Error(`node ${name} is stopped: start it instead`);
    await e.kubelet.stop();
    e.kubelet = this.kubeletFor(e.spec, e.link, e.runtime);
    await e.kubelet.start();
  }

  /** Stops every kubelet and runtime (cluster shutdown). */
  async close(): Promise<void> {
    await Promise.all([...this.entries.values()].map(async (e) => {
      if (!e.stopped) await e.kubeProxy.stop();
      if (!e.stopped) await e.kubelet.stop();
      e.runtime.shutdown();
    }));
  }

  private boot(spec: ResolvedNodeSpec, link: ApiLink): { runtime: SimulatedRuntime; kubelet: Kubelet; kubeProxy: KubeProxy } {
    const { clock, random, network, parts } = this.deps;
    const runtime = createSimulatedRuntime({
      clock,
      random: random.fork(`runtime/${spec.name}`),
      nodeName: spec.name,
      podCIDR: spec.podCIDR,
      nodeIP: spec.nodeIP,
      network,
      memoryBytes: parseQuantity(spec.memory) ?? undefined,
      containerLifecycle: parts['runtime.container'],
      parseImageReference: parts['runtime.image'],
      resolveMount: parts['volume.mounts'],
    });
    return { runtime, kubelet: this.kubeletFor(spec, link, runtime), kubeProxy: this.kubeProxyFor(spec, link) };
  }

  /** kube-proxy runs beside the kubelet (upstream: a DaemonSet pod, user system:kube-proxy). */
  private kubeProxyFor(spec: ResolvedNodeSpec, link: ApiLink): KubeProxy {
    const { clock, random, network, parts, onError } = this.deps;
    return createKubeProxy({
      nodeName: spec.name,
      nodeIP: spec.nodeIP,
      podCIDR: spec.podCIDR,
      client: createClient(link.api, { user: 'system:kube-proxy' }),
      clock,
      random: random.fork(`kube-proxy/${spec.name}`),
      network,
      parts: { 'proxy.rules': parts['proxy.rules'], 'proxy.affinity': parts['proxy.affinity'] },
      onError: (err) => onError(`kube-proxy/${spec.name}`, err),
    });
  }

  private kubeletFor(spec: ResolvedNodeSpec, link: ApiLink, runtime: SimulatedRuntime): Kubelet {
    const { clock, random, network, parts, onError } = this.deps;
    return createKubelet({
      nodeName: spec.name,
      client: createClient(link.api, { user: `system:node:${spec.name}` }),
      clock,
      random: random.fork(`kubelet/${spec.name}`),
      runtime,
      network,
      node: spec,
      parts: { 'kubelet.sync': parts['kubelet.sync'], 'kubelet.backoff': parts['kubelet.backoff'], 'kubelet.probe': parts['kubelet.probe'], 'configmap.env': parts['configmap.env'], 'configmap.projection': parts['configmap.projection'] },
      parseImageReference: parts['runtime.image'],
      disks: this.deps.disks,
      onError: (err) => onError(`kubelet/${spec.name}`, err),
    });
  }

  private entry(name: string): NodeEntry {
    const e = this.entries.get(name);
    if (!e) throw new Error(`no node named ${name} (nodes: ${this.names().join(', ') || 'none'})`);
    return e;
  }

  private view(e: NodeEntry): SimulatedNode {
    return {
      name: e.spec.name,
      spec: e.spec,
      state: e.stopped ? 'Stopped' : e.link.isCut ? 'Partitioned' : 'Running',
      kubelet: e.kubelet,
      runtime: e.runtime,
      kubeProxy: e.kubeProxy,
    };
  }
}
