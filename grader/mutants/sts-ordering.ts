/** Typical mistakes in `controllers.statefulset`; the self-check proves each one fails a case. */
import type { StatefulSetAction } from '../../engine/controllers/statefulset/ordering.ts';
import { defineMutants } from '../exercise-tests.ts';

export default defineMutants({
  part: 'controllers.statefulset',
  mutants: [
    {
      name: 'creates-all-at-once',
      mistake: 'creates every missing pod in one sync even under OrderedReady (treats it as Parallel)',
      make: (ref) => (input) => ref({ ...input, podManagementPolicy: 'Parallel' }),
    },
    {
      name: 'does-not-wait-for-ready',
      mistake: 'creates the next pod as soon as its predecessor exists, without waiting for it to be Running and Ready',
      make: (ref) => (input) => ref({ ...input, pods: input.pods.map((p) => ({ ...p, healthy: !p.terminating && p.phase !== 'Failed' && p.phase !== 'Succeeded' })) }),
    },
    {
      name: 'scales-down-lowest-first',
      mistake: 'scales down by deleting the lowest surplus ordinal first instead of the highest',
      make: (ref) => (input) => {
        const end = input.startOrdinal + input.replicas;
        const surplus = input.pods.filter((p) => p.ordinal >= end && !p.terminating).sort((a, b) => a.ordinal - b.ordinal);
        return ref(input).map((a): StatefulSetAction => {
          if (a.type !== 'delete' || a.reason !== 'condemned') return a;
          const lowest = surplus.shift();
          return lowest ? { ...a, pod: lowest.name } : a;
        });
      },
    },
    {
      name: 'updates-below-partition',
      mistake: 'ignores the partition: a rolling update replaces every pod, down to ordinal 0',
      make: (ref) => (input) => ref({ ...input, partition: 0 }),
    },
    {
      name: 'parallel-waits',
      mistake: 'ignores podManagementPolicy Parallel: still creates one pod at a time, each after the previous is Ready',
      make: (ref) => (input) => ref({ ...input, podManagementPolicy: 'OrderedReady' }),
    },
    {
      name: 'on-delete-rolls',
      mistake: 'treats OnDelete like RollingUpdate and replaces pods on its own after a template change',
      make: (ref) => (input) => ref({ ...input, updateStrategy: 'RollingUpdate' }),
    },
  ],
});
