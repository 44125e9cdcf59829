/**
 * Reference solution of part `statefulset.identity` (contract and worked example in
 * engine/controllers/statefulset/identity.ts).
 *
 * Upstream: pkg/controller/statefulset/stateful_set_utils.go. The whole point of a StatefulSet is
 * that everything about a pod is DERIVED from (set, ordinal): a replacement pod gets the same name,
 * the same DNS name (hostname + subdomain under the governing headless Service) and mounts the same
 * claims, so whatever the old pod wrote is still there. Nothing here may depend on the pod that
 * existed before — only on the set and the ordinal.
 */
import type { appsv1, corev1 } from '../../engine/api/types.ts';
import { POD_INDEX_LABEL, STATEFULSET_POD_NAME_LABEL, type ParentAndOrdinal, type StatefulSetIdentity } from '../../engine/controllers/statefulset/identity.ts';

/**
 * Upstream statefulPodRegex `(.*)-([0-9]+)$`: the parent is everything before the LAST dash, so
 * a set may itself contain dashes (`my-db-12` → `my-db`, 12) and `web-canary-2` is not `web`'s.
 */
const STATEFUL_POD_NAME = /^(.*)-([0-9]+)$/;

function getParentNameAndOrdinal(podName: string): ParentAndOrdinal | undefined {
  const m = STATEFUL_POD_NAME.exec(podName);
  if (!m) return undefined;
  const ordinal = Number(m[2]);
  if (!Number.isSafeInteger(ordinal)) return undefined;
  return { parent: m[1]!, ordinal };
}

function podName(set: appsv1.StatefulSet, ordinal: number): string {
  return `${set.metadata?.name ?? ''}-${ordinal}`;
}

/** Template first, then the set: `www-web-0` reads "claim www of pod web-0". */
function claimName(set: appsv1.StatefulSet, templateName: string, ordinal: number): string {
  return `${templateName}-${podName(set, ordinal)}`;
}

function claimsFor(set: appsv1.StatefulSet, ordinal: number): corev1.PersistentVolumeClaim[] {
  const selectorLabels = set.spec?.selector?.matchLabels ?? {};
  return (set.spec?.volumeClaimTemplates ?? []).map((t) => {
    const claim: corev1.PersistentVolumeClaim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: claimName(set, t.metadata?.name ?? '', ordinal),
        namespace: set.metadata?.namespace,
        // The selector's labels are added so that the claims can be found with the set's selector
        // (upstream getPersistentVolumeClaims merges matchLabels into the template's labels).
        labels: { ...(t.metadata?.labels ?? {}), ...selectorLabels },
      },
      spec: structuredClone(t.spec ?? {}),
    };
    if (t.metadata?.annotations) claim.metadata!.annotations = { ...t.metadata.annotations };
    return claim;
  });
}

function newPod(set: appsv1.StatefulSet, ordinal: number): corev1.Pod {
  const template = set.spec?.template ?? {};
  const name = podName(set, ordinal);
  const spec = structuredClone(template.spec ?? { containers: [] }) as corev1.PodSpec;
  // initIdentity: hostname and subdomain are set once, at creation; with the governing headless
  // Service named by serviceName they make `web-0.nginx.default.svc.cluster.local` resolve.
  spec.hostname = name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  // updateStorage: one persistentVolumeClaim volume per template, named after the template (so
  // volumeMounts by that name find it), replacing any pod volume of the same name.
  const templates = (set.spec?.volumeClaimTemplates ?? []).map((t) => t.metadata?.name ?? '');
  const claimVolumes: corev1.Volume[] = templates.map((t) => ({ name: t, persistentVolumeClaim: { claimName: claimName(set, t, ordinal) } }));
  const others = (spec.volumes ?? []).filter((v) => !templates.includes(v.name));
  if (claimVolumes.length + others.length > 0) spec.volumes = [...claimVolumes, ...others];
  const pod: corev1.Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: set.metadata?.namespace,
      // updateIdentity: the pod-name label lets a Service (or a test) select exactly this member.
      labels: { ...(template.metadata?.labels ?? {}), [STATEFULSET_POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) },
    },
    spec,
  };
  if (template.metadata?.annotations) pod.metadata!.annotations = { ...template.metadata.annotations };
  return pod;
}

export const statefulSetIdentity: StatefulSetIdentity = {
  podName,
  getParentNameAndOrdinal,
  isMemberOf(set, pod) {
    return getParentNameAndOrdinal(pod.metadata?.name ?? '')?.parent === set.metadata?.name;
  },
  claimName,
  claimsFor,
  newPod,
  identityMatches(set, pod) {
    const parsed = getParentNameAndOrdinal(pod.metadata?.name ?? '');
    if (!parsed || parsed.parent !== set.metadata?.name) return false;
    return (
      pod.metadata?.name === podName(set, parsed.ordinal) &&
      pod.metadata?.namespace === set.metadata?.namespace &&
      pod.metadata?.labels?.[STATEFULSET_POD_NAME_LABEL] === pod.metadata?.name
    );
  },
};
