/**
 * The ReplicaSet controller (upstream: pkg/controller/replicaset/replica_set.go): keeps
 * spec.replicas pods matching the selector alive.
 *
 * Informer handlers only enqueue the owning ReplicaSet's key (and note observed creates/deletes in
 * the expectations); syncReplicaSet(key) then:
 *   1. re-reads the ReplicaSet from the lister (gone → forget its expectations, done);
 *   2. claims pods: adopts matching orphans, releases owned pods that stopped matching;
 *   3. if its expectations are satisfied (no creates/deletes of its own still in flight) and it is
 *      not being deleted, asks the `controllers.replicaset` part what to do, then creates pods in
 *      slow-start batches (1, 2, 4, ...) or deletes the chosen ones;
 *   4. writes status through the status subresource when it changed.
 * Pods are named by generateName `<rs>-` (the apiserver appends 5 random characters) and carry a
 * controller ownerReference (controller: true, blockOwnerDeletion: true).
 */
import { isNotFound } from '../../api/errors.ts';
import { labelSelectorAsSelector } from '../../api/labels.ts';
import { objectKey, splitKey } from '../../api/object.ts';
import type { appsv1, corev1 } from '../../api/types.ts';
import { deepCopy } from '../../client/cache/deep-freeze.ts';
import { ReconcileLoop } from '../../client/reconcile-loop.ts';
import type { ControllerContext, ControllerFactory } from '../context.ts';
import { LoopController } from '../loop-controller.ts';
import { CONTROLLER_UID_INDEX, claimCandidates, claimObjects, ensureControllerUIDIndex, getControllerOf, newControllerRef, resolveControllerRef, withoutOwner, type ControllerRefLike } from '../controller-ref.ts';
import { ControllerExpectations } from './expectations.ts';
import type { ManageReplicas } from './manage-replicas.ts';
import { filterActivePods, isPodReady } from './pod-util.ts';
import { calculateReplicaSetStatus, replicaSetStatusEqual, type ManageError } from './replica-set-status.ts';
import { slowStartBatch, SLOW_START_INITIAL_BATCH_SIZE } from './slow-start.ts';

export const REPLICASET_CONTROLLER_NAME = 'replicaset-controller';

export interface ReplicaSetControllerOptions {
  /** The `controllers.replicaset` part. */
  manageReplicas: ManageReplicas;
  /** Concurrent syncs (upstream --concurrent-replicaset-syncs, 5). Default 1. */
  workers?: number;
  burstReplicas?: number;
}

/** Builds the pod a ReplicaSet creates (GetPodFromTemplate in controller_utils.go). */
export function podFromTemplate(rs: appsv1.ReplicaSet): corev1.Pod {
  const template = rs.spec?.template ?? {};
  const meta = template.metadata ?? {};
  const pod: corev1.Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${rs.metadata?.name}-`,
      namespace: rs.metadata?.namespace,
      labels: { ...(meta.labels ?? {}) },
      ownerReferences: [newControllerRef({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: rs.metadata })],
    },
    spec: deepCopy(template.spec) as corev1.PodSpec,
  };
  if (meta.annotations) pod.metadata!.annotations = { ...meta.annotations };
  if (meta.finalizers) pod.metadata!.finalizers = [...meta.finalizers];
  return pod;
}

export class ReplicaSetController extends LoopController {
  readonly name = REPLICASET_CONTROLLER_NAME;
  readonly loop: ReconcileLoop;
  readonly expectations: ControllerExpectations;
  private readonly rsInformer;
  private readonly podInformer;

  constructor(
    ctx: ControllerContext,
    private readonly options: ReplicaSetControllerOptions,
  ) {
    super(ctx);
    this.expectations = new ControllerExpectations(ctx.clock);
    this.loop = new ReconcileLoop({ name: this.name, clock: ctx.clock, workers: options.workers, reconcile: (key) => this.sync(key), onError: (_key, err) => ctx.reportError?.(err) });
    this.rsInformer = ctx.informers.replicasets();
    this.podInformer = ctx.informers.pods();
    ensureControllerUIDIndex(this.podInformer);
    ensureControllerUIDIndex(this.rsInformer);
    this.rsInformer.addEventHandler({
      onAdd: (rs) => this.loop.enqueueObject(rs),
      onUpdate: (_old, rs) => this.loop.enqueueObject(rs),
      onDelete: (rs) => {
        this.expectations.delete(objectKey(rs));
        this.loop.enqueueObject(rs);
      },
    });
    this.podInformer.addEventHandler({
      onAdd: (pod) => this.addPod(pod),
      onUpdate: (old, pod) => this.updatePod(old, pod),
      onDelete: (pod) => this.deletePod(pod),
    });
  }

  /** resolveControllerRef: the ReplicaSet a controller reference points at, if it is that one. */
  private resolve(namespace: string, ref: ControllerRefLike | undefined): appsv1.ReplicaSet | undefined {
    return resolveControllerRef(this.rsInformer.lister(), namespace, ref, 'ReplicaSet');
  }

  /** getPodReplicaSets: the ReplicaSets whose selector matches an orphan pod. */
  private matchingReplicaSets(pod: corev1.Pod): appsv1.ReplicaSet[] {
    const ns = pod.metadata?.namespace ?? '';
    return this.rsInformer
      .lister()
      .namespace(ns)
      .list()
      .filter((rs) => {
        try {
          const sel = labelSelectorAsSelector(rs.spec?.selector);
          return !sel.empty() && sel.matches(pod.metadata?.labels ?? {});
        } catch {
          return false;
        }
      });
  }

  private addPod(pod: corev1.Pod): void {
    if (pod.metadata?.deletionTimestamp) return this.deletePod(pod);
    const ns = pod.metadata?.namespace ?? '';
    const ref = getControllerOf(pod);
    if (ref) {
      const rs = this.resolve(ns, ref);
      if (!rs) return;
      this.expectations.creationObserved(objectKey(rs));
      this.loop.enqueueObject(rs);
      return;
    }
    for (const rs of this.matchingReplicaSets(pod)) this.loop.enqueueObject(rs);
  }

  private updatePod(old: corev1.Pod, pod: corev1.Pod): void {
    if (old.metadata?.resourceVersion === pod.metadata?.resourceVersion) return;
    const ns = pod.metadata?.namespace ?? '';
    if (pod.metadata?.deletionTimestamp) {
      this.deletePod(pod);
      return;
    }
    const oldRef = getControllerOf(old);
    const ref = getControllerOf(pod);
    if (oldRef && oldRef.uid !== ref?.uid) {
      const oldRs = this.resolve(ns, oldRef);
      if (oldRs) this.loop.enqueueObject(oldRs);
    }
    if (ref) {
      const rs = this.resolve(ns, ref);
      if (!rs) return;
      this.loop.enqueueObject(rs);
      // A pod that just became ready turns available minReadySeconds later: look again then.
      const minReady = rs.spec?.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(pod) && minReady > 0) this.loop.enqueueAfter(objectKey(rs), minReady * 1000 + 1);
      return;
    }
    for (const rs of this.matchingReplicaSets(pod)) this.loop.enqueueObject(rs);
  }

  private deletePod(pod: corev1.Pod): void {
    const ref = getControllerOf(pod);
    if (!ref) return;
    const rs = this.resolve(pod.metadata?.namespace ?? '', ref);
    if (!rs) return;
    const key = objectKey(rs);
    this.expectations.deletionObserved(key, objectKey(pod));
    this.loop.enqueue(key);
  }

  /** syncReplicaSet. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const rs = this.rsInformer.lister().get(namespace, name);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const satisfied = this.expectations.satisfied(key);
    const selector = labelSelectorAsSelector(rs.spec?.selector);
    const all = filterActivePods(claimCandidates(this.podInformer.lister(), rs));
    const client = this.ctx.client.pods(namespace);
    const rsUid = rs.metadata?.uid;
    const pods = await claimObjects({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: rs.metadata }, selector, all, {
      adopt: async (pod) => {
        const copy = deepCopy(pod);
        copy.metadata!.ownerReferences = [...(copy.metadata!.ownerReferences ?? []), newControllerRef({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: rs.metadata })];
        await client.update(copy);
      },
      release: async (pod) => {
        const copy = deepCopy(pod);
        copy.metadata!.ownerReferences = withoutOwner(copy.metadata!.ownerReferences, rsUid);
        await client.update(copy);
      },
    });

    let manageError: ManageError | undefined;
    if (satisfied && !rs.metadata?.deletionTimestamp) manageError = await this.manageReplicas(key, rs, pods);

    const now = this.ctx.clock.now();
    const status = calculateReplicaSetStatus(rs, pods, manageError, now);
    if (!replicaSetStatusEqual(rs.status, status)) {
      await this.ctx.client.replicasets(namespace).updateStatus({ ...deepCopy(rs), status });
    }
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const replicas = rs.spec?.replicas ?? 1;
    if (manageError === undefined && minReady > 0 && status.readyReplicas === replicas && status.availableReplicas !== replicas) {
      this.loop.enqueueAfter(key, minReady * 1000);
    }
    if (manageError) throw new Error(manageError.message);
  }

  /** Runs the part's decision; returns the failure to report in ReplicaFailure, if any. */
  private async manageReplicas(key: string, rs: appsv1.ReplicaSet, pods: corev1.Pod[]): Promise<ManageError | undefined> {
    const namespace = rs.metadata?.namespace ?? '';
    const replicas = rs.spec?.replicas ?? 1;
    const decision = this.options.manageReplicas({
      replicas,
      pods,
      // Only a scale-down ranks pods; spare the lookup otherwise.
      relatedPods: pods.length > replicas ? this.relatedPods(rs) : pods,
      now: this.ctx.clock.now(),
      burstReplicas: this.options.burstReplicas,
    });
    const client = this.ctx.client.pods(namespace);
    if (decision.create > 0) {
      this.expectations.expectCreations(key, decision.create);
      const result = await slowStartBatch(decision.create, SLOW_START_INITIAL_BATCH_SIZE, async () => {
        try {
          const created = await client.create(podFromTemplate(rs));
          this.ctx.recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata?.name}`);
        } catch (err) {
          // The informer will never see this pod: stop waiting for it.
          this.expectations.creationObserved(key);
          this.ctx.recorder.event(rs, 'Warning', 'FailedCreate', `Error creating: ${errorMessage(err)}`);
          throw err;
        }
      });
      for (let i = 0; i < result.skipped; i++) this.expectations.creationObserved(key);
      if (result.error !== undefined) return { reason: 'FailedCreate', message: errorMessage(result.error) };
      return undefined;
    }
    if (decision.delete.length > 0) {
      const keys = decision.delete.map((p) => objectKey(p));
      this.expectations.expectDeletions(key, keys);
      let failure: ManageError | undefined;
      await Promise.all(
        decision.delete.map(async (pod) => {
          const podName = pod.metadata?.name ?? '';
          try {
            await client.delete(podName);
            this.ctx.recorder.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${podName}`);
          } catch (err) {
            this.expectations.deletionObserved(key, objectKey(pod));
            if (isNotFound(err)) return;
            this.ctx.recorder.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${errorMessage(err)}`);
            failure ??= { reason: 'FailedDelete', message: errorMessage(err) };
          }
        }),
      );
      return failure;
    }
    return undefined;
  }

  /**
   * getIndirectlyRelatedPods: pods of every ReplicaSet with the same controller as `rs` (a
   * Deployment's whole family). Upstream matches each ReplicaSet's selector; here each one's
   * controlled pods, which is the same set once pods are claimed.
   */
  private relatedPods(rs: appsv1.ReplicaSet): corev1.Pod[] {
    const namespace = rs.metadata?.namespace ?? '';
    const owner = getControllerOf(rs);
    const family = owner ? this.rsInformer.lister().byIndex(CONTROLLER_UID_INDEX, owner.uid).filter((r) => r.metadata?.namespace === namespace) : [rs];
    const lister = this.podInformer.lister();
    return family.flatMap((r) => lister.byIndex(CONTROLLER_UID_INDEX, r.metadata?.uid ?? ''));
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The controller-manager's factory: `replicaSetController({ manageReplicas: parts['controllers.replicaset'] })`. */
export function replicaSetController(options: ReplicaSetControllerOptions): ControllerFactory {
  return (ctx) => new ReplicaSetController(ctx, options);
}
