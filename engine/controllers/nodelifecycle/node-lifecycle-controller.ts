/**
 * The node lifecycle controller (upstream: pkg/controller/nodelifecycle/
 * node_lifecycle_controller.go — monitorNodeHealth, tryUpdateNodeHealth, the tainting passes,
 * handleDisruption; pkg/controller/util/node MarkPodsNotReady, RecordNodeStatusChange).
 *
 * Every nodeMonitorPeriod (5 s) each node is checked:
 *  1. health: the kubelet proves it is alive by renewing its Lease (kube-node-lease/<node>) and
 *     by posting status (the Ready condition's lastHeartbeatTime). Either moves the node's probe
 *     time to now. When nothing was heard for nodeMonitorGracePeriod (50 s since v1.32; 60 s
 *     nodeStartupGracePeriod for a node that never posted Ready), the controller sets Ready,
 *     MemoryPressure, DiskPressure and PIDPressure to Unknown — `NodeStatusUnknown`, `Kubelet
 *     stopped posting node status.` — keeping lastHeartbeatTime (the last time it heard), and
 *     records a `NodeNotReady` event;
 *  2. taints (node-taints.ts): Ready=Unknown → unreachable, Ready=False → not-ready, as NoExecute
 *     (rate limited per zone, see zone-state.ts) and NoSchedule; removed when Ready is True again;
 *  3. pods on a node whose Ready is not True get their Ready condition set to False.
 *
 * Evicting the pods is the taint eviction controller's job (../tainteviction): pods tolerate the
 * two NoExecute taints for 300 s by default (DefaultTolerationSeconds admission), hence the
 * well-known "pods move ~5 minutes after a node dies".
 *
 * Zone states are computed once per monitor period from the informer cache (upstream computes
 * them at the end of each monitoring pass), so they lag the conditions by at most one period.
 */
import { isConflict, isNotFound } from '../../api/errors.ts';
import type { coordinationv1, corev1 } from '../../api/types.ts';
import { formatTimestamp, ReconcileLoop, type Client, type EventRecorder, type Lister } from '../../client/index.ts';
import type { Clock, TimerHandle } from '../../util/clock.ts';
import type { Controller, ControllerContext, ControllerFactory } from '../context.ts';
import { nodeCondition, noExecuteTaintKey, noScheduleTaintKeys, reconcileTaints, sameTaints, TAINT_NOT_READY, TAINT_UNREACHABLE } from './node-taints.ts';
import { computeDisruption, DEFAULT_DISRUPTION_SETTINGS, type DisruptionSettings, type DisruptionView } from './zone-state.ts';

export const NODE_LIFECYCLE_CONTROLLER = 'node-lifecycle-controller';
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

export interface NodeLifecycleOptions {
  /** --node-monitor-period, default 5 s. */
  nodeMonitorPeriodMs?: number;
  /** --node-monitor-grace-period, default 50 s (40 s before v1.32). */
  nodeMonitorGracePeriodMs?: number;
  /** --node-startup-grace-period, default 60 s. */
  nodeStartupGracePeriodMs?: number;
  disruption?: Partial<DisruptionSettings>;
}

export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;

const UNKNOWN_CONDITION_TYPES = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

export function nodeLifecycleController(options: NodeLifecycleOptions = {}): ControllerFactory {
  return (ctx) => new NodeLifecycleController(ctx, options);
}

/** What the controller last heard from a node (upstream nodeHealthData). */
interface NodeHealth {
  probeTimestamp: number;
  readyHeartbeat: string | undefined;
  leaseRenewTime: string | undefined;
}

export class NodeLifecycleController implements Controller {
  readonly name = NODE_LIFECYCLE_CONTROLLER;
  readonly loop: ReconcileLoop;
  private readonly client: Client;
  private readonly clock: Clock;
  private readonly recorder: EventRecorder;
  private readonly nodes: Lister<corev1.Node>;
  private readonly leases: Lister<coordinationv1.Lease>;
  private readonly pods: Lister<corev1.Pod>;
  private readonly health = new Map<string, NodeHealth>();
  private readonly monitorPeriod: number;
  private readonly gracePeriod: number;
  private readonly startupGracePeriod: number;
  private readonly settings: DisruptionSettings;
  private disruption: DisruptionView = { zoneOf: new Map(), rate: new Map(), masterDisruption: false };
  /** Per zone: the earliest time the next NoExecute taint may be added (token bucket, burst 1). */
  private readonly nextTaintAt = new Map<string, number>();
  private timer: TimerHandle | undefined;

  constructor(ctx: ControllerContext, options: NodeLifecycleOptions) {
    this.client = ctx.client;
    this.clock = ctx.clock;
    this.recorder = ctx.recorder;
    this.monitorPeriod = options.nodeMonitorPeriodMs ?? NODE_MONITOR_PERIOD_MS;
    this.gracePeriod = options.nodeMonitorGracePeriodMs ?? NODE_MONITOR_GRACE_PERIOD_MS;
    this.startupGracePeriod = options.nodeStartupGracePeriodMs ?? NODE_STARTUP_GRACE_PERIOD_MS;
    this.settings = { ...DEFAULT_DISRUPTION_SETTINGS, ...options.disruption };
    this.loop = new ReconcileLoop({ name: this.name, clock: ctx.clock, reconcile: (name) => this.syncNode(name) });

    const nodeInformer = ctx.informers.nodes();
    this.nodes = nodeInformer.lister();
    this.leases = ctx.informers.leases().lister();
    const podInformer = ctx.informers.pods();
    this.pods = podInformer.lister();
    nodeInformer.addEventHandler({
      onAdd: (n) => this.loop.enqueueObject(n),
      onUpdate: (_o, n) => this.loop.enqueueObject(n),
      onDelete: (n) => {
        this.health.delete(n.metadata?.name ?? '');
      },
    });
    // upstream podUpdateQueue: a pod landing on a node that is not Ready is marked not ready.
    const onPod = (p: corev1.Pod) => {
      if (p.spec?.nodeName) this.loop.enqueue(p.spec.nodeName);
    };
    podInformer.addEventHandler({ onAdd: onPod, onUpdate: (_o, p) => onPod(p) });
  }

  async start(): Promise<void> {
    await this.loop.start();
    this.monitor();
    this.timer = this.clock.setInterval(() => this.monitor(), this.monitorPeriod);
  }

  async stop(): Promise<void> {
    this.clock.clearInterval(this.timer);
    this.timer = undefined;
    await this.loop.stop();
  }

  /** monitorNodeHealth: refresh the zone view, then check every node. */
  private monitor(): void {
    const nodes = this.nodes.list();
    this.disruption = computeDisruption(nodes, this.settings);
    for (const n of nodes) this.loop.enqueueObject(n);
  }

  private async syncNode(name: string): Promise<void> {
    const cached = this.nodes.get(name);
    if (!cached) {
      this.health.delete(name);
      return;
    }
    const node = await this.tryUpdateNodeHealth(cached);
    await this.syncTaints(node);
    if (nodeCondition(node, 'Ready')?.status !== 'True') await this.markPodsNotReady(name);
  }

  /** tryUpdateNodeHealth: notices heartbeats and lease renewals; marks a silent node Unknown. */
  private async tryUpdateNodeHealth(node: corev1.Node): Promise<corev1.Node> {
    const name = node.metadata?.name ?? '';
    const now = this.clock.now();
    const ready = nodeCondition(node, 'Ready');
    let h = this.health.get(name);
    if (!h) {
      // First sight: a node that never posted Ready is judged from its creation time.
      const created = node.metadata?.creationTimestamp ? Date.parse(node.metadata.creationTimestamp) : now;
      h = { probeTimestamp: ready ? now : created, readyHeartbeat: ready?.lastHeartbeatTime, leaseRenewTime: undefined };
      this.health.set(name, h);
    } else if (ready && ready.lastHeartbeatTime !== h.readyHeartbeat) {
      h.probeTimestamp = now;
      h.readyHeartbeat = ready.lastHeartbeatTime;
    }
    const renew = this.leases.get(NODE_LEASE_NAMESPACE, name)?.spec?.renewTime;
    if (renew && renew !== h.leaseRenewTime) {
      h.leaseRenewTime = renew;
      h.probeTimestamp = now;
    }

    const grace = ready ? this.gracePeriod : this.startupGracePeriod;
    if (now <= h.probeTimestamp + grace) return node;

    const nowStr = formatTimestamp(now);
    const conditions = structuredClone(node.status?.conditions ?? []);
    let changed = false;
    for (const type of UNKNOWN_CONDITION_TYPES) {
      const c = conditions.find((x) => x.type === type);
      if (!c) {
        conditions.push({
          type,
          status: 'Unknown',
          reason: 'NodeStatusNeverUpdated',
          message: 'Kubelet never posted node status.',
          lastHeartbeatTime: node.metadata?.creationTimestamp,
          lastTransitionTime: nowStr,
        });
        changed = true;
      } else if (c.status !== 'Unknown') {
        c.status = 'Unknown';
        c.reason = 'NodeStatusUnknown';
        c.message = 'Kubelet stopped posting node status.';
        c.lastTransitionTime = nowStr;
        changed = true;
      }
    }
    if (!changed) return node;
    const copy: corev1.Node = { ...structuredClone(node), status: { ...structuredClone(node.status), conditions } };
    const updated = await this.client.nodes().updateStatus(copy, { reason: 'Kubelet stopped posting node status.' });
    // Our own write keeps lastHeartbeatTime, so it is not mistaken for a heartbeat next time.
    h.readyHeartbeat = nodeCondition(updated, 'Ready')?.lastHeartbeatTime;
    if (ready?.status === 'True') this.recorder.event(updated, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
    return updated;
  }

  /** The tainting passes: NoSchedule by condition; NoExecute by Ready, rate limited per zone. */
  private async syncTaints(node: corev1.Node): Promise<void> {
    const name = node.metadata?.name ?? '';
    const current = node.spec?.taints ?? [];
    const existingNoExecute = current.find((t) => t.effect === 'NoExecute' && (t.key === TAINT_NOT_READY || t.key === TAINT_UNREACHABLE))?.key;
    let noExecute = this.disruption.masterDisruption ? undefined : noExecuteTaintKey(node);
    if (noExecute && noExecute !== existingNoExecute) {
      // Adding (or swapping) a NoExecute taint starts evictions: it waits for the zone's limiter.
      const zone = this.disruption.zoneOf.get(name) ?? '';
      const rate = this.disruption.rate.get(zone) ?? this.settings.evictionRate;
      const now = this.clock.now();
      const at = this.nextTaintAt.get(zone) ?? 0;
      if (rate <= 0) {
        noExecute = existingNoExecute;
      } else if (now < at) {
        noExecute = existingNoExecute;
        this.loop.enqueueAfter(name, at - now);
      } else {
        this.nextTaintAt.set(zone, now + 1000 / rate);
      }
    }
    const next = reconcileTaints(current, noExecute, noScheduleTaintKeys(node), formatTimestamp(this.clock.now()));
    if (sameTaints(current, next)) return;
    const copy = structuredClone(node);
    copy.spec = { ...copy.spec, taints: next };
    if (next.length === 0) delete copy.spec.taints;
    await this.client.nodes().update(copy, { reason: 'taint node by condition' });
  }

  /** MarkPodsNotReady: pods of a node whose Ready is not True are not Ready either. */
  private async markPodsNotReady(nodeName: string): Promise<void> {
    const nowStr = formatTimestamp(this.clock.now());
    for (const pod of this.pods.byIndex('byNode', nodeName)) {
      const conditions = pod.status?.conditions ?? [];
      const i = conditions.findIndex((c) => c.type === 'Ready');
      if (i < 0 || conditions[i]!.status === 'False') continue;
      const copy: corev1.Pod = {
        ...structuredClone(pod),
        status: {
          ...structuredClone(pod.status),
          conditions: conditions.map((c, j) => (j === i ? { ...c, status: 'False', lastTransitionTime: nowStr } : { ...c })),
        },
      };
      try {
        await this.client.pods(pod.metadata?.namespace ?? '').updateStatus(copy, { reason: `node ${nodeName} is not ready` });
        this.recorder.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
      } catch (err) {
        // Gone or changed meanwhile: the pod informer's event brings us back.
        if (!isNotFound(err) && !isConflict(err)) throw err;
      }
    }
  }
}
