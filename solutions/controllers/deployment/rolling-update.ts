/**
 * Reference for part `controllers.deployment` (interface: engine/controllers/deployment/rolling-update.ts).
 *
 * Why the rounding goes the way it does (ResolveFenceposts): rounding maxSurge UP and
 * maxUnavailable DOWN both err towards availability — an extra pod costs a little capacity, a
 * missing one costs service. With 25%/25% of 1 replica that gives surge 1, unavailable 0: the
 * single pod stays up until its replacement is available.
 *
 * Why old ReplicaSets shrink in two passes (reconcileOldReplicaSets): pods that are not available
 * serve nobody, so removing them first frees room without touching availability; only then are
 * available old pods traded for available new ones, and only down to minAvailable. The new
 * ReplicaSet's not-yet-available pods are subtracted from the budget so a rollout whose new pods
 * never become ready cannot eat the old, working ones.
 */
import type { appsv1 } from '../../../engine/api/types.ts';
import type { Fenceposts, IntOrPercent, RollingUpdateArithmetic, ScaleChange } from '../../../engine/controllers/deployment/rolling-update.ts';

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(v: IntOrPercent | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number.isInteger(Number(v)) ? Number(v) : 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

const specReplicas = (rs: appsv1.ReplicaSet | undefined) => rs?.spec?.replicas ?? 0;
const available = (rs: appsv1.ReplicaSet | undefined) => rs?.status?.availableReplicas ?? 0;

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
function oldestFirst(rss: readonly appsv1.ReplicaSet[]): appsv1.ReplicaSet[] {
  return [...rss].sort((a, b) => {
    const ta = a.metadata?.creationTimestamp ?? '';
    const tb = b.metadata?.creationTimestamp ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
    return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
  });
}

function fenceposts(d: appsv1.Deployment): Fenceposts {
  const ru = d.spec?.strategy?.rollingUpdate;
  return rollingUpdate.resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, d.spec?.replicas ?? 1);
}

export const rollingUpdate: RollingUpdateArithmetic = {
  resolveFenceposts(maxSurge, maxUnavailable, desired) {
    const surge = scaledValue(maxSurge, desired, true);
    let unavailable = scaledValue(maxUnavailable, desired, false);
    if (surge === 0 && unavailable === 0) unavailable = 1;
    return { maxSurge: surge, maxUnavailable: unavailable };
  },

  newReplicaSetReplicas(d, newRS, oldRSs) {
    const replicas = d.spec?.replicas ?? 1;
    const { maxSurge } = fenceposts(d);
    const current = specReplicas(newRS) + oldRSs.reduce((n, rs) => n + specReplicas(rs), 0);
    const maxTotal = replicas + maxSurge;
    if (current >= maxTotal) return specReplicas(newRS);
    const scaleUp = Math.min(maxTotal - current, replicas - specReplicas(newRS));
    return specReplicas(newRS) + Math.max(0, scaleUp);
  },

  scaleDownOldReplicaSets(d, newRS, oldRSs) {
    const oldPods = oldRSs.reduce((n, rs) => n + specReplicas(rs), 0);
    if (oldPods === 0) return [];
    const replicas = d.spec?.replicas ?? 1;
    const { maxUnavailable } = fenceposts(d);
    const minAvailable = replicas - maxUnavailable;
    const allPods = oldPods + specReplicas(newRS);
    const newUnavailable = specReplicas(newRS) - available(newRS);
    const maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return [];

    const targets = new Map<string, { rs: appsv1.ReplicaSet; to: number }>();
    const sorted = oldestFirst(oldRSs);
    // Pass 1 (cleanupUnhealthyReplicas): drop pods that are not available, oldest RS first.
    let cleaned = 0;
    for (const rs of sorted) {
      if (cleaned >= maxScaledDown) break;
      const r = specReplicas(rs);
      if (r === 0) continue;
      const unhealthy = r - available(rs);
      if (unhealthy <= 0) continue;
      const n = Math.min(maxScaledDown - cleaned, unhealthy);
      targets.set(rs.metadata?.name ?? '', { rs, to: r - n });
      cleaned += n;
    }
    // Pass 2 (scaleDownOldReplicaSetsForRollingUpdate): trade available pods, down to minAvailable.
    const availableNow = available(newRS) + oldRSs.reduce((n, rs) => n + available(rs), 0);
    if (availableNow > minAvailable) {
      const total = availableNow - minAvailable;
      let done = 0;
      for (const rs of sorted) {
        if (done >= total) break;
        const name = rs.metadata?.name ?? '';
        const r = targets.get(name)?.to ?? specReplicas(rs);
        if (r === 0) continue;
        const n = Math.min(r, total - done);
        targets.set(name, { rs, to: r - n });
        done += n;
      }
    }
    const changes: ScaleChange[] = [];
    for (const rs of sorted) {
      const t = targets.get(rs.metadata?.name ?? '');
      if (t && t.to !== specReplicas(rs)) changes.push({ name: rs.metadata?.name ?? '', from: specReplicas(rs), to: t.to });
    }
    return changes;
  },
};
