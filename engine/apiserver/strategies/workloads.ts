/**
 * Workload controllers' objects (upstream: pkg/registry/apps/{deployment,replicaset,statefulset,
 * daemonset}/strategy.go, pkg/registry/batch/{job,cronjob}/strategy.go,
 * pkg/registry/networking/ingress/strategy.go).
 *
 * They all track metadata.generation — 1 on create, +1 on every change to the desired state —
 * so that controllers can report status.observedGeneration and clients can tell whether the
 * status they see already reflects their last change (`kubectl rollout status` waits for it).
 * Deployments, ReplicaSets and StatefulSets also expose the scale subresource.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../api/object.ts';
import type { ResourceInfo } from '../../api/resources.ts';
import { tryLabelSelectorAsSelector } from '../../api/labels.ts';
import { defineStrategy, type ScaleAccess, type Strategy } from './strategy.ts';

/** Scale.status.selector: spec.selector in its string form (upstream: metav1.LabelSelectorAsSelector(...).String()). */
export const selectorScale: ScaleAccess = {
  selector(obj: KubeObject): string {
    const sel = (obj.spec as { selector?: LabelSelector } | undefined)?.selector;
    const r = tryLabelSelectorAsSelector(sel);
    return r.ok ? r.value.toString() : '';
  },
};

export function workloadStrategy(info: ResourceInfo): Strategy {
  return defineStrategy(info, {
    tracksGeneration: true,
    scale: info.subresources.includes('scale') ? selectorScale : undefined,
  });
}
