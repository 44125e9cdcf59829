/**
 * The StatefulSet controller (upstream: pkg/controller/statefulset/stateful_set.go sync,
 * getPodsForStatefulSet; stateful_set_control.go UpdateStatefulSet; stateful_pod_control.go
 * CreateStatefulPod, DeleteStatefulPod, createPersistentVolumeClaims, recordPodEvent,
 * recordClaimEvent).
 *
 * sync(key), from current state only:
 *   1. the update revision (a ControllerRevision `<set>-<hash>`) is ensured, the current one read
 *      from status (history.ts);
 *   2. the set's pods are claimed: owned ones, and orphans whose labels match the selector and
 *      whose NAME makes them members (`<set>-<ordinal>`) are adopted;
 *   3. claims get the ownerReferences the retention policy asks for (claim-retention.ts), and a
 *      member whose identity labels were edited away gets them back (identityMatches);
 *   4. the `controllers.statefulset` part decides the actions from the pods' states; they are
 *      carried out in order by StatefulPodControl (stateful-pod-control.ts): a create makes the
 *      pod's missing claims `<template>-<set>-<ordinal>`, then the pod; a delete deletes by uid;
 *   5. status, then history beyond revisionHistoryLimit is truncated.
 * The pod itself is built by the `statefulset.identity` part (name, hostname, subdomain, identity
 * labels, claim volumes), from the template of the revision the decision picked; the controller
 * adds the controller ownerReference and `controller-revision-hash: <revision name>`.
 *
 * No expectations are needed (upstream uses none for StatefulSets): pod names are fixed, so a
 * create the cache has not seen yet fails AlreadyExists instead of creating a twin, and deletes
 * carry a uid precondition so a stale cache never deletes a pod's replacement.
 */
import { isConflict, isNotFound } from '../../api/errors.ts';
import { labelSelectorAsSelector, type Selector } from '../../api/labels.ts';
import { splitKey } from '../../api/object.ts';
import type { appsv1, corev1 } from '../../api/types.ts';
import { deepCopy } from '../../client/cache/deep-freeze.ts';
import { ReconcileLoop } from '../../client/reconcile-loop.ts';
import type { ControllerContext, ControllerFactory } from '../context.ts';
import { LoopController } from '../loop-controller.ts';
import { claimCandidates, claimObjects, ensureControllerUIDIndex, getControllerOf, newControllerRef, resolveControllerRef, withoutOwner } from '../controller-ref.ts';
import { isPodAvailable, parseTime } from '../replicaset/pod-util.ts';
import { desiredClaimOwnerRefs } from './claim-retention.ts';
import { CONTROLLER_REVISION_HASH_LABEL, ensureRevisions, truncateHistory } from './history.ts';
import type { StatefulSetIdentity } from './identity.ts';
import type { StatefulPodState, StatefulSetOrdering } from './ordering.ts';
import { applyRevision, StatefulPodControl } from './stateful-pod-control.ts';
import { computeStatefulSetStatus, isRunningAndReady } from './statefulset-status.ts';

export const STATEFULSET_CONTROLLER_NAME = 'statefulset-controller';

export interface StatefulSetControllerOptions {
  /** The `controllers.statefulset` part. */
  ordering: StatefulSetOrdering;
  /** The `statefulset.identity` part. */
  identity: StatefulSetIdentity;
  workers?: number;
}

const PHASES = new Set(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']);

export class StatefulSetController extends LoopController {
  readonly name = STATEFULSET_CONTROLLER_NAME;
  readonly loop: ReconcileLoop;
  private readonly setInformer;
  private readonly podInformer;
  private readonly pvcInformer;
  private readonly crInformer;
  private readonly podControl: StatefulPodControl;

  constructor(
    ctx: ControllerContext,
    private readonly options: StatefulSetControllerOptions,
  ) {
    super(ctx);
    this.loop = new ReconcileLoop({ name: this.name, clock: ctx.clock, workers: options.workers, reconcile: (key) => this.sync(key) });
    this.setInformer = ctx.informers.statefulsets();
    this.podInformer = ctx.informers.pods();
    this.pvcInformer = ctx.informers.persistentvolumeclaims();
    this.crInformer = ctx.informers.controllerrevisions();
    ensureControllerUIDIndex(this.podInformer);
    this.podControl = new StatefulPodControl(ctx.client, ctx.recorder, options.identity, this.pvcInformer.lister());
    this.setInformer.addEventHandler({
      onAdd: (s) => this.loop.enqueueObject(s),
      onUpdate: (_o, s) => this.loop.enqueueObject(s),
      onDelete: (s) => this.loop.enqueueObject(s),
    });
    this.podInformer.addEventHandler({
      onAdd: (p) => this.onPod(p),
      onUpdate: (o, p) => {
        if (o.metadata?.resourceVersion !== p.metadata?.resourceVersion) this.onPod(p);
      },
      onDelete: (p) => this.onPod(p),
    });
  }

  private onPod(pod: corev1.Pod): void {
    const ns = pod.metadata?.namespace ?? '';
    const ref = getControllerOf(pod);
    if (ref) {
      const set = resolveControllerRef(this.setInformer.lister(), ns, ref, 'StatefulSet');
      if (!set) return;
      this.loop.enqueueObject(set);
      return;
    }
    // An orphan: every set that might adopt it looks again.
    for (const set of this.setInformer.lister().namespace(ns).list()) {
      if (this.options.identity.isMemberOf(set, pod)) this.loop.enqueueObject(set);
    }
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const set = this.setInformer.lister().get(namespace, name);
    if (!set || set.metadata?.deletionTimestamp) return;
    let selector: Selector;
    try {
      selector = labelSelectorAsSelector(set.spec?.selector);
    } catch {
      return;
    }
    const { identity, ordering } = this.options;
    const uid = set.metadata?.uid;
    const revisionObjects = this.crInformer
      .lister()
      .namespace(namespace)
      .list()
      .filter((r) => getControllerOf(r)?.uid === uid);
    const revisions = await ensureRevisions(this.ctx.client, set, revisionObjects);

    const pods = await this.claimPods(set, selector);
    const states: StatefulPodState[] = [];
    const byName = new Map<string, corev1.Pod>();
    for (const pod of pods) {
      const parsed = identity.getParentNameAndOrdinal(pod.metadata?.name ?? '');
      if (!parsed) continue;
      byName.set(pod.metadata?.name ?? '', pod);
      states.push(this.podState(set, pod, parsed.ordinal));
    }

    const start = set.spec?.ordinals?.start ?? 0;
    const replicas = set.spec?.replicas ?? 1;
    await this.updateClaimOwners(set, pods, start, replicas);
    // processReplica: a live member whose identity was tampered with gets it back.
    for (const st of states) {
      const pod = byName.get(st.name)!;
      if (!st.terminating && !identity.identityMatches(set, pod)) await this.podControl.restoreIdentity(set, pod, st.ordinal);
    }

    const actions = ordering({
      replicas,
      startOrdinal: start,
      podManagementPolicy: set.spec?.podManagementPolicy === 'Parallel' ? 'Parallel' : 'OrderedReady',
      updateStrategy: set.spec?.updateStrategy?.type === 'OnDelete' ? 'OnDelete' : 'RollingUpdate',
      partition: set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0,
      currentRevision: revisions.current,
      updateRevision: revisions.update,
      pods: states,
    });
    let failure: unknown;
    try {
      for (const action of actions) {
        if (action.type === 'delete') {
          const pod = byName.get(action.pod);
          if (pod) await this.podControl.deleteStatefulPod(set, pod);
        } else {
          // newVersionedStatefulSetPod: the pod runs the template of the revision picked for it.
          const versioned = action.revision === revisions.update ? set : applyRevision(set, revisionObjects.find((r) => r.metadata?.name === action.revision));
          await this.podControl.createStatefulPod(set, versioned, action.ordinal, action.revision);
        }
      }
    } catch (err) {
      failure = err;
    }

    const now = this.ctx.clock.now();
    const status = computeStatefulSetStatus(set, pods, revisions, now);
    if (JSON.stringify(set.status ?? {}) !== JSON.stringify(status)) {
      try {
        await this.ctx.client.statefulsets(namespace).updateStatus({ ...deepCopy(set), status } as appsv1.StatefulSet);
      } catch (err) {
        if (!isNotFound(err)) failure ??= err;
      }
    }
    // A Ready pod turns available minReadySeconds after its Ready transition: look again then
    // (upstream requeues with AddAfter for the same reason).
    const wake = this.nextAvailableIn(set, pods, now);
    if (wake !== undefined) this.loop.enqueueAfter(key, wake);
    const keep = new Set([revisions.current, revisions.update, ...pods.map((p) => p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '')]);
    await truncateHistory(this.ctx.client, set, revisionObjects, keep);
    if (failure !== undefined) throw failure;
  }

  /** Milliseconds until the first Ready-but-not-yet-available pod becomes available, if any. */
  private nextAvailableIn(set: appsv1.StatefulSet, pods: readonly corev1.Pod[], now: number): number | undefined {
    const minReady = set.spec?.minReadySeconds ?? 0;
    if (minReady <= 0) return undefined;
    let next: number | undefined;
    for (const p of pods) {
      if (!isRunningAndReady(p) || isPodAvailable(p, minReady, now)) continue;
      const since = parseTime(p.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime);
      const wait = Math.max(1, since + minReady * 1000 - now + 1);
      next = next === undefined ? wait : Math.min(next, wait);
    }
    return next;
  }

  private podState(set: appsv1.StatefulSet, pod: corev1.Pod, ordinal: number): StatefulPodState {
    const phase = pod.status?.phase ?? 'Pending';
    const terminating = !!pod.metadata?.deletionTimestamp;
    const healthy = !terminating && isRunningAndReady(pod) && isPodAvailable(pod, set.spec?.minReadySeconds ?? 0, this.ctx.clock.now());
    return {
      name: pod.metadata?.name ?? '',
      ordinal,
      revision: pod.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '',
      phase: (PHASES.has(phase) ? phase : 'Unknown') as StatefulPodState['phase'],
      healthy,
      terminating,
    };
  }

  /** getPodsForStatefulSet: ClaimPods, with membership by name on top of the selector. */
  private async claimPods(set: appsv1.StatefulSet, selector: Selector): Promise<corev1.Pod[]> {
    const { identity } = this.options;
    const uid = set.metadata?.uid;
    const candidates = claimCandidates<corev1.Pod>(this.podInformer.lister(), set).filter((p) => getControllerOf(p)?.uid === uid || identity.isMemberOf(set, p));
    const client = this.ctx.client.pods(set.metadata?.namespace ?? '');
    return claimObjects({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: set.metadata }, selector, candidates, {
      adopt: async (pod) => {
        const copy = deepCopy(pod);
        copy.metadata!.ownerReferences = [...(copy.metadata!.ownerReferences ?? []), newControllerRef({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: set.metadata })];
        await client.update(copy);
      },
      release: async (pod) => {
        const copy = deepCopy(pod);
        copy.metadata!.ownerReferences = withoutOwner(copy.metadata!.ownerReferences, uid);
        await client.update(copy);
      },
    });
  }

  /** Keeps each existing claim's ownerReferences as the retention policy wants them. */
  private async updateClaimOwners(set: appsv1.StatefulSet, pods: readonly corev1.Pod[], start: number, replicas: number): Promise<void> {
    if ((set.spec?.volumeClaimTemplates ?? []).length === 0) return;
    const ns = set.metadata?.namespace ?? '';
    const lister = this.pvcInformer.lister();
    for (const pod of pods) {
      if (pod.metadata?.deletionTimestamp) continue;
      const parsed = this.options.identity.getParentNameAndOrdinal(pod.metadata?.name ?? '');
      if (!parsed) continue;
      const scaledDown = parsed.ordinal < start || parsed.ordinal >= start + replicas;
      for (const want of this.options.identity.claimsFor(set, parsed.ordinal)) {
        const claim = lister.get(ns, want.metadata?.name ?? '');
        if (!claim || claim.metadata?.deletionTimestamp) continue;
        const refs = desiredClaimOwnerRefs(claim, set, pod, scaledDown);
        if (!refs) continue;
        const copy = deepCopy(claim);
        copy.metadata!.ownerReferences = refs;
        try {
          await this.ctx.client.persistentvolumeclaims(ns).update(copy);
        } catch (err) {
          if (!isNotFound(err) && !isConflict(err)) throw err;
        }
      }
    }
  }
}

/** The controller-manager's factory. */
export function statefulSetController(options: StatefulSetControllerOptions): ControllerFactory {
  return (ctx) => new StatefulSetController(ctx, options);
}
