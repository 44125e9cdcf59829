/**
 * Matching pods against pod affinity terms and topology spread constraints
 * (KK framework/types.go AffinityTerm.Matches; podtopologyspread/common.go).
 */
import type { corev1 } from '../../api/types.ts';
import { nothing, tryLabelSelectorAsSelector, type Selector } from '../../api/labels.ts';

const cache = new WeakMap<object, Selector>();

const isEmptySelector = (ls: NonNullable<corev1.PodAffinityTerm['namespaceSelector']>) =>
  Object.keys(ls.matchLabels ?? {}).length === 0 && (ls.matchExpressions ?? []).length === 0;

/** A metav1.LabelSelector as a Selector, cached per selector object; invalid → matches nothing. */
export function selectorOf(ls: corev1.PodAffinityTerm['labelSelector']): Selector {
  if (!ls) return nothing();
  let s = cache.get(ls);
  if (!s) {
    const r = tryLabelSelectorAsSelector(ls);
    s = r.ok ? r.value : nothing();
    cache.set(ls, s);
  }
  return s;
}

/**
 * An affinity term owned by `owner` matches `pod` when the pod is in one of the term's
 * namespaces (default: the owner's own; an empty namespaceSelector `{}` means all namespaces)
 * and its labels match the term's labelSelector. matchLabelKeys add `key in (owner's value)`.
 */
export function termMatches(term: corev1.PodAffinityTerm, owner: corev1.Pod, pod: corev1.Pod): boolean {
  const ns = pod.metadata?.namespace ?? '';
  const nsSel = term.namespaceSelector;
  if (nsSel === undefined || !isEmptySelector(nsSel)) {
    if (term.namespaces?.length) {
      if (!term.namespaces.includes(ns)) return false;
    } else if (nsSel !== undefined || ns !== (owner.metadata?.namespace ?? '')) {
      // A non-empty namespaceSelector needs namespace labels, which tinykube does not consult yet.
      return false;
    }
  }
  const labels = pod.metadata?.labels ?? {};
  if (!selectorOf(term.labelSelector).matches(labels)) return false;
  const ownerLabels = owner.metadata?.labels ?? {};
  for (const k of term.matchLabelKeys ?? []) {
    if (k in ownerLabels && labels[k] !== ownerLabels[k]) return false;
  }
  return true;
}

export const requiredAffinityTerms = (pod: corev1.Pod): readonly corev1.PodAffinityTerm[] =>
  pod.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
export const requiredAntiAffinityTerms = (pod: corev1.Pod): readonly corev1.PodAffinityTerm[] =>
  pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
export const preferredAffinityTerms = (pod: corev1.Pod): readonly corev1.WeightedPodAffinityTerm[] =>
  pod.spec?.affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
export const preferredAntiAffinityTerms = (pod: corev1.Pod): readonly corev1.WeightedPodAffinityTerm[] =>
  pod.spec?.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
