/**
 * Node selector and required node affinity matching, the engine's single implementation
 * (upstream: k8s.io/component-helpers/scheduling/corev1/nodeaffinity, shared there by the
 * scheduler's NodeAffinity plugin, the DaemonSet controller and the kubelet's admission).
 *
 * NodeSelector terms are ORed, the requirements inside a term ANDed; operators In, NotIn, Exists,
 * DoesNotExist, Gt, Lt on labels (Gt/Lt compare integers), and matchFields on `metadata.name`
 * only. An empty term matches nothing; a term with an invalid requirement matches nothing.
 */
import type { corev1 } from '../types.ts';

export function matchesRequirement(req: corev1.NodeSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(value as string);
    case 'NotIn':
      return !has || !values.includes(value as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || values.length !== 1) return false;
      const a = Number.parseInt(value as string, 10);
      const b = Number.parseInt(values[0] as string, 10);
      if (!Number.isInteger(a) || !Number.isInteger(b)) return false;
      return req.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

export function matchesTerm(term: corev1.NodeSelectorTerm, node: corev1.Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  if (!exprs.every((r) => matchesRequirement(r, labels))) return false;
  const fieldSet = { 'metadata.name': node.metadata?.name ?? '' };
  return fields.every((r) => r.key === 'metadata.name' && matchesRequirement(r, fieldSet));
}

export function matchesNodeSelectorTerms(terms: readonly corev1.NodeSelectorTerm[], node: corev1.Node): boolean {
  return terms.some((t) => matchesTerm(t, node));
}

/**
 * The pod's hard node constraints (GetRequiredNodeAffinity(pod).Match): spec.nodeSelector AND
 * requiredDuringSchedulingIgnoredDuringExecution.
 */
export function podMatchesNodeSelectorAndAffinity(pod: corev1.Pod, node: corev1.Node): boolean {
  const sel = pod.spec?.nodeSelector;
  if (sel) {
    const labels = node.metadata?.labels ?? {};
    for (const [k, v] of Object.entries(sel)) if (labels[k] !== v) return false;
  }
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) return matchesNodeSelectorTerms(required.nodeSelectorTerms ?? [], node);
  return true;
}
