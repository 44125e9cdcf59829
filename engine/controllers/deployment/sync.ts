/**
 * The steps every Deployment sync shares (upstream: pkg/controller/deployment/sync.go): finding or
 * creating the new ReplicaSet and keeping revisions in line, cleaning up old revisions, and
 * computing status. Resizing lives in scale.ts.
 *
 * A sync works on `h.d`, its own copy of the Deployment, replaced by what the apiserver returns
 * after each write so that later writes in the same sync carry the right resourceVersion. Any
 * failure throws; the ReconcileLoop retries the whole sync from the informer's state.
 */
import { isAlreadyExists, isStatusError } from '../../api/errors.ts';
import type { appsv1 } from '../../api/types.ts';
import type { Client, EventRecorder, Lister } from '../../client/index.ts';
import { deepCopy } from '../../client/cache/deep-freeze.ts';
import type { Clock } from '../../util/clock.ts';
import { getControllerOf, newControllerRef } from '../controller-ref.ts';
import {
  AVAILABLE,
  FAILED_RS_CREATE_REASON,
  FOUND_NEW_RS_REASON,
  MIN_REPLICAS_AVAILABLE,
  MIN_REPLICAS_UNAVAILABLE,
  NEW_RS_REASON,
  PROGRESSING,
  getDeploymentCondition,
  newDeploymentCondition,
  setDeploymentCondition,
} from './conditions.ts';
import {
  actualReplicaCount,
  availableReplicaCount,
  byRevision,
  equalIgnoreHash,
  findNewReplicaSet,
  findOldReplicaSets,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  maxRevision,
  maxSurge,
  maxUnavailable,
  readyReplicaCount,
  replicaCount,
  REVISION_ANNOTATION,
  setNewReplicaSetAnnotations,
  specReplicas,
} from './deployment-util.ts';
import { computeHash, POD_TEMPLATE_HASH_LABEL } from './pod-template-hash.ts';
import type { RollingUpdateArithmetic } from './rolling-update.ts';

/** What a sync needs from its controller. */
export interface DeploymentEnv {
  readonly client: Client;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  readonly part: RollingUpdateArithmetic;
  readonly rsLister: Lister<appsv1.ReplicaSet>;
  enqueueAfter(key: string, ms: number): void;
  enqueueRateLimited(key: string): void;
}

/** The Deployment being synced: a private, mutable copy. */
export interface DeploymentHandle {
  d: appsv1.Deployment;
}

const ns = (h: DeploymentHandle) => h.d.metadata?.namespace ?? '';

/** UpdateStatus with the handle's status; the handle takes the stored object. */
export async function updateDeploymentStatus(env: DeploymentEnv, h: DeploymentHandle): Promise<void> {
  h.d = await env.client.deployments(ns(h)).updateStatus(h.d);
}

/**
 * SetDeploymentRevision, written at once. Upstream sends the annotation along with the next
 * UpdateStatus; tinykube's /status keeps only status (see the report), so the metadata goes
 * through a main-resource update (metadata only: the generation does not move).
 */
async function setDeploymentRevision(env: DeploymentEnv, h: DeploymentHandle, revision: string): Promise<void> {
  if (h.d.metadata?.annotations?.[REVISION_ANNOTATION] === revision) return;
  const status = h.d.status;
  const copy = deepCopy(h.d);
  copy.metadata!.annotations = { ...copy.metadata!.annotations, [REVISION_ANNOTATION]: revision };
  h.d = await env.client.deployments(ns(h)).update(copy);
  h.d.status = status;
}

/**
 * getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when `create` and missing) and
 * all old ones; also brings revision annotations up to date.
 */
export async function getAllReplicaSetsAndSyncRevision(
  env: DeploymentEnv,
  h: DeploymentHandle,
  rsList: readonly appsv1.ReplicaSet[],
  create: boolean,
): Promise<{ newRS: appsv1.ReplicaSet | undefined; oldRSs: appsv1.ReplicaSet[] }> {
  const oldRSs = findOldReplicaSets(h.d, rsList);
  const newRS = await getNewReplicaSet(env, h, rsList, oldRSs, create);
  return { newRS, oldRSs };
}

async function getNewReplicaSet(
  env: DeploymentEnv,
  h: DeploymentHandle,
  rsList: readonly appsv1.ReplicaSet[],
  oldRSs: readonly appsv1.ReplicaSet[],
  create: boolean,
): Promise<appsv1.ReplicaSet | undefined> {
  const d = h.d;
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = maxRevision(oldRSs) + 1;
  const surge = maxSurge(d, env.part);
  const now = env.clock.now();

  if (existing) {
    const rsCopy = deepCopy(existing);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true, surge);
    const minReadyChanged = (rsCopy.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0);
    if (annotationsUpdated || minReadyChanged) {
      rsCopy.spec!.minReadySeconds = d.spec?.minReadySeconds ?? 0;
      return await env.client.replicasets(ns(h)).update(rsCopy);
    }
    await setDeploymentRevision(env, h, rsCopy.metadata?.annotations?.[REVISION_ANNOTATION] ?? '');
    if (hasProgressDeadline(h.d) && !getDeploymentCondition(h.d.status, PROGRESSING)) {
      h.d.status ??= {};
      setDeploymentCondition(h.d.status, newDeploymentCondition(PROGRESSING, 'True', FOUND_NEW_RS_REASON, `Found new replica set "${rsCopy.metadata?.name}"`, now));
      await updateDeploymentStatus(env, h);
    }
    return rsCopy;
  }
  if (!create) return undefined;

  const template = deepCopy(d.spec?.template ?? {});
  const hash = computeHash(template, d.status?.collisionCount);
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash } };
  const selector = deepCopy(d.spec?.selector ?? {});
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const name = `${d.metadata?.name}-${hash}`;
  const newRS: appsv1.ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: ns(h),
      ownerReferences: [newControllerRef({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: d.metadata })],
      labels: { ...template.metadata.labels },
    },
    spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
  };
  const replicas = isRollingUpdate(d) ? env.part.newReplicaSetReplicas(d, newRS, oldRSs) : (d.spec?.replicas ?? 1);
  newRS.spec!.replicas = replicas;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false, surge);

  let created: appsv1.ReplicaSet;
  let alreadyExists = false;
  try {
    created = await env.client.replicasets(ns(h)).create(newRS);
  } catch (err) {
    if (isAlreadyExists(err)) {
      const found = env.rsLister.get(ns(h), name);
      const ref = found && getControllerOf(found);
      if (found && ref?.uid === d.metadata?.uid && equalIgnoreHash(d.spec?.template, found.spec?.template)) {
        created = found;
        alreadyExists = true;
      } else {
        // A hash collision with somebody else's ReplicaSet: bump collisionCount and try again.
        h.d.status = { ...h.d.status, collisionCount: (h.d.status?.collisionCount ?? 0) + 1 };
        await updateDeploymentStatus(env, h);
        throw err;
      }
    } else {
      if (isStatusError(err, 'Forbidden')) throw err; // e.g. the namespace is terminating
      const msg = `Failed to create new replica set "${name}": ${err instanceof Error ? err.message : String(err)}`;
      if (hasProgressDeadline(d)) {
        h.d.status ??= {};
        setDeploymentCondition(h.d.status, newDeploymentCondition(PROGRESSING, 'False', FAILED_RS_CREATE_REASON, msg, now));
        await updateDeploymentStatus(env, h);
      }
      env.recorder.event(d, 'Warning', 'FailedCreate', msg);
      throw err;
    }
  }
  if (!alreadyExists && replicas > 0) {
    env.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata?.name} from 0 to ${replicas}`);
  }
  await setDeploymentRevision(env, h, String(newRevision));
  if (!alreadyExists && hasProgressDeadline(h.d)) {
    h.d.status ??= {};
    setDeploymentCondition(h.d.status, newDeploymentCondition(PROGRESSING, 'True', NEW_RS_REASON, `Created new replica set "${created.metadata?.name}"`, now));
    await updateDeploymentStatus(env, h);
  }
  return created;
}

/**
 * cleanupDeployment: keeps at most revisionHistoryLimit old ReplicaSets, deleting the lowest
 * revisions first, and only those fully scaled down with a current status.
 */
export async function cleanupDeployment(env: DeploymentEnv, h: DeploymentHandle, oldRSs: readonly appsv1.ReplicaSet[]): Promise<void> {
  if (!hasRevisionHistoryLimit(h.d)) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp);
  const diff = cleanable.length - (h.d.spec?.revisionHistoryLimit ?? 10);
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (const rs of cleanable.slice(0, diff)) {
    if ((rs.status?.replicas ?? 0) !== 0 || specReplicas(rs) !== 0 || (rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    await env.client.replicasets(ns(h)).delete(rs.metadata?.name ?? '', { preconditions: { uid: rs.metadata?.uid } });
  }
}

/** calculateStatus: counts from the ReplicaSets, plus the Available condition. */
export function calculateStatus(env: DeploymentEnv, d: appsv1.Deployment, allRSs: ReadonlyArray<appsv1.ReplicaSet | undefined>, newRS: appsv1.ReplicaSet | undefined): appsv1.DeploymentStatus {
  const available = availableReplicaCount(allRSs);
  const total = replicaCount(allRSs);
  const status: appsv1.DeploymentStatus = {
    observedGeneration: d.metadata?.generation ?? 0,
    replicas: actualReplicaCount(allRSs),
    updatedReplicas: actualReplicaCount([newRS]),
    readyReplicas: readyReplicaCount(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (d.status?.conditions) status.conditions = d.status.conditions.map((c) => ({ ...c }));
  const now = env.clock.now();
  if (available >= (d.spec?.replicas ?? 1) - maxUnavailable(d, env.part)) {
    setDeploymentCondition(status, newDeploymentCondition(AVAILABLE, 'True', MIN_REPLICAS_AVAILABLE, 'Deployment has minimum availability.', now));
  } else {
    setDeploymentCondition(status, newDeploymentCondition(AVAILABLE, 'False', MIN_REPLICAS_UNAVAILABLE, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** Status equality as reflect.DeepEqual would see it (key order aside). */
export function statusEqual(a: appsv1.DeploymentStatus | undefined, b: appsv1.DeploymentStatus): boolean {
  const norm = (s: appsv1.DeploymentStatus | undefined) => {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(s ?? {}).sort()) {
      const v = (s as Record<string, unknown>)[k];
      if (v !== undefined && v !== 0 && !(Array.isArray(v) && v.length === 0)) o[k] = v;
    }
    return JSON.stringify(o, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));
  };
  return norm(a) === norm(b);
}

/** syncDeploymentStatus: write status when it changed. */
export async function syncDeploymentStatus(env: DeploymentEnv, h: DeploymentHandle, allRSs: ReadonlyArray<appsv1.ReplicaSet | undefined>, newRS: appsv1.ReplicaSet | undefined): Promise<void> {
  const status = calculateStatus(env, h.d, allRSs, newRS);
  if (statusEqual(h.d.status, status)) return;
  h.d.status = status;
  await updateDeploymentStatus(env, h);
}
