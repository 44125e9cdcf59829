/**
 * The part cases of `controllers.replicaset` (manageReplicas): the decision's edge cases, called
 * directly. The grader (grader/tests/ctrl-replicaset.ts) runs them after its cluster cases; the
 * self-check (test/self-check/) runs them against the reference, the learner's stub (where every
 * case must fail) and the mutants (grader/mutants/ctrl-replicaset.ts). Each case throws on failure.
 */
import { expect } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import { deepFreeze } from '../../client/cache/deep-freeze.ts';
import { POD_DELETION_COST_ANNOTATION, type ManageReplicas } from './manage-replicas.ts';

export interface ManageReplicasCase {
  name: string;
  run(manage: ManageReplicas): void;
}

const T0 = Date.UTC(2025, 0, 1);
const NOW = T0 + 3600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

interface PodOpts {
  node?: string;
  phase?: 'Pending' | 'Running' | 'Unknown';
  /** ms since T0 at which the pod became Ready; undefined: not ready. */
  readyAt?: number;
  createdAt?: number;
  cost?: number;
  restarts?: number;
}

/** A frozen pod, as a lister would hand it out. */
export function testPod(name: string, o: PodOpts = {}): corev1.Pod {
  const phase = o.phase ?? (o.node ? 'Running' : 'Pending');
  const ready = o.readyAt !== undefined;
  return deepFreeze({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      creationTimestamp: iso(T0 + (o.createdAt ?? 0)),
      ...(o.cost !== undefined ? { annotations: { [POD_DELETION_COST_ANNOTATION]: String(o.cost) } } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...(o.node ? { nodeName: o.node } : {}) },
    status: {
      phase,
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: iso(T0 + (o.readyAt ?? 0)) }],
      containerStatuses: [{ name: 'c', image: 'nginx', imageID: 'nginx', ready, restartCount: o.restarts ?? 0 }],
    },
  } as corev1.Pod);
}

const names = (pods: readonly corev1.Pod[]) => pods.map((p) => p.metadata?.name);

function decide(manage: ManageReplicas, replicas: number, pods: corev1.Pod[], related?: corev1.Pod[]) {
  return manage({ replicas, pods, relatedPods: related ?? pods, now: NOW });
}

export const manageReplicasCases: readonly ManageReplicasCase[] = [
  {
    name: 'too few pods: creates exactly the missing number and deletes none',
    run(manage) {
      const d = decide(manage, 5, [testPod('a', { node: 'n1', readyAt: 0 })]);
      expect(d.create).toBe(4);
      expect(d.delete).toEqual([]);
    },
  },
  {
    name: 'the right number of pods: does nothing',
    run(manage) {
      const d = decide(manage, 2, [testPod('a', { node: 'n1', readyAt: 0 }), testPod('b', { node: 'n2', readyAt: 0 })]);
      expect(d).toEqual({ create: 0, delete: [] });
    },
  },
  {
    name: 'never creates or deletes more than burstReplicas in one sync',
    run(manage) {
      const up = manage({ replicas: 800, pods: [], relatedPods: [], now: NOW });
      expect(up.create).toBe(500);
      const pods = Array.from({ length: 6 }, (_, i) => testPod(`p${i}`, { node: 'n1', readyAt: 0 }));
      const down = manage({ replicas: 0, pods, relatedPods: pods, now: NOW, burstReplicas: 4 });
      expect(down.create).toBe(0);
      expect(down.delete).toHaveLength(4);
    },
  },
  {
    name: 'scale to zero deletes every pod',
    run(manage) {
      const pods = [testPod('a', { node: 'n1', readyAt: 0 }), testPod('b')];
      expect(names(decide(manage, 0, pods).delete).sort()).toEqual(['a', 'b']);
    },
  },
  {
    name: 'a pod not yet assigned to a node is deleted before assigned ones',
    run(manage) {
      const pods = [testPod('running', { node: 'n1', readyAt: 0 }), testPod('pending-running', { node: 'n2', phase: 'Pending' }), testPod('unassigned')];
      expect(names(decide(manage, 2, pods).delete)).toEqual(['unassigned']);
    },
  },
  {
    name: 'Pending goes before Unknown, Unknown before Running',
    run(manage) {
      const pods = [testPod('running', { node: 'n1' }), testPod('unknown', { node: 'n2', phase: 'Unknown' }), testPod('pending', { node: 'n3', phase: 'Pending' })];
      expect(names(decide(manage, 1, pods).delete)).toEqual(['pending', 'unknown']);
    },
  },
  {
    name: 'a pod that is not ready goes before a ready one',
    run(manage) {
      const pods = [testPod('ready', { node: 'n1', readyAt: 0 }), testPod('not-ready', { node: 'n2' })];
      expect(names(decide(manage, 1, pods).delete)).toEqual(['not-ready']);
    },
  },
  {
    name: 'a lower pod-deletion-cost goes first, even before a pod sharing a crowded node',
    run(manage) {
      const pods = [
        testPod('crowded-1', { node: 'n1', readyAt: 0 }),
        testPod('crowded-2', { node: 'n1', readyAt: 0 }),
        testPod('cheap', { node: 'n2', readyAt: 0, cost: -10 }),
        testPod('dear', { node: 'n3', readyAt: 0, cost: 100 }),
      ];
      expect(names(decide(manage, 3, pods).delete)).toEqual(['cheap']);
      expect(names(decide(manage, 1, pods).delete).slice(0, 1)).toEqual(['cheap']);
      expect(names(decide(manage, 1, pods).delete)).not.toContain('dear');
    },
  },
  {
    name: 'among equals, a pod on a node with more replicas of the same workload goes first (counting related pods)',
    run(manage) {
      const pods = [testPod('alone', { node: 'n1', readyAt: 0 }), testPod('shared', { node: 'n2', readyAt: 0 })];
      const sibling = testPod('sibling-of-other-rs', { node: 'n2', readyAt: 0 });
      expect(names(decide(manage, 1, pods, [...pods, sibling]).delete)).toEqual(['shared']);
    },
  },
  {
    name: 'both ready: the pod ready for less time goes first (ages compared in log2 buckets)',
    run(manage) {
      // Ready 1 h ago vs 1 min ago: clearly different buckets.
      const pods = [testPod('old-ready', { node: 'n1', readyAt: 0 }), testPod('new-ready', { node: 'n2', readyAt: 3540_000 })];
      expect(names(decide(manage, 1, pods).delete)).toEqual(['new-ready']);
    },
  },
  {
    name: 'ready ages in the same log2 bucket are not told apart by age: the lower UID goes first',
    run(manage) {
      // Ready 40 min and 41 min ago: same floor(log2(ns)), so the UID decides.
      const pods = [testPod('b', { node: 'n1', readyAt: 20 * 60_000 }), testPod('a', { node: 'n2', readyAt: 19 * 60_000 })];
      expect(names(decide(manage, 1, pods).delete)).toEqual(['a']);
    },
  },
  {
    name: 'among otherwise equal pods, more container restarts go first',
    run(manage) {
      const pods = [testPod('stable', { node: 'n1', phase: 'Running' }), testPod('flappy', { node: 'n2', phase: 'Running', restarts: 3 })];
      expect(names(decide(manage, 1, pods).delete)).toEqual(['flappy']);
    },
  },
  {
    name: 'among otherwise equal pods, the newer goes first',
    run(manage) {
      const pods = [testPod('older', { node: 'n1', phase: 'Running', createdAt: 0 }), testPod('newer', { node: 'n2', phase: 'Running', createdAt: 3000_000 })];
      expect(names(decide(manage, 1, pods).delete)).toEqual(['newer']);
    },
  },
  {
    name: 'the full order on a mixed set follows every rule at once',
    run(manage) {
      const pods = [
        testPod('ready-old', { node: 'n1', readyAt: 0 }),
        testPod('ready-crowded', { node: 'n2', readyAt: 0 }),
        testPod('ready-crowded-2', { node: 'n2', readyAt: 0 }),
        testPod('not-ready', { node: 'n3' }),
        testPod('pending', { node: 'n4', phase: 'Pending' }),
        testPod('unassigned'),
      ];
      const d = decide(manage, 1, pods);
      expect(names(d.delete).slice(0, 3)).toEqual(['unassigned', 'pending', 'not-ready']);
      expect(names(d.delete).slice(3, 5).sort()).toEqual(['ready-crowded', 'ready-crowded-2']);
      expect(names(d.delete)).not.toContain('ready-old');
    },
  },
];
