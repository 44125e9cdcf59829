/**
 * Pods (upstream: pkg/registry/core/pod/strategy.go).
 *
 * - A new pod starts Pending with its QoS class; its status belongs to the kubelet (/status).
 * - Deleting a pod is graceful (CheckGracefulDelete): the apiserver only sets deletionTimestamp
 *   (now + grace period) and deletionGracePeriodSeconds; the kubelet stops the containers and then
 *   deletes the pod with grace 0. A pod that never reached a node, or has already finished
 *   (Succeeded/Failed), has nothing to stop, so it is deleted at once.
 */
import type { KubeObject } from '../../api/object.ts';
import { RESOURCES } from '../../api/resources.ts';
import { defineStrategy, type Strategy } from './strategy.ts';

interface Container {
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

/**
 * The pod's QoS class (upstream: pkg/apis/core/helper/qos GetPodQOS), simplified: quantities are
 * compared as written, so `1` and `1000m` count as different.
 */
export function podQOSClass(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const spec = (pod.spec ?? {}) as { containers?: Container[]; initContainers?: Container[] };
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      if (lim[r] === undefined || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** CheckGracefulDelete of the pod strategy. */
export function podGracePeriod(pod: KubeObject, requested: number | undefined): number {
  const spec = (pod.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  let period = requested ?? spec.terminationGracePeriodSeconds ?? 0;
  if (!spec.nodeName) period = 0;
  if (phase === 'Succeeded' || phase === 'Failed') period = 0;
  return period < 0 ? 1 : period;
}

const info = RESOURCES.find((r) => r.plural === 'pods' && r.group === '')!;

export const podStrategy: Strategy = defineStrategy(info, {
  initialStatus: (pod) => ({ phase: 'Pending', qosClass: podQOSClass(pod) }),
  checkGracefulDelete: podGracePeriod,
});
