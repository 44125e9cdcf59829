/**
 * The DaemonSet controller (upstream: pkg/controller/daemon/daemon_controller.go syncDaemonSet,
 * manage, podsShouldBeOnNode, syncNodes, updateDaemonSetStatus; update.go rollingUpdate).
 *
 * syncDaemonSet(key), from current state only:
 *   1. the current ControllerRevision (history.ts) gives the template hash new pods carry;
 *   2. daemon pods are grouped by target node (spec.nodeName, or the pinning affinity while
 *      unbound); for each node, nodeShouldRunDaemonPod decides:
 *        should run, no pod           → create one, pinned to the node (the scheduler binds it);
 *        should run, failed pods      → delete them (FailedDaemonPod), a new one follows —
 *                                       at once; upstream backs off (failedPodsBackoff, 1 s
 *                                       doubling to 15 min) before replacing a failing pod;
 *        should run, several pods     → keep the oldest, delete the rest;
 *        should not continue running  → delete its pods;
 *      pods on nodes that no longer exist are deleted too (upstream leaves bound ones to the
 *      pod GC controller, which tinykube does not run);
 *   3. when nothing is in flight (expectations) and updateStrategy is RollingUpdate, the rolling
 *      update step deletes (or surges) old pods within maxUnavailable / maxSurge; OnDelete only
 *      gives the new template to pods created after a manual delete;
 *   4. history beyond revisionHistoryLimit is cleaned up, and status written.
 * A node whose daemon pod is still terminating gets no new pod until the old one is gone.
 */
import { isNotFound } from '../../api/errors.ts';
import { labelSelectorAsSelector } from '../../api/labels.ts';
import { objectKey, splitKey } from '../../api/object.ts';
import type { appsv1, corev1 } from '../../api/types.ts';
import { deepCopy } from '../../client/cache/deep-freeze.ts';
import { ReconcileLoop } from '../../client/reconcile-loop.ts';
import type { ControllerContext, ControllerFactory } from '../context.ts';
import { LoopController } from '../loop-controller.ts';
import { getControllerOf, resolveControllerRef } from '../controller-ref.ts';
import { ControllerExpectations } from '../replicaset/expectations.ts';
import { parseTime } from '../replicaset/pod-util.ts';
import { slowStartBatch, SLOW_START_INITIAL_BATCH_SIZE } from '../replicaset/slow-start.ts';
import { CONTROLLER_REVISION_HASH_LABEL, daemonPodForNode, targetNodeName } from './daemon-pod.ts';
import { calculateDaemonSetStatus } from './daemonset-status.ts';
import { cleanupHistory, ensureCurrentRevision } from './history.ts';
import { nodeShouldRunDaemonPod } from './node-should-run.ts';
import { rollingUpdate, scaledValue } from './rolling-update.ts';

export const DAEMONSET_CONTROLLER_NAME = 'daemonset-controller';

export interface DaemonSetControllerOptions {
  workers?: number;
}

export class DaemonSetController extends LoopController {
  readonly name = DAEMONSET_CONTROLLER_NAME;
  readonly loop: ReconcileLoop;
  readonly expectations: ControllerExpectations;
  private readonly dsInformer;
  private readonly podInformer;
  private readonly nodeInformer;
  private readonly crInformer;

  constructor(
    ctx: ControllerContext,
    options: DaemonSetControllerOptions = {},
  ) {
    super(ctx);
    this.expectations = new ControllerExpectations(ctx.clock);
    this.loop = new ReconcileLoop({ name: this.name, clock: ctx.clock, workers: options.workers, reconcile: (key) => this.sync(key) });
    this.dsInformer = ctx.informers.daemonsets();
    this.podInformer = ctx.informers.pods();
    this.nodeInformer = ctx.informers.nodes();
    this.crInformer = ctx.informers.controllerrevisions();
    this.dsInformer.addEventHandler({
      onAdd: (ds) => this.loop.enqueueObject(ds),
      onUpdate: (_o, ds) => this.loop.enqueueObject(ds),
      onDelete: (ds) => this.expectations.delete(objectKey(ds)),
    });
    this.podInformer.addEventHandler({
      onAdd: (pod) => this.onPod(pod, 'add'),
      onUpdate: (old, pod) => {
        if (old.metadata?.resourceVersion !== pod.metadata?.resourceVersion) this.onPod(pod, 'update');
      },
      onDelete: (pod) => this.onPod(pod, 'delete'),
    });
    // Any node change may change where daemons should run: every DaemonSet looks again.
    const all = () => {
      for (const ds of this.dsInformer.lister().list()) this.loop.enqueueObject(ds);
    };
    this.nodeInformer.addEventHandler({ onAdd: all, onUpdate: (o, n) => {
        if (o.metadata?.resourceVersion !== n.metadata?.resourceVersion) all();
      }, onDelete: all });
  }

  private onPod(pod: corev1.Pod, what: 'add' | 'update' | 'delete'): void {
    const ds = resolveControllerRef(this.dsInformer.lister(), pod.metadata?.namespace ?? '', getControllerOf(pod), 'DaemonSet');
    if (!ds) return;
    const key = objectKey(ds);
    if (what === 'add' && !pod.metadata?.deletionTimestamp) this.expectations.creationObserved(key);
    if (what === 'delete' || pod.metadata?.deletionTimestamp) this.expectations.deletionObserved(key, objectKey(pod));
    this.loop.enqueue(key);
    // A pod that just became ready turns available minReadySeconds later.
    const minReady = ds.spec?.minReadySeconds ?? 0;
    if (what === 'update' && minReady > 0) this.loop.enqueueAfter(key, minReady * 1000 + 1);
  }

  /** syncDaemonSet. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const ds = this.dsInformer.lister().get(namespace, name);
    if (!ds) {
      this.expectations.delete(key);
      return;
    }
    if (ds.metadata?.deletionTimestamp) return;
    let selector;
    try {
      selector = labelSelectorAsSelector(ds.spec?.selector);
    } catch {
      return;
    }
    const uid = ds.metadata?.uid;
    const revisions = this.crInformer
      .lister()
      .namespace(namespace)
      .list()
      .filter((r) => getControllerOf(r)?.uid === uid);
    const hash = await ensureCurrentRevision(this.ctx.client, ds, revisions);

    const nodes = this.nodeInformer.lister().list();
    const nodeNames = new Set(nodes.map((n) => n.metadata?.name ?? ''));
    const owned = this.podInformer
      .lister()
      .namespace(namespace)
      .list()
      .filter((p) => getControllerOf(p)?.uid === uid && selector.matches(p.metadata?.labels ?? {}));
    const byNode = new Map<string, corev1.Pod[]>();
    for (const p of owned) {
      const n = targetNodeName(p) ?? '';
      byNode.set(n, [...(byNode.get(n) ?? []), p]);
    }
    const live = (n: string) => (byNode.get(n) ?? []).filter((p) => !p.metadata?.deletionTimestamp).sort((a, b) => parseTime(a.metadata?.creationTimestamp) - parseTime(b.metadata?.creationTimestamp) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
    const terminating = (n: string) => (byNode.get(n) ?? []).some((p) => p.metadata?.deletionTimestamp);

    // 2. manage: podsShouldBeOnNode for every node.
    const createOn: string[] = [];
    const toDelete: corev1.Pod[] = [];
    const failed: corev1.Pod[] = [];
    const decisions = new Map(nodes.map((n) => [n.metadata?.name ?? '', nodeShouldRunDaemonPod(ds, n)]));
    for (const node of nodes) {
      const n = node.metadata?.name ?? '';
      const d = decisions.get(n)!;
      const pods = live(n);
      if (d.shouldContinueRunning) {
        const running = pods.filter((p) => p.status?.phase !== 'Failed');
        const failedHere = pods.filter((p) => p.status?.phase === 'Failed');
        failed.push(...failedHere);
        // A failed pod is deleted first; its replacement comes once it is gone.
        if (running.length === 0 && failedHere.length === 0 && d.shouldRun && !terminating(n)) createOn.push(n);
        // Several daemon pods on one node: keep the oldest (surge keeps one old and one new).
        if (running.length > 1) {
          const updateSurge = ds.spec?.updateStrategy?.type !== 'OnDelete' && scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxSurge, 1, 0) > 0;
          const newest = running.filter((p) => p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash);
          const old = running.filter((p) => p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] !== hash);
          if (updateSurge && newest.length === 1 && old.length === 1) continue;
          toDelete.push(...running.slice(1));
        }
      } else {
        toDelete.push(...pods);
      }
    }
    for (const [n, pods] of byNode) if (n && !nodeNames.has(n)) toDelete.push(...pods.filter((p) => !p.metadata?.deletionTimestamp));
    for (const p of failed) {
      this.ctx.recorder.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${namespace}/${p.metadata?.name} on node ${targetNodeName(p)}, will try to kill it`);
    }
    toDelete.push(...failed);

    if (this.expectations.satisfied(key)) {
      // 3. Rolling update, only when the node-level sync has nothing to do.
      if (createOn.length === 0 && toDelete.length === 0 && ds.spec?.updateStrategy?.type !== 'OnDelete') {
        const desired = nodes.filter((n) => decisions.get(n.metadata?.name ?? '')?.shouldRun).length;
        const ru = ds.spec?.updateStrategy?.rollingUpdate;
        const maxSurge = scaledValue(ru?.maxSurge, desired, 0);
        let maxUnavailable = scaledValue(ru?.maxUnavailable, desired, 1);
        if (desired > 0 && maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
        const step = rollingUpdate({
          nodes: nodes.filter((n) => decisions.get(n.metadata?.name ?? '')?.shouldRun).map((n) => ({ node: n.metadata?.name ?? '', pods: live(n.metadata?.name ?? '') })),
          hash,
          maxUnavailable,
          maxSurge,
          minReadySeconds: ds.spec?.minReadySeconds ?? 0,
          now: this.ctx.clock.now(),
        });
        toDelete.push(...owned.filter((p) => step.delete.includes(p.metadata?.name ?? '')));
        createOn.push(...step.surgeOn);
      }
      await this.syncNodes(key, ds, toDelete, createOn, hash);
    }

    // 4. History and status.
    const liveHashes = new Set(owned.map((p) => p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? ''));
    await cleanupHistory(this.ctx.client, ds, revisions, hash, liveHashes);
    const status = calculateDaemonSetStatus(ds, nodes, decisions, live, hash, this.ctx.clock.now());
    if (JSON.stringify(ds.status ?? {}) !== JSON.stringify(status)) {
      await this.ctx.client.daemonsets(namespace).updateStatus({ ...deepCopy(ds), status } as appsv1.DaemonSet);
    }
  }

  /** syncNodes: deletes, then creates, tracked by expectations; events as upstream. */
  private async syncNodes(key: string, ds: appsv1.DaemonSet, toDelete: corev1.Pod[], createOn: string[], hash: string): Promise<void> {
    const namespace = ds.metadata?.namespace ?? '';
    const client = this.ctx.client.pods(namespace);
    const uniq = [...new Map(toDelete.map((p) => [p.metadata?.uid ?? '', p])).values()];
    this.expectations.expectCreations(key, createOn.length);
    this.expectations.expectDeletions(key, uniq.map((p) => objectKey(p)));
    let failure: unknown;
    // Creates go in slow-start batches (1, 2, 4, ...) as upstream syncNodes does: a template
    // that cannot be created fails once, not on every node.
    let next = 0;
    const result = await slowStartBatch(createOn.length, SLOW_START_INITIAL_BATCH_SIZE, async () => {
      const node = createOn[next++]!;
      try {
        const pod = await client.create(daemonPodForNode(ds, node, hash));
        this.ctx.recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata?.name}`);
      } catch (err) {
        this.expectations.creationObserved(key);
        this.ctx.recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${err instanceof Error ? err.message : String(err)}`);
        throw err;
      }
    });
    for (let i = 0; i < result.skipped; i++) this.expectations.creationObserved(key);
    if (result.error !== undefined) failure = result.error;
    await Promise.all(
      uniq.map(async (pod) => {
        const podName = pod.metadata?.name ?? '';
        try {
          await client.delete(podName, { preconditions: { uid: pod.metadata?.uid } });
          this.ctx.recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${podName}`);
        } catch (err) {
          this.expectations.deletionObserved(key, objectKey(pod));
          if (isNotFound(err)) return;
          this.ctx.recorder.event(ds, 'Warning', 'FailedDelete', `Error deleting: ${err instanceof Error ? err.message : String(err)}`);
          failure ??= err;
        }
      }),
    );
    if (failure !== undefined) throw failure;
  }
}

/** The controller-manager's factory. */
export function daemonSetController(options: DaemonSetControllerOptions = {}): ControllerFactory {
  return (ctx) => new DaemonSetController(ctx, options);
}
