/** Typical mistakes in `controllers.deployment`; the self-check proves each one fails a case. */
import type { appsv1 } from '../../engine/api/types.ts';
import type { Fenceposts, IntOrPercent, RollingUpdateArithmetic } from '../../engine/controllers/deployment/rolling-update.ts';
import { defineMutants } from '../exercise-tests.ts';

type Resolve = RollingUpdateArithmetic['resolveFenceposts'];

/** The Deployment with its maxSurge/maxUnavailable replaced by the counts `f`. */
function withCounts(d: appsv1.Deployment, f: Fenceposts): appsv1.Deployment {
  const strategy = { ...d.spec?.strategy, rollingUpdate: { maxSurge: f.maxSurge, maxUnavailable: f.maxUnavailable } };
  return { ...d, spec: { ...d.spec!, strategy } };
}

/**
 * A whole part whose every step uses the mistaken `resolve`, as a learner's code would (the
 * reference's own steps call the reference's resolveFenceposts, so overriding that one method
 * alone would not reach them). Both counts 0 means nothing may move.
 */
function withResolve(ref: RollingUpdateArithmetic, resolve: Resolve): RollingUpdateArithmetic {
  const counts = (d: appsv1.Deployment) => {
    const ru = d.spec?.strategy?.rollingUpdate;
    return resolve(ru?.maxSurge, ru?.maxUnavailable, d.spec?.replicas ?? 1);
  };
  const stuck = (f: Fenceposts) => f.maxSurge === 0 && f.maxUnavailable === 0;
  return {
    resolveFenceposts: resolve,
    newReplicaSetReplicas(d, newRS, old) {
      const f = counts(d);
      return stuck(f) ? (newRS.spec?.replicas ?? 0) : ref.newReplicaSetReplicas(withCounts(d, f), newRS, old);
    },
    scaleDownOldReplicaSets(d, newRS, old) {
      const f = counts(d);
      return stuck(f) ? [] : ref.scaleDownOldReplicaSets(withCounts(d, f), newRS, old);
    },
  };
}

/** A percentage or a number turned into a pod count with the given rounding. */
const scaled = (v: IntOrPercent | undefined, desired: number, round: (x: number) => number) =>
  typeof v === 'string' ? round((Number(v.replace('%', '')) * desired) / 100) : (v ?? 0);

export default defineMutants({
  part: 'controllers.deployment',
  mutants: [
    {
      name: 'rounds-to-nearest',
      mistake: 'rounds both percentages to the nearest integer (Math.round) instead of surge up and unavailable down',
      make: (ref) =>
        withResolve(ref, (s, u, desired) => {
          const surge = scaled(s, desired, Math.round);
          const unavailable = scaled(u, desired, Math.round);
          return { maxSurge: surge, maxUnavailable: surge === 0 && unavailable === 0 ? 1 : unavailable };
        }),
    },
    {
      name: 'both-zero-stuck',
      mistake: 'forgets the fencepost: when maxSurge and maxUnavailable both resolve to 0 the rollout can never move',
      make: (ref) => withResolve(ref, (s, u, desired) => ({ maxSurge: scaled(s, desired, Math.ceil), maxUnavailable: scaled(u, desired, Math.floor) })),
    },
    {
      name: 'ignores-new-unavailable',
      mistake: "scales old ReplicaSets down without counting the new ReplicaSet's pods that are not available yet",
      make: (ref) => ({
        ...ref,
        scaleDownOldReplicaSets: (d, newRS, old) =>
          ref.scaleDownOldReplicaSets(d, newRS && ({ ...newRS, status: { ...newRS.status, availableReplicas: newRS.spec?.replicas ?? 0 } } as appsv1.ReplicaSet), old),
      }),
    },
    {
      name: 'surge-ignores-old',
      mistake: 'counts only the new ReplicaSet towards replicas + maxSurge, forgetting the old ones',
      make: (ref) => ({ ...ref, newReplicaSetReplicas: (d, newRS) => ref.newReplicaSetReplicas(d, newRS, []) }),
    },
  ],
});
