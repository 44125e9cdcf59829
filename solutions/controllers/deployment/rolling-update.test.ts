import { describe, expect, it } from 'vitest';
import { describeRollingUpdate, failingRollingUpdateCases, rollingUpdateCases } from '../../../engine/controllers/deployment/rolling-update-suite.ts';
import type { RollingUpdateArithmetic } from '../../../engine/controllers/deployment/rolling-update.ts';
import { rollingUpdate, scaledValue } from './rolling-update.ts';
import { rollingUpdate as stub } from '../../../exercises/controllers/deployment/rolling-update.ts';

describeRollingUpdate('reference solution', rollingUpdate);

describe('RollingUpdate cases catch broken implementations', () => {
  it('the untouched learner stub fails every case', () => {
    expect(failingRollingUpdateCases(stub)).toEqual(rollingUpdateCases.map((c) => c.name));
  });

  it('rounding both percentages to nearest (Math.round) is caught', () => {
    const rounded: RollingUpdateArithmetic = {
      ...rollingUpdate,
      resolveFenceposts(s, u, desired) {
        const v = (x: typeof s) => (typeof x === 'string' ? Math.round((Number(x.slice(0, -1)) * desired) / 100) : (x ?? 0));
        const surge = v(s);
        const unavailable = v(u);
        return { maxSurge: surge, maxUnavailable: surge === 0 && unavailable === 0 ? 1 : unavailable };
      },
    };
    expect(failingRollingUpdateCases(rounded)).toContain('maxSurge percentages round up and maxUnavailable percentages round down');
  });

  it('forgetting the "both 0" fencepost is caught', () => {
    const stuck: RollingUpdateArithmetic = {
      ...rollingUpdate,
      resolveFenceposts: (s, u, d) => ({ maxSurge: scaledValue(s, d, true), maxUnavailable: scaledValue(u, d, false) }),
    };
    expect(failingRollingUpdateCases(stuck)).toEqual(['when both resolve to 0, maxUnavailable becomes 1 so the rollout can progress']);
  });

  it('ignoring the new ReplicaSet\'s unavailable pods when scaling old ones down is caught', () => {
    const greedy: RollingUpdateArithmetic = {
      ...rollingUpdate,
      scaleDownOldReplicaSets: (d, newRS, old) =>
        rollingUpdate.scaleDownOldReplicaSets(d, newRS && ({ ...newRS, status: { ...newRS.status, availableReplicas: newRS.spec?.replicas ?? 0 } } as typeof newRS), old),
    };
    expect(failingRollingUpdateCases(greedy)).toContain(
      "the new ReplicaSet's unavailable pods use up the budget: with maxUnavailable 0 nothing old goes until new pods are available",
    );
  });

  it('counting only the new ReplicaSet towards the surge (forgetting old ones) is caught', () => {
    const noOld: RollingUpdateArithmetic = { ...rollingUpdate, newReplicaSetReplicas: (d, n) => rollingUpdate.newReplicaSetReplicas(d, n, []) };
    expect(failingRollingUpdateCases(noOld).length).toBeGreaterThan(0);
  });
});
