/**
 * Reference solution of part `controllers.statefulset` (see engine/controllers/statefulset/ordering.ts
 * for the contract and a worked example).
 *
 * Follows upstream updateStatefulSet (pkg/controller/statefulset/stateful_set_control.go): the
 * replicas are handled first in increasing ordinal, then the condemned pods in decreasing
 * ordinal, then — only if nothing above stopped the sync — the rolling update from the top.
 * "monotonic" is upstream's name for OrderedReady: `!allowsBurst(set)`.
 */
import type { StatefulPodState, StatefulSetAction, StatefulSetOrdering, StatefulSetOrderingInput } from '../../engine/controllers/statefulset/ordering.ts';

const isTerminal = (p: StatefulPodState) => p.phase === 'Failed' || p.phase === 'Succeeded';

/**
 * newVersionedStatefulSetPod: which revision a newly created ordinal runs. Under RollingUpdate a
 * partition protects the ordinals below it — even a pod recreated there must come back on the
 * CURRENT template, or deleting a pod would silently update it past the partition. OnDelete
 * always uses the update revision: a deleted pod is exactly how an OnDelete set gets updated.
 */
function revisionFor(input: StatefulSetOrderingInput, ordinal: number): string {
  if (input.updateStrategy === 'RollingUpdate' && ordinal < input.startOrdinal + input.partition) return input.currentRevision;
  return input.updateRevision;
}

export const decideStatefulSetActions: StatefulSetOrdering = (input) => {
  const monotonic = input.podManagementPolicy !== 'Parallel';
  const start = input.startOrdinal;
  const end = start + Math.max(0, input.replicas); // exclusive
  const byOrdinal = new Map<number, StatefulPodState>();
  const condemned: StatefulPodState[] = [];
  for (const p of input.pods) {
    if (p.ordinal >= start && p.ordinal < end) byOrdinal.set(p.ordinal, p);
    else condemned.push(p);
  }
  condemned.sort((a, b) => a.ordinal - b.ordinal);
  const actions: StatefulSetAction[] = [];

  // The lowest-ordinal unhealthy pod, among replicas and condemned alike: under OrderedReady the
  // only unhealthy condemned pod that may be deleted (a broken pod must not block scale-down
  // forever, but two broken pods are removed one at a time from the bottom of the broken range).
  let firstUnhealthy: StatefulPodState | undefined;
  for (const p of [...byOrdinal.values(), ...condemned]) {
    if (!p.healthy && (!firstUnhealthy || p.ordinal < firstUnhealthy.ordinal)) firstUnhealthy = p;
  }

  // 1. Replicas, lowest ordinal first: the OrderedReady guarantee is that pod N is only created
  //    once 0..N-1 are all Running and Ready, so any gap or unhealthy predecessor stops the sync.
  for (let ord = start; ord < end; ord++) {
    const pod = byOrdinal.get(ord);
    if (!pod) {
      actions.push({ type: 'create', ordinal: ord, revision: revisionFor(input, ord) });
      if (monotonic) return actions;
      continue;
    }
    if (isTerminal(pod) && !pod.terminating) {
      // Upstream deletes a Failed (or Succeeded) pod so that it can be recreated with the same
      // identity; the recreation comes once the old object is gone (same name).
      actions.push({ type: 'delete', pod: pod.name, reason: 'failed' });
      if (monotonic) return actions;
      continue;
    }
    if (monotonic && (pod.terminating || !pod.healthy)) return actions;
  }

  // 2. Condemned pods, highest ordinal first ("scale down in reverse order"). Under OrderedReady
  //    one at a time, each only after the previous one has fully terminated.
  for (let i = condemned.length - 1; i >= 0; i--) {
    const pod = condemned[i]!;
    if (pod.terminating) {
      if (monotonic) return actions;
      continue;
    }
    if (monotonic && !pod.healthy && pod !== firstUnhealthy) return actions;
    actions.push({ type: 'delete', pod: pod.name, reason: 'condemned' });
    if (monotonic) return actions;
  }

  // 3. Rolling update: OnDelete never deletes for an update.
  if (input.updateStrategy === 'OnDelete') return actions;
  // The partition counts from the first ordinal (upstream compares replica indexes).
  const updateMin = start + input.partition;
  for (let ord = end - 1; ord >= updateMin; ord--) {
    const pod = byOrdinal.get(ord);
    // Just created or just deleted above (Parallel): not healthy yet, so the update waits.
    if (!pod || actions.some((a) => a.type === 'delete' && a.pod === pod.name)) return actions;
    if (pod.revision !== input.updateRevision && !pod.terminating) {
      // One pod at a time, from the top: the next one only after this one is back and Ready.
      actions.push({ type: 'delete', pod: pod.name, reason: 'update' });
      return actions;
    }
    if (!pod.healthy) return actions;
  }
  return actions;
};
