/**
 * The pod garbage collector (upstream: pkg/controller/podgc/gc_controller.go). Every
 * gcCheckPeriod (20 s) it force-deletes (grace period 0) pods nobody else will ever finish:
 *
 *   - orphaned pods: bound to a node that does not exist — checked live after the node has been
 *     missing from the cache for quarantineTime (40 s), so a node being re-registered is spared.
 *     Such a pod first gets DisruptionTarget (reason DeletionByPodGC) and, if not yet terminal,
 *     phase Failed;
 *   - terminating pods that were never scheduled (no kubelet will confirm their deletion);
 *   - terminating pods on a node that is not Ready and carries the
 *     `node.kubernetes.io/out-of-service` taint (the admin's "this node is gone" signal);
 *   - terminated pods (Succeeded/Failed) beyond --terminated-pod-gc-threshold (12500), oldest
 *     first.
 *
 * Note what it does NOT do: a pod evicted from an unreachable node stays Terminating until the
 * node comes back, is deleted, or is tainted out-of-service — exactly as upstream.
 */
import { isNotFound } from '../../api/errors.ts';
import type { corev1 } from '../../api/types.ts';
import { formatTimestamp, type Client, type Lister } from '../../client/index.ts';
import type { Clock, TimerHandle } from '../../util/clock.ts';
import type { Controller, ControllerContext, ControllerFactory } from '../context.ts';

export const POD_GC_CONTROLLER = 'pod-garbage-collector-controller';
export const GC_CHECK_PERIOD_MS = 20_000;
export const QUARANTINE_TIME_MS = 40_000;
export const TERMINATED_POD_GC_THRESHOLD = 12_500;
export const TAINT_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

export interface PodGCOptions {
  /** --terminated-pod-gc-threshold; ≤ 0 disables that sweep. */
  terminatedPodThreshold?: number;
  gcCheckPeriodMs?: number;
  quarantineTimeMs?: number;
}

export function podGCController(options: PodGCOptions = {}): ControllerFactory {
  return (ctx) => new PodGCController(ctx, options);
}

const isTerminal = (p: corev1.Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

export class PodGCController implements Controller {
  readonly name = POD_GC_CONTROLLER;
  private readonly client: Client;
  private readonly clock: Clock;
  private readonly pods: Lister<corev1.Pod>;
  private readonly nodes: Lister<corev1.Node>;
  private readonly threshold: number;
  private readonly period: number;
  private readonly quarantine: number;
  /** Node name → when it was first seen missing from the cache. */
  private readonly missingSince = new Map<string, number>();
  private timer: TimerHandle | undefined;
  private running: Promise<void> | undefined;

  constructor(ctx: ControllerContext, options: PodGCOptions) {
    this.client = ctx.client;
    this.clock = ctx.clock;
    this.pods = ctx.informers.pods().lister();
    this.nodes = ctx.informers.nodes().lister();
    this.threshold = options.terminatedPodThreshold ?? TERMINATED_POD_GC_THRESHOLD;
    this.period = options.gcCheckPeriodMs ?? GC_CHECK_PERIOD_MS;
    this.quarantine = options.quarantineTimeMs ?? QUARANTINE_TIME_MS;
  }

  async start(): Promise<void> {
    this.timer = this.clock.setInterval(() => {
      // One pass at a time; a slow pass makes the next tick a no-op rather than overlap.
      if (!this.running) this.running = this.gc().catch(() => undefined).finally(() => (this.running = undefined));
    }, this.period);
  }

  async stop(): Promise<void> {
    this.clock.clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass; errors are left for the next pass (upstream logs and carries on). */
  async gc(): Promise<void> {
    const pods = this.pods.list();
    if (this.threshold > 0) await this.gcTerminated(pods);
    await this.gcTerminating(pods);
    await this.gcOrphaned(pods);
    await this.gcUnscheduledTerminating(pods);
  }

  private async gcTerminated(pods: corev1.Pod[]): Promise<void> {
    const terminated = pods.filter((p) => isTerminal(p) && !p.metadata?.deletionTimestamp);
    const excess = terminated.length - this.threshold;
    if (excess <= 0) return;
    const oldest = terminated.sort((a, b) => (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '')).slice(0, excess);
    for (const p of oldest) await this.forceDelete(p, 'terminated pods over the threshold');
  }

  private async gcTerminating(pods: corev1.Pod[]): Promise<void> {
    for (const p of pods) {
      if (!p.metadata?.deletionTimestamp || !p.spec?.nodeName) continue;
      const node = this.nodes.get(p.spec.nodeName);
      if (!node) continue;
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
      const outOfService = (node.spec?.taints ?? []).some((t) => t.key === TAINT_OUT_OF_SERVICE && t.effect === 'NoExecute');
      if (!ready && outOfService) await this.forceDelete(p, 'node is out of service');
    }
  }

  private async gcOrphaned(pods: corev1.Pod[]): Promise<void> {
    const now = this.clock.now();
    const byNode = new Map<string, corev1.Pod[]>();
    for (const p of pods) {
      const n = p.spec?.nodeName;
      if (!n || this.nodes.get(n)) continue;
      let list = byNode.get(n);
      if (!list) byNode.set(n, (list = []));
      list.push(p);
    }
    for (const n of this.missingSince.keys()) if (!byNode.has(n)) this.missingSince.delete(n);
    for (const [nodeName, orphans] of byNode) {
      const since = this.missingSince.get(nodeName);
      if (since === undefined) {
        this.missingSince.set(nodeName, now);
        continue;
      }
      if (now - since < this.quarantine) continue;
      if (await this.nodeExists(nodeName)) {
        this.missingSince.delete(nodeName);
        continue;
      }
      for (const p of orphans) {
        await this.markFailed(p, 'PodGC: node no longer exists');
        await this.forceDelete(p, `node ${nodeName} no longer exists`);
      }
    }
  }

  private async gcUnscheduledTerminating(pods: corev1.Pod[]): Promise<void> {
    for (const p of pods) {
      if (p.metadata?.deletionTimestamp && !p.spec?.nodeName) await this.forceDelete(p, 'unscheduled pod is terminating');
    }
  }

  private async nodeExists(name: string): Promise<boolean> {
    try {
      await this.client.nodes().get(name);
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  private async markFailed(pod: corev1.Pod, message: string): Promise<void> {
    const now = formatTimestamp(this.clock.now());
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget').map((c) => ({ ...c }));
    conditions.push({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message, lastTransitionTime: now });
    const copy: corev1.Pod = {
      ...structuredClone(pod),
      status: { ...structuredClone(pod.status), conditions, ...(isTerminal(pod) ? {} : { phase: 'Failed' }) },
    };
    try {
      await this.client.pods(pod.metadata?.namespace ?? '').updateStatus(copy, { reason: message });
    } catch {
      // Best effort, as upstream: the deletion below is what matters.
    }
  }

  private async forceDelete(pod: corev1.Pod, reason: string): Promise<void> {
    try {
      await this.client.pods(pod.metadata?.namespace ?? '').delete(pod.metadata?.name ?? '', {
        gracePeriodSeconds: 0,
        preconditions: { uid: pod.metadata?.uid },
        reason,
      });
    } catch {
      // Gone, replaced (uid precondition) or failing: upstream logs and moves on; the next pass
      // sees the pod again if it is still there.
    }
  }
}
