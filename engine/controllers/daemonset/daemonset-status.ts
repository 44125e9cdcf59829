/**
 * DaemonSet status (upstream: pkg/controller/daemon/daemon_controller.go updateDaemonSetStatus,
 * storeDaemonSetStatus). Counted per node, from the node's oldest live daemon pod:
 *
 *   desiredNumberScheduled   nodes that should run the daemon
 *   currentNumberScheduled   ...of those, nodes that have a daemon pod
 *   numberMisscheduled       nodes that have a daemon pod but should not run it
 *   numberReady / numberAvailable   nodes whose pod is Ready / available (minReadySeconds)
 *   updatedNumberScheduled   nodes whose pod carries the current revision hash
 *   numberUnavailable        desiredNumberScheduled - numberAvailable
 */
import type { appsv1, corev1 } from '../../api/types.ts';
import { isPodAvailable, isPodReady } from '../replicaset/pod-util.ts';
import { CONTROLLER_REVISION_HASH_LABEL } from './daemon-pod.ts';
import type { ShouldRun } from './node-should-run.ts';

export function calculateDaemonSetStatus(
  ds: appsv1.DaemonSet,
  nodes: readonly corev1.Node[],
  decisions: ReadonlyMap<string, ShouldRun>,
  livePodsOn: (node: string) => corev1.Pod[],
  hash: string,
  now: number,
): appsv1.DaemonSetStatus {
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  const minReady = ds.spec?.minReadySeconds ?? 0;
  for (const node of nodes) {
    const n = node.metadata?.name ?? '';
    const d = decisions.get(n);
    const pods = livePodsOn(n);
    if (d?.shouldRun) {
      desired++;
      if (pods.length === 0) continue;
      current++;
      const pod = pods[0]!;
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
      }
      if (pods.some((p) => p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash)) updated++;
    } else if (pods.length > 0) {
      misscheduled++;
    }
  }
  const status: appsv1.DaemonSetStatus = {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    observedGeneration: ds.metadata?.generation,
    updatedNumberScheduled: updated,
    numberAvailable: available,
    numberUnavailable: desired - available,
  };
  if (ds.status?.collisionCount !== undefined) status.collisionCount = ds.status.collisionCount;
  if (ds.status?.conditions) status.conditions = ds.status.conditions;
  return status;
}
