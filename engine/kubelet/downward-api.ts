/**
 * The downward API: a pod's own fields and its containers' resources as strings, for env vars
 * (`valueFrom.fieldRef` / `resourceFieldRef`) and for downwardAPI volume files.
 *
 * Upstream: pkg/kubelet/kubelet_pods.go podFieldSelectorRuntimeValue (the fields only the kubelet
 * knows: spec.nodeName, spec.serviceAccountName, status.hostIP(s), status.podIP(s)), then
 * pkg/fieldpath/fieldpath.go ExtractFieldPathAsString (metadata.*, `metadata.labels['k']`, and
 * the whole maps formatted by FormatMap as sorted `key="value"` lines), and pkg/api/v1/resource
 * helpers.go ExtractContainerResourceValue (ceil(value / divisor), cpu in millicores first).
 * Limits a container did not set are the node's allocatable (kubelet_resources.go
 * defaultPodLimitsForDownwardAPI).
 *
 * Expected failures are values: `{ error }` with upstream's message.
 */
import type { corev1 } from '../api/types.ts';
import { parseQuantity } from '../api/quantity.ts';

export type DownwardValue = { value: string } | { error: string };

/** What only the kubelet knows about a running pod. */
export interface DownwardContext {
  hostIP: string;
  /** The sandbox's IP ('' before it has one). */
  podIP: string;
  /** The node's allocatable resources, the default for limits a container did not set. */
  nodeAllocatable?: Readonly<Record<string, string>>;
}

/** Go's %q for the ASCII that labels and annotations hold. */
const goQuote = (s: string) => JSON.stringify(s);

/** fieldpath.FormatMap: `key="value"` lines sorted by key, no trailing newline. */
export function formatMap(m: Readonly<Record<string, string>> | undefined): string {
  const map = m ?? {};
  return Object.keys(map)
    .sort()
    .map((k) => `${k}=${goQuote(map[k]!)}`)
    .join('\n');
}

/** A pod field by its fieldPath, as an env var (`valueFrom.fieldRef`) or a downwardAPI file sees it. */
export function podFieldValue(pod: corev1.Pod, fieldPath: string, ctx: DownwardContext): DownwardValue {
  switch (fieldPath) {
    case 'spec.nodeName':
      return { value: pod.spec?.nodeName ?? '' };
    case 'spec.serviceAccountName':
      return { value: pod.spec?.serviceAccountName ?? '' };
    case 'status.hostIP':
    case 'status.hostIPs':
      return { value: ctx.hostIP };
    case 'status.podIP':
    case 'status.podIPs':
      return { value: ctx.podIP };
  }
  const sub = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fieldPath) ?? /^(metadata\.(?:labels|annotations))\["(.*)"\]$/.exec(fieldPath);
  if (sub) {
    const map = sub[1] === 'metadata.labels' ? pod.metadata?.labels : pod.metadata?.annotations;
    return { value: map?.[sub[2]!] ?? '' };
  }
  switch (fieldPath) {
    case 'metadata.annotations':
      return { value: formatMap(pod.metadata?.annotations) };
    case 'metadata.labels':
      return { value: formatMap(pod.metadata?.labels) };
    case 'metadata.name':
      return { value: pod.metadata?.name ?? '' };
    case 'metadata.namespace':
      return { value: pod.metadata?.namespace ?? '' };
    case 'metadata.uid':
      return { value: pod.metadata?.uid ?? '' };
  }
  return { error: `unsupported fieldPath: ${fieldPath}` };
}

/**
 * A container's resource (`limits.cpu`, `requests.memory`, ...) divided by `divisor` (default 1),
 * rounded up: `limits.cpu` 250m → "1", with divisor 1m → "250".
 */
export function containerResourceValue(ref: corev1.ResourceFieldSelector, container: corev1.Container | undefined, ctx: DownwardContext): DownwardValue {
  const [kind, resource] = ref.resource.split(/\.(.*)/s) as [string, string | undefined];
  if ((kind !== 'limits' && kind !== 'requests') || !resource) return { error: `unsupported container resource : ${ref.resource}` };
  if (!container) return { error: `container ${ref.containerName ?? ''} not found` };
  const set = kind === 'limits' ? container.resources?.limits : container.resources?.requests;
  let q = parseQuantity(set?.[resource]);
  if (q === undefined && kind === 'limits') q = parseQuantity(ctx.nodeAllocatable?.[resource]);
  const amount = q ?? 0;
  const divisor = parseQuantity(ref.divisor) || 1;
  if (resource === 'cpu') {
    // cpu: millicores over milli-divisor, so 250m / 1 → ceil(0.25) = 1.
    return { value: String(Math.ceil(Math.ceil(amount * 1000) / Math.ceil(divisor * 1000))) };
  }
  return { value: String(Math.ceil(Math.ceil(amount) / Math.ceil(divisor))) };
}
