import { describe, expect, it } from 'vitest';
import {
  describeManageReplicas,
  failingManageReplicasCases,
  manageReplicasCases,
} from '../../../engine/controllers/replicaset/manage-replicas-suite.ts';
import type { ManageReplicas } from '../../../engine/controllers/replicaset/manage-replicas.ts';
import { manageReplicas } from './manage-replicas.ts';
import { manageReplicas as stub } from '../../../exercises/controllers/replicaset/manage-replicas.ts';

describeManageReplicas('reference solution', manageReplicas);

describe('manageReplicas cases catch broken implementations', () => {
  it('the untouched learner stub fails every case', () => {
    expect(failingManageReplicasCases(stub)).toEqual(manageReplicasCases.map((c) => c.name));
  });

  it('deleting the oldest pods first (a FIFO scale-down) is caught', () => {
    const byAge: ManageReplicas = (input) => {
      const diff = input.pods.length - input.replicas;
      if (diff <= 0) return manageReplicas(input);
      const sorted = [...input.pods].sort((a, b) => String(a.metadata?.creationTimestamp).localeCompare(String(b.metadata?.creationTimestamp)));
      return { create: 0, delete: sorted.slice(0, diff) };
    };
    expect(failingManageReplicasCases(byAge)).toContain('a pod not yet assigned to a node is deleted before assigned ones');
  });

  it('ignoring pod-deletion-cost is caught', () => {
    const noCost: ManageReplicas = (input) =>
      manageReplicas({
        ...input,
        pods: input.pods.map((p) => ({ ...p, metadata: { ...p.metadata, annotations: {} } })),
      });
    const failed = failingManageReplicasCases((input) => {
      // map back to the caller's objects so names still compare
      const d = noCost(input);
      return { create: d.create, delete: d.delete.map((p) => input.pods.find((q) => q.metadata?.name === p.metadata?.name)!) };
    });
    expect(failed).toContain('a lower pod-deletion-cost goes first, even before a pod sharing a crowded node');
  });

  it('forgetting the burst cap is caught', () => {
    const unbounded: ManageReplicas = (input) => manageReplicas({ ...input, burstReplicas: Number.MAX_SAFE_INTEGER });
    expect(failingManageReplicasCases(unbounded)).toEqual(['never creates or deletes more than burstReplicas in one sync']);
  });

  it('ranking by the ReplicaSet\'s own pods only (ignoring related pods) is caught', () => {
    const ownOnly: ManageReplicas = (input) => manageReplicas({ ...input, relatedPods: input.pods });
    expect(failingManageReplicasCases(ownOnly)).toContain(
      'among equals, a pod on a node with more replicas of the same workload goes first (counting related pods)',
    );
  });
});
