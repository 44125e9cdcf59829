/**
 * The taint eviction controller, formerly the node lifecycle controller's "taint manager"
 * (upstream: pkg/controller/tainteviction/taint_eviction.go — processPodOnNode, handlePodUpdate,
 * handleNodeUpdate, and its timed worker queue).
 *
 * For every pod bound to a node with NoExecute taints:
 *   - a taint the pod does not tolerate → the pod is deleted now;
 *   - all tolerated → the pod is deleted when the smallest tolerationSeconds of the tolerations
 *     in use runs out, counted from when this controller first scheduled the eviction (a later
 *     taint never pushes an already scheduled eviction further away); tolerations without
 *     tolerationSeconds tolerate forever;
 *   - the taints go away before the time is up → the eviction is cancelled.
 * Deletion first adds the DisruptionTarget condition (reason DeletionByTaintManager), records
 * a `TaintManagerEviction` event `Marking for deletion Pod <ns>/<name>`, then deletes the pod
 * (gracefully: the kubelet, if alive, stops it; a dead node's pods stay Terminating, but their
 * controllers already replace them because they ignore terminating pods).
 *
 * Timing lives in the work queue: a pod whose eviction is due later is re-enqueued with
 * enqueueAfter, and each reconcile recomputes the decision from the current pod and node.
 */
import { isNotFound } from '../../api/errors.ts';
import { objectKey, splitKey } from '../../api/object.ts';
import type { corev1 } from '../../api/types.ts';
import { formatTimestamp, ReconcileLoop, type Client, type EventRecorder, type Lister } from '../../client/index.ts';
import type { Clock } from '../../util/clock.ts';
import type { Controller, ControllerContext, ControllerFactory } from '../context.ts';
import { matchingTolerations } from '../../api/scheduling/tolerations.ts';
import { minTolerationSeconds } from './tolerations.ts';

export const TAINT_EVICTION_CONTROLLER = 'taint-eviction-controller';

export function taintEvictionController(): ControllerFactory {
  return (ctx) => new TaintEvictionController(ctx);
}

interface ScheduledEviction {
  createdAt: number;
  fireAt: number;
}

export class TaintEvictionController implements Controller {
  readonly name = TAINT_EVICTION_CONTROLLER;
  readonly loop: ReconcileLoop;
  private readonly client: Client;
  private readonly clock: Clock;
  private readonly recorder: EventRecorder;
  private readonly pods: Lister<corev1.Pod>;
  private readonly nodes: Lister<corev1.Node>;
  private readonly scheduled = new Map<string, ScheduledEviction>();

  constructor(ctx: ControllerContext) {
    this.client = ctx.client;
    this.clock = ctx.clock;
    this.recorder = ctx.recorder;
    this.loop = new ReconcileLoop({ name: this.name, clock: ctx.clock, reconcile: (key) => this.processPod(key) });
    const podInformer = ctx.informers.pods();
    const nodeInformer = ctx.informers.nodes();
    this.pods = podInformer.lister();
    this.nodes = nodeInformer.lister();
    podInformer.addEventHandler({
      onAdd: (p) => this.loop.enqueueObject(p),
      onUpdate: (_o, p) => this.loop.enqueueObject(p),
      onDelete: (p) => this.loop.enqueueObject(p),
    });
    const onNode = (n: corev1.Node) => {
      for (const p of this.pods.byIndex('byNode', n.metadata?.name ?? '')) this.loop.enqueueObject(p);
    };
    nodeInformer.addEventHandler({ onAdd: onNode, onUpdate: (_o, n) => onNode(n), onDelete: onNode });
  }

  start(): Promise<void> {
    return this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Scheduled evictions (pod key → due time), for tests and tools. */
  pendingEvictions(): ReadonlyMap<string, number> {
    return new Map([...this.scheduled].map(([k, v]) => [k, v.fireAt]));
  }

  private cancel(key: string, pod: corev1.Pod | undefined): void {
    if (!this.scheduled.delete(key)) return;
    if (pod) this.recorder.event(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  private async processPod(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const pod = this.pods.get(namespace, name);
    const nodeName = pod?.spec?.nodeName;
    if (!pod || !nodeName || pod.metadata?.deletionTimestamp) {
      this.scheduled.delete(key);
      return;
    }
    const node = this.nodes.get(nodeName);
    const taints = (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    if (taints.length === 0) return this.cancel(key, pod);

    const { tolerated, used } = matchingTolerations(taints, pod.spec?.tolerations ?? []);
    const now = this.clock.now();
    if (!tolerated) return this.evict(key, pod);
    const seconds = minTolerationSeconds(used);
    if (seconds < 0) return this.cancel(key, pod);

    const createdAt = this.scheduled.get(key)?.createdAt ?? now;
    const fireAt = createdAt + seconds * 1000;
    this.scheduled.set(key, { createdAt, fireAt });
    if (now >= fireAt) return this.evict(key, pod);
    this.loop.enqueueAfter(key, fireAt - now);
  }

  private async evict(key: string, pod: corev1.Pod): Promise<void> {
    const ns = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    const pods = this.client.pods(ns);
    this.recorder.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${objectKey(pod)}`);
    try {
      await this.addDisruptionTarget(pod);
      await pods.delete(name, { preconditions: { uid: pod.metadata?.uid }, reason: 'NoExecute taint not tolerated' });
    } catch (err) {
      // Gone already: done. Anything else (a 409 on the status write...) is retried by the queue
      // with the schedule kept, so the eviction is not pushed back.
      if (!isNotFound(err)) throw err;
    }
    this.scheduled.delete(key);
  }

  /** Upstream (PodDisruptionConditions, GA in v1.31) marks why the pod is going. */
  private async addDisruptionTarget(pod: corev1.Pod): Promise<void> {
    const conditions = pod.status?.conditions ?? [];
    if (conditions.some((c) => c.type === 'DisruptionTarget' && c.status === 'True')) return;
    const condition: corev1.PodCondition = {
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
      lastTransitionTime: formatTimestamp(this.clock.now()),
    };
    const copy: corev1.Pod = {
      ...structuredClone(pod),
      status: { ...structuredClone(pod.status), conditions: [...conditions.filter((c) => c.type !== 'DisruptionTarget').map((c) => ({ ...c })), condition] },
    };
    await this.client.pods(pod.metadata?.namespace ?? '').updateStatus(copy, { reason: 'DeletionByTaintManager' });
  }
}
