/**
 * NodeUnschedulable (KK plugins/nodeunschedulable/node_unschedulable.go): a cordoned node
 * (spec.unschedulable, `kubectl cordon`) takes no new pods — unless the pod tolerates the
 * `node.kubernetes.io/unschedulable:NoSchedule` taint, as DaemonSet pods do.
 */
import type { corev1 } from '../../api/types.ts';
import type { FilterPlugin, EnqueueExtensions, Handle } from '../framework/interface.ts';
import { constant, success, unresolvable } from '../framework/status.ts';
import { Names } from './names.ts';

export const ErrReasonUnschedulable = 'node(s) were unschedulable';
export const TaintNodeUnschedulable = 'node.kubernetes.io/unschedulable';
const REJECTED = constant(unresolvable(ErrReasonUnschedulable));

export function newNodeUnschedulable(handle: Handle): FilterPlugin & EnqueueExtensions {
  const { toleratesTaint } = handle.parts.taints;
  const taint: corev1.Taint = { key: TaintNodeUnschedulable, effect: 'NoSchedule' };
  return {
    name: Names.NodeUnschedulable,
    filter(_state, pod, node) {
      if (!node.node.spec?.unschedulable) return success();
      const tolerated = (pod.spec?.tolerations ?? []).some((t) => toleratesTaint(t, taint));
      return tolerated ? success() : REJECTED;
    },
    eventsToRegister: () => ['NodeAdd', 'NodeUpdate'],
  };
}
