/**
 * The part cases of `controllers.deployment` (RollingUpdateArithmetic), called directly. The
 * grader (grader/tests/ctrl-deployment.ts) runs them after its cluster cases; the self-check
 * (test/self-check/) runs them against the reference, the learner's stub (where every case must
 * fail) and the mutants (grader/mutants/ctrl-deployment.ts). Each case throws on failure.
 */
import { expect } from 'vitest';
import type { appsv1 } from '../../api/types.ts';
import { deepFreeze } from '../../client/cache/deep-freeze.ts';
import type { IntOrPercent, RollingUpdateArithmetic } from './rolling-update.ts';

export interface RollingUpdateCase {
  name: string;
  run(impl: RollingUpdateArithmetic): void;
}

function deployment(replicas: number, maxSurge: IntOrPercent, maxUnavailable: IntOrPercent): appsv1.Deployment {
  return deepFreeze({
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  } as appsv1.Deployment);
}

/** A ReplicaSet of `replicas` pods of which `available` are available, created at minute `minute`. */
function rs(name: string, replicas: number, available: number, minute = 0): appsv1.ReplicaSet {
  return deepFreeze({
    metadata: { name, namespace: 'default', creationTimestamp: `2025-01-01T00:${String(minute).padStart(2, '0')}:00Z` },
    spec: { replicas, selector: { matchLabels: { app: 'web' } } },
    status: { replicas, availableReplicas: available },
  } as appsv1.ReplicaSet);
}

export const rollingUpdateCases: readonly RollingUpdateCase[] = [
  {
    name: 'maxSurge percentages round up and maxUnavailable percentages round down',
    run(impl) {
      expect(impl.resolveFenceposts('25%', '25%', 10)).toEqual({ maxSurge: 3, maxUnavailable: 2 });
      expect(impl.resolveFenceposts('25%', '25%', 3)).toEqual({ maxSurge: 1, maxUnavailable: 0 });
      expect(impl.resolveFenceposts('10%', '90%', 7)).toEqual({ maxSurge: 1, maxUnavailable: 6 });
    },
  },
  {
    name: 'absolute numbers are taken as they are',
    run(impl) {
      expect(impl.resolveFenceposts(2, 1, 10)).toEqual({ maxSurge: 2, maxUnavailable: 1 });
      expect(impl.resolveFenceposts('0%', 3, 4)).toEqual({ maxSurge: 0, maxUnavailable: 3 });
    },
  },
  {
    name: 'when both resolve to 0, maxUnavailable becomes 1 so the rollout can progress',
    run(impl) {
      expect(impl.resolveFenceposts('0%', '25%', 1)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
      expect(impl.resolveFenceposts(0, 0, 5)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
    },
  },
  {
    name: 'the first step grows the new ReplicaSet by the surge only',
    run(impl) {
      const d = deployment(10, '25%', '25%');
      expect(impl.newReplicaSetReplicas(d, rs('new', 0, 0, 5), [rs('old', 10, 10)])).toBe(3);
    },
  },
  {
    name: 'the new ReplicaSet does not grow while the total is at replicas + maxSurge',
    run(impl) {
      const d = deployment(10, '25%', '25%');
      expect(impl.newReplicaSetReplicas(d, rs('new', 3, 0, 5), [rs('old', 10, 10)])).toBe(3);
      expect(impl.newReplicaSetReplicas(d, rs('new', 3, 3, 5), [rs('old', 8, 8)])).toBe(5);
    },
  },
  {
    name: 'the new ReplicaSet never grows beyond spec.replicas, and every old ReplicaSet counts towards the total',
    run(impl) {
      const d = deployment(4, 4, 0);
      expect(impl.newReplicaSetReplicas(d, rs('new', 2, 2, 9), [rs('old', 1, 1)])).toBe(4);
      expect(impl.newReplicaSetReplicas(d, rs('new', 0, 0, 9), [rs('a', 3, 3), rs('b', 3, 3, 1)])).toBe(2);
    },
  },
  {
    name: 'old ReplicaSets shrink only down to replicas − maxUnavailable available pods',
    run(impl) {
      const d = deployment(10, '25%', '25%');
      expect(impl.scaleDownOldReplicaSets(d, rs('new', 3, 0, 5), [rs('old', 10, 10)])).toEqual([{ name: 'old', from: 10, to: 8 }]);
    },
  },
  {
    name: "the new ReplicaSet's unavailable pods use up the budget: with maxUnavailable 0 nothing old goes until new pods are available",
    run(impl) {
      const d = deployment(3, 1, 0);
      expect(impl.scaleDownOldReplicaSets(d, rs('new', 1, 0, 5), [rs('old', 3, 3)])).toEqual([]);
      expect(impl.scaleDownOldReplicaSets(d, rs('new', 1, 1, 5), [rs('old', 3, 3)])).toEqual([{ name: 'old', from: 3, to: 2 }]);
    },
  },
  {
    name: 'unavailable old pods are removed first, even when no available pod may go',
    run(impl) {
      // replicas 4, maxUnavailable 0 → minAvailable 4; old has 2 unavailable pods.
      const d = deployment(4, 2, 0);
      expect(impl.scaleDownOldReplicaSets(d, rs('new', 2, 0, 5), [rs('old', 4, 2)])).toEqual([]);
      const d2 = deployment(4, 2, 1);
      // allPods 6 − minAvailable 3 − new unavailable 0 = 3 may go: 2 unhealthy, then 1 available? available 2+2=4 > 3 → 1.
      expect(impl.scaleDownOldReplicaSets(d2, rs('new', 2, 2, 5), [rs('old', 4, 2)])).toEqual([{ name: 'old', from: 4, to: 1 }]);
    },
  },
  {
    name: 'the oldest old ReplicaSet shrinks first',
    run(impl) {
      const d = deployment(6, 0, 2);
      const changes = impl.scaleDownOldReplicaSets(d, rs('new', 0, 0, 9), [rs('younger', 3, 3, 4), rs('oldest', 3, 3, 1)]);
      expect(changes).toEqual([{ name: 'oldest', from: 3, to: 1 }]);
    },
  },
  {
    name: 'nothing to do when the old ReplicaSets are already empty',
    run(impl) {
      const d = deployment(3, 1, 1);
      expect(impl.scaleDownOldReplicaSets(d, rs('new', 3, 3, 5), [rs('old', 0, 0)])).toEqual([]);
    },
  },
];
