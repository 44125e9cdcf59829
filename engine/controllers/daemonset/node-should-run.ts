/**
 * Which nodes a DaemonSet runs on (upstream: pkg/controller/daemon/daemon_controller.go
 * NodeShouldRunDaemonPod / predicates, pkg/controller/daemon/util/daemonset_util.go
 * AddOrUpdateDaemonPodTolerations).
 *
 * A daemon pod is a pod like any other for the node-fit rules, except that every DaemonSet pod
 * tolerates the node conditions that would otherwise keep it off a struggling node — daemons are
 * often what fixes that node (network plugins, log shippers):
 *
 *   node.kubernetes.io/not-ready, unreachable            Exists NoExecute   (never evicted)
 *   node.kubernetes.io/disk-pressure, memory-pressure,
 *   pid-pressure, unschedulable                         Exists NoSchedule
 *   node.kubernetes.io/network-unavailable              Exists NoSchedule  (hostNetwork pods only)
 *
 * The answer has two halves: shouldRun (create a pod there if missing) and shouldContinueRunning
 * (keep an existing one). An untolerated NoSchedule taint stops new pods but keeps old ones; an
 * untolerated NoExecute taint, a mismatching nodeSelector / node affinity or a template
 * spec.nodeName naming another node rule the node out entirely.
 */
import type { appsv1, corev1 } from '../../api/types.ts';
import { podMatchesNodeSelectorAndAffinity } from '../../api/scheduling/node-affinity.ts';
import { toleratesTaint } from '../../api/scheduling/tolerations.ts';

const exists = (key: string, effect: 'NoSchedule' | 'NoExecute'): corev1.Toleration => ({ key, operator: 'Exists', effect });

export const DAEMONSET_TOLERATIONS: readonly corev1.Toleration[] = [
  exists('node.kubernetes.io/not-ready', 'NoExecute'),
  exists('node.kubernetes.io/unreachable', 'NoExecute'),
  exists('node.kubernetes.io/disk-pressure', 'NoSchedule'),
  exists('node.kubernetes.io/memory-pressure', 'NoSchedule'),
  exists('node.kubernetes.io/pid-pressure', 'NoSchedule'),
  exists('node.kubernetes.io/unschedulable', 'NoSchedule'),
];
export const NETWORK_UNAVAILABLE_TOLERATION = exists('node.kubernetes.io/network-unavailable', 'NoSchedule');

/** AddOrUpdateDaemonPodTolerations: the template's tolerations plus the automatic ones it lacks. */
export function withDaemonTolerations(spec: corev1.PodSpec): corev1.Toleration[] {
  const out = [...(spec.tolerations ?? [])];
  const auto = spec.hostNetwork ? [...DAEMONSET_TOLERATIONS, NETWORK_UNAVAILABLE_TOLERATION] : DAEMONSET_TOLERATIONS;
  for (const t of auto) {
    if (!out.some((o) => o.key === t.key && o.operator === t.operator && o.effect === t.effect && (o.value ?? '') === '')) out.push({ ...t });
  }
  return out;
}

export interface ShouldRun {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
}

export function nodeShouldRunDaemonPod(ds: appsv1.DaemonSet, node: corev1.Node): ShouldRun {
  const spec = ds.spec?.template?.spec;
  const no = { shouldRun: false, shouldContinueRunning: false };
  if (!spec) return no;
  const nodeName = node.metadata?.name ?? '';
  if (spec.nodeName && spec.nodeName !== nodeName) return no;
  const pod: corev1.Pod = { metadata: {}, spec };
  if (!podMatchesNodeSelectorAndAffinity(pod, node)) return no;
  const tolerations = withDaemonTolerations(spec);
  let shouldRun = true;
  for (const taint of node.spec?.taints ?? []) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (tolerations.some((t) => toleratesTaint(t, taint))) continue;
    if (taint.effect === 'NoExecute') return no;
    shouldRun = false;
  }
  return { shouldRun, shouldContinueRunning: true };
}
