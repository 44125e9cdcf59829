/**
 * The scheduler's informer handlers (KK pkg/scheduler/eventhandlers.go). They only move state:
 * pending pods this scheduler is responsible for go to the queue; bound pods and nodes go to the
 * cache; and each change that may help waiting pods is announced as a cluster event, which
 * requeues the pods rejected by plugins registered for it.
 *
 * Terminal pods (Succeeded/Failed) free their node's resources: upstream's informer drops them
 * from the cache. Frequent writes that cannot help anyone — a kubelet's heartbeat, a pod's status
 * update — are not announced, or every unschedulable pod would be retried every few seconds.
 */
import type { corev1 } from '../api/types.ts';
import type { SharedIndexInformer } from '../client/index.ts';
import type { SchedulerCache } from './cache/cache.ts';
import type { ClusterEvent } from './framework/interface.ts';
import type { SchedulingQueue } from './queue/scheduling-queue.ts';

export interface EventHandlerDeps {
  pods: SharedIndexInformer<corev1.Pod>;
  nodes: SharedIndexInformer<corev1.Node>;
  cache: SchedulerCache;
  queue: SchedulingQueue;
  moveAll(event: ClusterEvent): void;
  /** Does one of our profiles serve this pod's schedulerName? */
  responsible(pod: corev1.Pod): boolean;
  /** A pending pod is gone: drop what we remember about it. */
  forget(podKey: string): void;
}

const podKey = (p: corev1.Pod) => `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;
const isTerminal = (p: corev1.Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const isAssigned = (p: corev1.Pod) => !!p.spec?.nodeName;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** nodeSchedulingPropertiesChange: labels, taints, cordon, allocatable, images, condition statuses. */
export function nodeSchedulingPropertiesChanged(a: corev1.Node, b: corev1.Node): boolean {
  const conds = (n: corev1.Node) => (n.status?.conditions ?? []).map((c) => [c.type, c.status]);
  return (
    !!a.spec?.unschedulable !== !!b.spec?.unschedulable ||
    !same(a.spec?.taints, b.spec?.taints) ||
    !same(a.metadata?.labels, b.metadata?.labels) ||
    !same(a.status?.allocatable, b.status?.allocatable) ||
    !same(a.status?.images, b.status?.images) ||
    !same(conds(a), conds(b))
  );
}

/** An assigned pod's change that may matter to others: its labels (affinity, spread) or requests. */
function assignedPodChanged(a: corev1.Pod, b: corev1.Pod): boolean {
  const requests = (p: corev1.Pod) => (p.spec?.containers ?? []).map((c) => c.resources?.requests);
  return !same(a.metadata?.labels, b.metadata?.labels) || !same(requests(a), requests(b));
}

export function addAllEventHandlers(deps: EventHandlerDeps): void {
  const { cache, queue, moveAll, responsible } = deps;
  deps.pods.addEventHandler({
    onAdd(pod) {
      if (isAssigned(pod)) {
        if (isTerminal(pod)) return;
        cache.addPod(pod);
        moveAll('AssignedPodAdd');
      } else if (responsible(pod) && !pod.metadata?.deletionTimestamp && !isTerminal(pod)) {
        queue.add(pod);
      }
    },
    onUpdate(old, pod) {
      if (isAssigned(pod)) {
        if (!isAssigned(old)) {
          // Just bound (by us, or by someone else): it leaves the queue and joins the cache.
          queue.delete(pod);
          cache.addPod(pod);
          moveAll('AssignedPodAdd');
        } else if (isTerminal(pod)) {
          if (!isTerminal(old)) {
            cache.removePod(pod);
            moveAll('AssignedPodDelete');
          }
        } else {
          cache.updatePod(pod);
          if (assignedPodChanged(old, pod)) moveAll('AssignedPodUpdate');
        }
      } else if (responsible(pod)) {
        if (pod.metadata?.deletionTimestamp || isTerminal(pod)) queue.delete(pod);
        else queue.update(pod, old);
      }
    },
    onDelete(pod) {
      if (isAssigned(pod)) {
        cache.removePod(pod);
        moveAll('AssignedPodDelete');
      } else {
        queue.delete(pod);
        deps.forget(podKey(pod));
      }
    },
  });
  deps.nodes.addEventHandler({
    onAdd(node) {
      cache.addNode(node);
      moveAll('NodeAdd');
    },
    onUpdate(old, node) {
      cache.updateNode(node);
      if (nodeSchedulingPropertiesChanged(old, node)) moveAll('NodeUpdate');
    },
    onDelete(node) {
      cache.removeNode(node);
    },
  });
}
