/**
 * The part cases of `controllers.statefulset` (the per-sync decision of the StatefulSet
 * controller), called directly. The grader (grader/tests/sts-ordering.ts) runs them after its
 * cluster cases; the self-check runs them against the reference, the stub and the mutants
 * (grader/mutants/sts-ordering.ts). Each case throws on failure.
 */
import { expect } from 'vitest';
import { deepFreeze } from '../../client/cache/deep-freeze.ts';
import type { StatefulPodState, StatefulSetAction, StatefulSetOrdering, StatefulSetOrderingInput } from './ordering.ts';

export interface OrderingCase {
  name: string;
  run(decide: StatefulSetOrdering): void;
}

const R1 = 'web-r1';
const R2 = 'web-r2';

interface PodOpts {
  revision?: string;
  phase?: StatefulPodState['phase'];
  healthy?: boolean;
  terminating?: boolean;
}

/** web-<ordinal>: by default Running, healthy, on R1. */
function pod(ordinal: number, o: PodOpts = {}): StatefulPodState {
  const phase = o.phase ?? (o.healthy === false ? 'Pending' : 'Running');
  return { name: `web-${ordinal}`, ordinal, revision: o.revision ?? R1, phase, healthy: o.healthy ?? phase === 'Running', terminating: o.terminating ?? false };
}

function input(replicas: number, pods: StatefulPodState[], o: Partial<StatefulSetOrderingInput> = {}): StatefulSetOrderingInput {
  return deepFreeze({
    replicas,
    startOrdinal: 0,
    podManagementPolicy: 'OrderedReady',
    updateStrategy: 'RollingUpdate',
    partition: 0,
    currentRevision: R1,
    updateRevision: R1,
    pods,
    ...o,
  } as StatefulSetOrderingInput);
}

const create = (ordinal: number, revision = R1): StatefulSetAction => ({ type: 'create', ordinal, revision });
const del = (n: number, reason: 'failed' | 'condemned' | 'update'): StatefulSetAction => ({ type: 'delete', pod: `web-${n}`, reason });
const UPDATE = { updateRevision: R2 } as const;

export const orderingCases: readonly OrderingCase[] = [
  {
    name: 'OrderedReady, no pods yet: creates web-0 only',
    run: (d) => expect(d(input(3, []))).toEqual([create(0)]),
  },
  {
    name: 'OrderedReady: while web-0 is not Running and Ready, nothing else is created',
    run: (d) => {
      expect(d(input(3, [pod(0, { healthy: false })]))).toEqual([]);
      expect(d(input(3, [pod(0, { phase: 'Running', healthy: false })]))).toEqual([]);
    },
  },
  {
    name: 'OrderedReady: once web-0 is Running and Ready, web-1 is created, and only web-1',
    run: (d) => expect(d(input(3, [pod(0)]))).toEqual([create(1)]),
  },
  {
    name: 'OrderedReady: a missing predecessor is recreated before anything else (web-0 deleted, web-1 and web-2 fine)',
    run: (d) => expect(d(input(3, [pod(1), pod(2)]))).toEqual([create(0)]),
  },
  {
    name: 'OrderedReady: a terminating replica blocks the sync until it is gone',
    run: (d) => expect(d(input(3, [pod(0, { terminating: true }), pod(1)]))).toEqual([]),
  },
  {
    name: 'Parallel: every missing ordinal is created in one sync, whatever the others\' state',
    run: (d) => {
      expect(d(input(3, [], { podManagementPolicy: 'Parallel' }))).toEqual([create(0), create(1), create(2)]);
      expect(d(input(3, [pod(1, { healthy: false })], { podManagementPolicy: 'Parallel' }))).toEqual([create(0), create(2)]);
    },
  },
  {
    name: 'spec.ordinals.start: the replicas are start … start+replicas-1',
    run: (d) => {
      expect(d(input(2, [], { startOrdinal: 5 }))).toEqual([create(5)]);
      expect(d(input(2, [pod(5)], { startOrdinal: 5 }))).toEqual([create(6)]);
      // web-0 is outside [5, 7): condemned.
      expect(d(input(2, [pod(0), pod(5), pod(6)], { startOrdinal: 5 }))).toEqual([del(0, 'condemned')]);
    },
  },
  {
    name: 'a Failed replica is deleted (to be recreated under the same name); OrderedReady stops there',
    run: (d) => {
      expect(d(input(3, [pod(0), pod(1, { phase: 'Failed', healthy: false })]))).toEqual([del(1, 'failed')]);
      expect(d(input(3, [pod(0, { phase: 'Succeeded', healthy: false })]))).toEqual([del(0, 'failed')]);
    },
  },
  {
    name: 'Parallel: a Failed replica is deleted and the missing ones are still created',
    run: (d) => expect(d(input(3, [pod(0, { phase: 'Failed', healthy: false })], { podManagementPolicy: 'Parallel' }))).toEqual([del(0, 'failed'), create(1), create(2)]),
  },
  {
    name: 'OrderedReady scale down 3 → 1: deletes web-2 first, one pod per sync',
    run: (d) => expect(d(input(1, [pod(0), pod(1), pod(2)]))).toEqual([del(2, 'condemned')]),
  },
  {
    name: 'OrderedReady scale down: web-1 is deleted only once web-2 has fully terminated',
    run: (d) => {
      expect(d(input(1, [pod(0), pod(1), pod(2, { terminating: true })]))).toEqual([]);
      expect(d(input(1, [pod(0), pod(1)]))).toEqual([del(1, 'condemned')]);
    },
  },
  {
    name: 'OrderedReady scale down waits while a remaining replica is not Ready',
    run: (d) => expect(d(input(1, [pod(0, { phase: 'Running', healthy: false }), pod(1), pod(2)]))).toEqual([]),
  },
  {
    name: 'OrderedReady scale down: an unhealthy pod at the top is still removed',
    run: (d) => expect(d(input(1, [pod(0), pod(1), pod(2, { phase: 'Running', healthy: false })]))).toEqual([del(2, 'condemned')]),
  },
  {
    name: 'Parallel scale down: every condemned pod is deleted at once, highest ordinal first',
    run: (d) => expect(d(input(1, [pod(0), pod(1), pod(2), pod(3, { terminating: true })], { podManagementPolicy: 'Parallel' }))).toEqual([del(2, 'condemned'), del(1, 'condemned')]),
  },
  {
    name: 'scale to zero (OrderedReady) starts from the highest ordinal',
    run: (d) => expect(d(input(0, [pod(0), pod(1), pod(2)]))).toEqual([del(2, 'condemned')]),
  },
  {
    name: 'RollingUpdate: the highest ordinal not on the update revision is deleted first, one pod per sync',
    run: (d) => {
      expect(d(input(3, [pod(0), pod(1), pod(2)], UPDATE))).toEqual([del(2, 'update')]);
      expect(d(input(3, [pod(0), pod(1), pod(2)], { ...UPDATE, podManagementPolicy: 'Parallel' }))).toEqual([del(2, 'update')]);
    },
  },
  {
    name: 'RollingUpdate: the next pod is deleted only after the updated one is Running and Ready',
    run: (d) => {
      expect(d(input(3, [pod(0), pod(1), pod(2, { revision: R2, phase: 'Running', healthy: false })], UPDATE))).toEqual([]);
      expect(d(input(3, [pod(0), pod(1), pod(2, { revision: R2 })], UPDATE))).toEqual([del(1, 'update')]);
    },
  },
  {
    name: 'RollingUpdate: a recreated pod gets the update revision',
    run: (d) => expect(d(input(3, [pod(0), pod(1)], UPDATE))).toEqual([create(2, R2)]),
  },
  {
    name: 'RollingUpdate partition 2: only web-2 is updated; web-0 and web-1 are never touched',
    run: (d) => {
      const o = { ...UPDATE, partition: 2 };
      expect(d(input(3, [pod(0), pod(1), pod(2)], o))).toEqual([del(2, 'update')]);
      expect(d(input(3, [pod(0), pod(1), pod(2, { revision: R2 })], o))).toEqual([]);
    },
  },
  {
    name: 'RollingUpdate partition: a pod below the partition that is recreated comes back on the CURRENT revision',
    run: (d) => {
      expect(d(input(3, [pod(1), pod(2, { revision: R2 })], { ...UPDATE, partition: 2 }))).toEqual([create(0, R1)]);
      expect(d(input(3, [pod(0), pod(1)], { ...UPDATE, partition: 2 }))).toEqual([create(2, R2)]);
    },
  },
  {
    name: 'RollingUpdate partition counts from spec.ordinals.start',
    run: (d) => expect(d(input(3, [pod(5), pod(6), pod(7, { revision: R2 })], { ...UPDATE, startOrdinal: 5, partition: 1 }))).toEqual([del(6, 'update')]),
  },
  {
    name: 'OnDelete: pods on an old revision are never deleted for an update; a missing one is created on the update revision',
    run: (d) => {
      const o = { ...UPDATE, updateStrategy: 'OnDelete' as const };
      expect(d(input(3, [pod(0), pod(1), pod(2)], o))).toEqual([]);
      expect(d(input(3, [pod(0), pod(2)], o))).toEqual([create(1, R2)]);
    },
  },
  {
    name: 'scaling comes before updating: with a condemned pod left, no pod is deleted for the update',
    run: (d) => expect(d(input(2, [pod(0), pod(1), pod(2)], UPDATE))).toEqual([del(2, 'condemned')]),
  },
];
