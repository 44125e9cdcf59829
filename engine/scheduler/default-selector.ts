/**
 * helper.DefaultSelector (KK pkg/scheduler/framework/plugins/helper/spread.go): the selector
 * that finds a pod's siblings — the selectors of every Service in its namespace that selects it,
 * and of its controlling ReplicaSet or StatefulSet, ANDed into one. undefined when there is none.
 */
import type { corev1 } from '../api/types.ts';
import type { Lister } from '../client/index.ts';
import type { appsv1 } from '../api/types.ts';
import type { LabelSelector } from './framework/interface.ts';
import { selectorOf } from './plugins/pod-selector.ts';

export interface SiblingListers {
  services: Lister<corev1.Service>;
  replicaSets: Lister<appsv1.ReplicaSet>;
  statefulSets: Lister<appsv1.StatefulSet>;
}

export function defaultSelector(pod: corev1.Pod, listers: SiblingListers): LabelSelector | undefined {
  const ns = pod.metadata?.namespace ?? '';
  const labels = pod.metadata?.labels ?? {};
  const matchLabels: Record<string, string> = {};
  const matchExpressions: NonNullable<LabelSelector['matchExpressions']> = [];
  let found = false;
  for (const svc of listers.services.namespace(ns).list()) {
    const sel = svc.spec?.selector;
    if (!sel || Object.keys(sel).length === 0) continue;
    if (!Object.entries(sel).every(([k, v]) => labels[k] === v)) continue;
    Object.assign(matchLabels, sel);
    found = true;
  }
  const owner = pod.metadata?.ownerReferences?.find((r) => r.controller);
  const ownerSelector =
    owner?.kind === 'ReplicaSet'
      ? listers.replicaSets.get(ns, owner.name)?.spec?.selector
      : owner?.kind === 'StatefulSet'
        ? listers.statefulSets.get(ns, owner.name)?.spec?.selector
        : undefined;
  if (ownerSelector && selectorOf(ownerSelector).matches(labels)) {
    Object.assign(matchLabels, ownerSelector.matchLabels ?? {});
    matchExpressions.push(...(ownerSelector.matchExpressions ?? []));
    found = true;
  }
  if (!found) return undefined;
  return { matchLabels, matchExpressions };
}
