/**
 * The pod a DaemonSet runs on a node (upstream: pkg/controller/daemon/daemon_controller.go
 * syncNodes, util.CreatePodTemplate and ReplaceDaemonSetPodNodeNameNodeAffinity).
 *
 * Since 1.12 the DaemonSet controller does not bind pods itself: it pins each pod to its node with
 * a required node affinity `matchFields: metadata.name In [<node>]` and lets the scheduler bind it
 * (so preemption and resource accounting apply). That affinity replaces the template's required
 * node affinity terms — the controller already checked that the node satisfies them.
 */
import type { appsv1, corev1 } from '../../api/types.ts';
import { deepCopy } from '../../client/cache/deep-freeze.ts';
import { newControllerRef } from '../controller-ref.ts';
import { withDaemonTolerations } from './node-should-run.ts';
import { CONTROLLER_REVISION_HASH_LABEL } from '../history/controller-history.ts';

export { CONTROLLER_REVISION_HASH_LABEL };
/** Deprecated upstream but still set: the DaemonSet generation the pod was made from. */
export const POD_TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

export function nodeNameAffinity(affinity: corev1.Affinity | undefined, nodeName: string): corev1.Affinity {
  const out: corev1.Affinity = deepCopy(affinity ?? {}) as corev1.Affinity;
  const required: corev1.NodeSelector = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] };
  out.nodeAffinity = { ...(out.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: required };
  return out;
}

/** GetTargetNodeName: spec.nodeName once bound, else the node named by the pinning affinity. */
export function targetNodeName(pod: corev1.Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

export function daemonPodForNode(ds: appsv1.DaemonSet, nodeName: string, hash: string): corev1.Pod {
  const template = ds.spec?.template ?? {};
  const meta = template.metadata ?? {};
  const spec = deepCopy(template.spec ?? { containers: [] }) as corev1.PodSpec;
  spec.tolerations = withDaemonTolerations(spec);
  spec.affinity = nodeNameAffinity(spec.affinity, nodeName);
  const pod: corev1.Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${ds.metadata?.name}-`,
      namespace: ds.metadata?.namespace,
      labels: { ...(meta.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash, [POD_TEMPLATE_GENERATION_LABEL]: String(ds.metadata?.generation ?? 1) },
      ownerReferences: [newControllerRef({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: ds.metadata })],
    },
    spec,
  };
  if (meta.annotations) pod.metadata!.annotations = { ...meta.annotations };
  return pod;
}
