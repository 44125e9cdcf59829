/** Typical mistakes in `controllers.replicaset`; the self-check proves each one fails a case. */
import type { corev1 } from '../../engine/api/types.ts';
import { defineMutants } from '../exercise-tests.ts';

const created = (p: corev1.Pod) => String(p.metadata?.creationTimestamp ?? '');

export default defineMutants({
  part: 'controllers.replicaset',
  mutants: [
    {
      name: 'oldest-first',
      mistake: 'scales down first-in first-out: deletes the oldest pods, whatever their state',
      make: (ref) => (input) => {
        const diff = input.pods.length - input.replicas;
        if (diff <= 0) return ref(input);
        const sorted = [...input.pods].sort((a, b) => created(a).localeCompare(created(b)));
        return { create: 0, delete: sorted.slice(0, diff) };
      },
    },
    {
      name: 'ignores-deletion-cost',
      mistake: 'ignores the controller.kubernetes.io/pod-deletion-cost annotation',
      make: (ref) => (input) => {
        const stripped = input.pods.map((p) => ({ ...p, metadata: { ...p.metadata, annotations: {} } }));
        const d = ref({ ...input, pods: stripped });
        // Hand back the caller's own objects so that names still compare.
        return { create: d.create, delete: d.delete.map((p) => input.pods.find((q) => q.metadata?.name === p.metadata?.name)!) };
      },
    },
    {
      name: 'no-burst-cap',
      mistake: 'creates or deletes every missing or extra pod in one sync (no burstReplicas cap)',
      make: (ref) => (input) => ref({ ...input, burstReplicas: Number.MAX_SAFE_INTEGER }),
    },
    {
      name: 'own-pods-only-rank',
      mistake: "ranks crowded nodes by the ReplicaSet's own pods only, ignoring the related pods of the same workload",
      make: (ref) => (input) => ref({ ...input, relatedPods: input.pods }),
    },
    {
      name: 'deletes-newest-ignoring-state',
      mistake: 'scales down by age only (newest first), ignoring whether a pod is scheduled, running or ready',
      make: (ref) => (input) => {
        const diff = input.pods.length - input.replicas;
        if (diff <= 0) return ref(input);
        const sorted = [...input.pods].sort((a, b) => created(b).localeCompare(created(a)));
        return { create: 0, delete: sorted.slice(0, diff) };
      },
    },
  ],
});
