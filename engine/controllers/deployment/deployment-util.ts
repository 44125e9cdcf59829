/**
 * Helpers of the Deployment controller (upstream: pkg/controller/deployment/util/deployment_util.go
 * and the ReplicaSet sorts of pkg/controller/controller_utils.go).
 *
 * Revisions: every ReplicaSet a Deployment owns carries `deployment.kubernetes.io/revision`; the
 * new ReplicaSet always holds the highest (max of the old ones + 1), and the Deployment mirrors it.
 * Bringing an old template back (`kubectl rollout undo`) makes that old ReplicaSet the new one: it
 * gets the next revision and its previous numbers go to `deployment.kubernetes.io/revision-history`.
 */
import type { appsv1, corev1 } from '../../api/types.ts';
import type { RollingUpdateArithmetic } from './rolling-update.ts';
import { POD_TEMPLATE_HASH_LABEL } from './pod-template-hash.ts';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Annotations a Deployment never copies onto its ReplicaSets (skipCopyAnnotation). */
const SKIP_COPY = new Set([LAST_APPLIED, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, 'deprecated.deployment.rollback.to']);

export const specReplicas = (rs: appsv1.ReplicaSet | undefined): number => rs?.spec?.replicas ?? 0;

/** Revision of a ReplicaSet; absent or malformed → 0. */
export function revisionOf(obj: { metadata?: { annotations?: Record<string, string> } } | undefined): number {
  const v = obj?.metadata?.annotations?.[REVISION_ANNOTATION];
  const n = v === undefined ? 0 : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : 0;
}

export function maxRevision(rss: readonly appsv1.ReplicaSet[]): number {
  return rss.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

/** ReplicaSetsByCreationTimestamp: oldest first, ties by name. */
export function byCreation(a: appsv1.ReplicaSet, b: appsv1.ReplicaSet): number {
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** ReplicaSetsBySizeNewer (scaling up): larger first, then newer first. */
export function bySizeNewer(a: appsv1.ReplicaSet, b: appsv1.ReplicaSet): number {
  if (specReplicas(a) !== specReplicas(b)) return specReplicas(b) - specReplicas(a);
  return byCreation(b, a);
}

/** ReplicaSetsBySizeOlder (scaling down): larger first, then older first. */
export function bySizeOlder(a: appsv1.ReplicaSet, b: appsv1.ReplicaSet): number {
  if (specReplicas(a) !== specReplicas(b)) return specReplicas(b) - specReplicas(a);
  return byCreation(a, b);
}

/** ReplicaSetsByRevision: lowest revision first, ties by creation. */
export function byRevision(a: appsv1.ReplicaSet, b: appsv1.ReplicaSet): number {
  const d = revisionOf(a) - revisionOf(b);
  return d !== 0 ? d : byCreation(a, b);
}

/** FilterActiveReplicaSets: those with spec.replicas > 0. */
export function activeReplicaSets(rss: ReadonlyArray<appsv1.ReplicaSet | undefined>): appsv1.ReplicaSet[] {
  return rss.filter((rs): rs is appsv1.ReplicaSet => !!rs && specReplicas(rs) > 0);
}

const sum = (rss: ReadonlyArray<appsv1.ReplicaSet | undefined>, f: (rs: appsv1.ReplicaSet) => number) =>
  rss.reduce((n, rs) => n + (rs ? f(rs) : 0), 0);
export const replicaCount = (rss: ReadonlyArray<appsv1.ReplicaSet | undefined>) => sum(rss, specReplicas);
export const actualReplicaCount = (rss: ReadonlyArray<appsv1.ReplicaSet | undefined>) => sum(rss, (rs) => rs.status?.replicas ?? 0);
export const readyReplicaCount = (rss: ReadonlyArray<appsv1.ReplicaSet | undefined>) => sum(rss, (rs) => rs.status?.readyReplicas ?? 0);
export const availableReplicaCount = (rss: ReadonlyArray<appsv1.ReplicaSet | undefined>) => sum(rss, (rs) => rs.status?.availableReplicas ?? 0);

function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return v.length === 0 ? 'null' : `[${v.map(canonical).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined && x !== null && !(typeof x === 'object' && Object.keys(x as object).length === 0))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
}

/**
 * EqualIgnoreHash: two pod templates are the same once the pod-template-hash label is ignored
 * (empty and absent maps/lists count as equal, as apimachinery's semantic DeepEqual has it).
 */
export function equalIgnoreHash(a: corev1.PodTemplateSpec | undefined, b: corev1.PodTemplateSpec | undefined): boolean {
  const strip = (t: corev1.PodTemplateSpec | undefined) => {
    const labels = { ...(t?.metadata?.labels ?? {}) };
    delete labels[POD_TEMPLATE_HASH_LABEL];
    return { ...t, metadata: { ...t?.metadata, labels } };
  };
  return canonical(strip(a)) === canonical(strip(b));
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's. */
export function findNewReplicaSet(d: appsv1.Deployment, rss: readonly appsv1.ReplicaSet[]): appsv1.ReplicaSet | undefined {
  return [...rss].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** FindOldReplicaSets: every other ReplicaSet the Deployment owns. */
export function findOldReplicaSets(d: appsv1.Deployment, rss: readonly appsv1.ReplicaSet[]): appsv1.ReplicaSet[] {
  const newRS = findNewReplicaSet(d, rss);
  return rss.filter((rs) => rs.metadata?.uid !== newRS?.metadata?.uid);
}

export const isRollingUpdate = (d: appsv1.Deployment) => (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

/** MaxSurge(d): 0 unless RollingUpdate. */
export function maxSurge(d: appsv1.Deployment, part: RollingUpdateArithmetic): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return part.resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, d.spec?.replicas ?? 1).maxSurge;
}

/** MaxUnavailable(d): 0 unless RollingUpdate with replicas > 0; never more than replicas. */
export function maxUnavailable(d: appsv1.Deployment, part: RollingUpdateArithmetic): number {
  const replicas = d.spec?.replicas ?? 1;
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  const u = part.resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicas).maxUnavailable;
  return Math.min(u, replicas);
}

/** SetReplicasAnnotations on a mutable copy; returns whether anything changed. */
export function setReplicasAnnotations(rs: appsv1.ReplicaSet, desired: number, max: number): boolean {
  const ann = (rs.metadata!.annotations ??= {});
  let changed = false;
  if (ann[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    ann[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (ann[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    ann[MAX_REPLICAS_ANNOTATION] = String(max);
    changed = true;
  }
  return changed;
}

/** ReplicasAnnotationsNeedUpdate. */
export function replicasAnnotationsNeedUpdate(rs: appsv1.ReplicaSet, desired: number, max: number): boolean {
  const ann = rs.metadata?.annotations ?? {};
  return ann[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || ann[MAX_REPLICAS_ANNOTATION] !== String(max);
}

export function annotationInt(rs: appsv1.ReplicaSet, key: string): number | undefined {
  const v = rs.metadata?.annotations?.[key];
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * SetNewReplicaSetAnnotations on a mutable copy: copies the Deployment's own annotations, raises
 * the revision to `newRevision` (keeping earlier numbers in revision-history when an old
 * ReplicaSet comes back), and on creation records desired/max replicas.
 */
export function setNewReplicaSetAnnotations(d: appsv1.Deployment, rs: appsv1.ReplicaSet, newRevision: number, exists: boolean, maxSurgeValue: number): boolean {
  const ann = (rs.metadata!.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (SKIP_COPY.has(k) || ann[k] === v) continue;
    ann[k] = v;
    changed = true;
  }
  const had = ann[REVISION_ANNOTATION];
  const oldRevision = had === undefined ? 0 : Number.parseInt(had, 10);
  if (had !== undefined && !Number.isFinite(oldRevision)) return changed;
  if (oldRevision < newRevision) {
    ann[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (had !== undefined) {
      const history = ann[REVISION_HISTORY_ANNOTATION];
      ann[REVISION_HISTORY_ANNOTATION] = history ? `${history},${had}` : had;
    }
  }
  const replicas = d.spec?.replicas ?? 1;
  if (!exists && setReplicasAnnotations(rs, replicas, replicas + maxSurgeValue)) changed = true;
  return changed;
}

/** IsSaturated: the new ReplicaSet alone runs the whole Deployment, all available. */
export function isSaturated(d: appsv1.Deployment, rs: appsv1.ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const replicas = d.spec?.replicas ?? 1;
  return specReplicas(rs) === replicas && annotationInt(rs, DESIRED_REPLICAS_ANNOTATION) === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}

/** DeploymentComplete: every replica updated and available, and the status is current. */
export function deploymentComplete(d: appsv1.Deployment, s: appsv1.DeploymentStatus | undefined): boolean {
  const replicas = d.spec?.replicas ?? 1;
  return (
    (s?.updatedReplicas ?? 0) === replicas &&
    (s?.replicas ?? 0) === replicas &&
    (s?.availableReplicas ?? 0) === replicas &&
    (s?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)
  );
}

/** DeploymentProgressing: more updated, fewer old, or more ready/available pods than last time. */
export function deploymentProgressing(d: appsv1.Deployment, s: appsv1.DeploymentStatus): boolean {
  const old = d.status ?? {};
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** HasProgressDeadline: set and not MaxInt32. */
export function hasProgressDeadline(d: appsv1.Deployment): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return s !== undefined && s !== null && s !== 2147483647;
}

export function hasRevisionHistoryLimit(d: appsv1.Deployment): boolean {
  const l = d.spec?.revisionHistoryLimit;
  return l !== undefined && l !== null && l !== 2147483647;
}
