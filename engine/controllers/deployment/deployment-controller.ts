/**
 * The Deployment controller (upstream: pkg/controller/deployment/deployment_controller.go
 * syncDeployment). A Deployment manages ReplicaSets, one per pod template (named
 * `<deployment>-<pod-template-hash>`); the ReplicaSet controller manages their pods.
 *
 * syncDeployment(key):
 *   1. re-read the Deployment (gone → done); an empty selector selects everything: refuse
 *      (event SelectingAll) but report observedGeneration;
 *   2. claim ReplicaSets matching the selector (adopt orphans, release strays);
 *   3. being deleted → only status; paused → Progressing=Unknown DeploymentPaused, then resize
 *      only (no rollout); a change of spec.replicas (an active ReplicaSet sized for another
 *      count) → resize only, proportionally;
 *   4. otherwise roll out with the strategy: Recreate (recreate.ts) or RollingUpdate (rolling.ts).
 * Handlers only enqueue the Deployment concerned.
 */
import { labelSelectorAsSelector } from '../../api/labels.ts';
import { splitKey } from '../../api/object.ts';
import type { appsv1, corev1 } from '../../api/types.ts';
import { deepCopy } from '../../client/cache/deep-freeze.ts';
import { ReconcileLoop } from '../../client/reconcile-loop.ts';
import type { ControllerContext, ControllerFactory } from '../context.ts';
import { LoopController } from '../loop-controller.ts';
import { CONTROLLER_UID_INDEX, claimCandidates, claimObjects, ensureControllerUIDIndex, getControllerOf, newControllerRef, resolveControllerRef, withoutOwner, type ControllerRefLike } from '../controller-ref.ts';
import {
  PAUSED_DEPLOY_REASON,
  PROGRESSING,
  RESUMED_DEPLOY_REASON,
  TIMED_OUT_REASON,
  getDeploymentCondition,
  newDeploymentCondition,
  setDeploymentCondition,
} from './conditions.ts';
import { findOldReplicaSets, findNewReplicaSet, hasProgressDeadline } from './deployment-util.ts';
import { rolloutRecreate } from './recreate.ts';
import { rolloutRolling } from './rolling.ts';
import type { RollingUpdateArithmetic } from './rolling-update.ts';
import { syncDeploymentStatus, updateDeploymentStatus, type DeploymentEnv, type DeploymentHandle } from './sync.ts';
import { isScalingEvent, syncScaleOnly } from './scale.ts';

export const DEPLOYMENT_CONTROLLER_NAME = 'deployment-controller';

export interface DeploymentControllerOptions {
  /** The `controllers.deployment` part. */
  rollingUpdate: RollingUpdateArithmetic;
  /** Concurrent syncs (upstream --concurrent-deployment-syncs, 5). Default 1. */
  workers?: number;
}

export class DeploymentController extends LoopController {
  readonly name = DEPLOYMENT_CONTROLLER_NAME;
  readonly loop: ReconcileLoop;
  private readonly dInformer;
  private readonly rsInformer;
  private readonly podInformer;
  private readonly env: DeploymentEnv;

  constructor(
    ctx: ControllerContext,
    options: DeploymentControllerOptions,
  ) {
    super(ctx);
    this.loop = new ReconcileLoop({ name: this.name, clock: ctx.clock, workers: options.workers, reconcile: (key) => this.sync(key), onError: (_key, err) => ctx.reportError?.(err) });
    this.dInformer = ctx.informers.deployments();
    this.rsInformer = ctx.informers.replicasets();
    this.podInformer = ctx.informers.pods();
    ensureControllerUIDIndex(this.rsInformer);
    ensureControllerUIDIndex(this.podInformer);
    this.env = {
      client: ctx.client,
      recorder: ctx.recorder,
      clock: ctx.clock,
      part: options.rollingUpdate,
      rsLister: this.rsInformer.lister(),
      enqueueAfter: (key, ms) => this.loop.enqueueAfter(key, ms),
      enqueueRateLimited: (key) => this.loop.queue.addRateLimited(key),
    };
    this.dInformer.addEventHandler({
      onAdd: (d) => this.loop.enqueueObject(d),
      onUpdate: (_o, d) => this.loop.enqueueObject(d),
      onDelete: (d) => this.loop.enqueueObject(d),
    });
    this.rsInformer.addEventHandler({
      onAdd: (rs) => this.enqueueForReplicaSet(rs),
      onUpdate: (old, rs) => {
        const oldRef = getControllerOf(old);
        if (oldRef && oldRef.uid !== getControllerOf(rs)?.uid) this.enqueueOwner(old);
        this.enqueueForReplicaSet(rs);
      },
      onDelete: (rs) => this.enqueueOwner(rs),
    });
    this.podInformer.addEventHandler({
      // Recreate waits for the old pods to be gone: their deletion is what it waits on.
      onDelete: (pod) => {
        const rs = resolveControllerRef(this.rsInformer.lister(), pod.metadata?.namespace ?? '', getControllerOf(pod), 'ReplicaSet');
        if (rs) this.enqueueOwner(rs, (d) => d.spec?.strategy?.type === 'Recreate');
      },
    });
  }

  private resolve(namespace: string, ref: ControllerRefLike | undefined): appsv1.Deployment | undefined {
    return resolveControllerRef(this.dInformer.lister(), namespace, ref, 'Deployment');
  }

  private enqueueOwner(rs: appsv1.ReplicaSet, filter: (d: appsv1.Deployment) => boolean = () => true): void {
    const d = this.resolve(rs.metadata?.namespace ?? '', getControllerOf(rs));
    if (d && filter(d)) this.loop.enqueueObject(d);
  }

  private enqueueForReplicaSet(rs: appsv1.ReplicaSet): void {
    if (getControllerOf(rs)) return this.enqueueOwner(rs);
    // An orphan: every Deployment that could adopt it (getDeploymentsForReplicaSet).
    for (const d of this.dInformer.lister().namespace(rs.metadata?.namespace ?? '').list()) {
      try {
        const sel = labelSelectorAsSelector(d.spec?.selector);
        if (!sel.empty() && sel.matches(rs.metadata?.labels ?? {})) this.loop.enqueueObject(d);
      } catch {
        // an invalid selector selects nothing
      }
    }
  }

  /** getReplicaSetsForDeployment: claim (adopt/release) and return the Deployment's ReplicaSets. */
  private async replicaSetsFor(d: appsv1.Deployment): Promise<appsv1.ReplicaSet[]> {
    const ns = d.metadata?.namespace ?? '';
    const selector = labelSelectorAsSelector(d.spec?.selector);
    const client = this.ctx.client.replicasets(ns);
    const owner = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: d.metadata };
    return claimObjects(owner, selector, claimCandidates(this.rsInformer.lister(), d), {
      adopt: async (rs) => {
        const copy = deepCopy(rs);
        copy.metadata!.ownerReferences = [...(copy.metadata!.ownerReferences ?? []), newControllerRef(owner)];
        await client.update(copy);
      },
      release: async (rs) => {
        const copy = deepCopy(rs);
        copy.metadata!.ownerReferences = withoutOwner(copy.metadata!.ownerReferences, d.metadata?.uid);
        await client.update(copy);
      },
    });
  }

  /** getPodMapForDeployment: the Deployment's pods grouped by the UID of their ReplicaSet. */
  private podsByReplicaSet(d: appsv1.Deployment, rsList: readonly appsv1.ReplicaSet[]): Map<string, corev1.Pod[]> {
    const selector = labelSelectorAsSelector(d.spec?.selector);
    const map = new Map<string, corev1.Pod[]>();
    for (const rs of rsList) {
      const uid = rs.metadata?.uid ?? '';
      map.set(uid, this.podInformer.lister().byIndex(CONTROLLER_UID_INDEX, uid).filter((p) => selector.matches(p.metadata?.labels ?? {})));
    }
    return map;
  }

  /** syncDeployment. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const cached = this.dInformer.lister().get(namespace, name);
    if (!cached) return;
    const h: DeploymentHandle = { d: deepCopy(cached) };
    const env = this.env;
    const sel = h.d.spec?.selector;
    if (!sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)) {
      this.ctx.recorder.event(cached, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((h.d.status?.observedGeneration ?? 0) < (h.d.metadata?.generation ?? 0)) {
        h.d.status = { ...h.d.status, observedGeneration: h.d.metadata?.generation };
        await updateDeploymentStatus(env, h);
      }
      return;
    }
    const rsList = await this.replicaSetsFor(h.d);
    if (h.d.metadata?.deletionTimestamp) {
      const newRS = findNewReplicaSet(h.d, rsList);
      return syncDeploymentStatus(env, h, [...findOldReplicaSets(h.d, rsList), newRS], newRS);
    }
    await this.checkPausedConditions(h);
    if (h.d.spec?.paused) return syncScaleOnly(env, h, rsList);
    const newRS = findNewReplicaSet(h.d, rsList);
    if (isScalingEvent(h.d, [...findOldReplicaSets(h.d, rsList), newRS])) return syncScaleOnly(env, h, rsList);
    if (h.d.spec?.strategy?.type === 'Recreate') return rolloutRecreate(env, h, rsList, this.podsByReplicaSet(h.d, rsList));
    return rolloutRolling(env, h, rsList);
  }

  /**
   * checkPausedConditions: Progressing=Unknown DeploymentPaused / DeploymentResumed, so time spent
   * paused never counts against progressDeadlineSeconds. A timed-out rollout keeps its condition.
   */
  private async checkPausedConditions(h: DeploymentHandle): Promise<void> {
    if (!hasProgressDeadline(h.d)) return;
    const cond = getDeploymentCondition(h.d.status, PROGRESSING);
    if (cond?.reason === TIMED_OUT_REASON) return;
    const pausedCond = cond?.reason === PAUSED_DEPLOY_REASON;
    const now = this.ctx.clock.now();
    h.d.status ??= {};
    if (h.d.spec?.paused && !pausedCond) {
      setDeploymentCondition(h.d.status, newDeploymentCondition(PROGRESSING, 'Unknown', PAUSED_DEPLOY_REASON, 'Deployment is paused', now));
    } else if (!h.d.spec?.paused && pausedCond) {
      setDeploymentCondition(h.d.status, newDeploymentCondition(PROGRESSING, 'Unknown', RESUMED_DEPLOY_REASON, 'Deployment is resumed', now));
    } else return;
    await updateDeploymentStatus(this.env, h);
  }
}

/** The controller-manager's factory: `deploymentController({ rollingUpdate: parts['controllers.deployment'] })`. */
export function deploymentController(options: DeploymentControllerOptions): ControllerFactory {
  return (ctx) => new DeploymentController(ctx, options);
}
