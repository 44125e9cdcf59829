/**
 * The status manager (upstream pkg/kubelet/status/status_manager.go): the only writer of the
 * status of pods on this node. It writes through the status subresource, only when the status
 * differs from what the apiserver has, and merges rather than overwrites: conditions the kubelet
 * does not own (PodScheduled, DisruptionTarget, readiness gates) stay as others set them.
 * A conflict (409) re-reads the pod and retries; a pod that is gone or was replaced (another uid)
 * is not written. Other errors propagate to the pod worker, which retries on its backoff.
 */
import { isStatusError } from '../api/errors.ts';
import type { corev1 } from '../api/types.ts';
import type { Client } from '../client/client.ts';
import { KUBELET_CONDITIONS } from './pod-status.ts';

const MAX_CONFLICT_RETRIES = 5;

/** Stable JSON for comparing statuses (key order does not matter). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

export function sameStatus(a: corev1.PodStatus | undefined, b: corev1.PodStatus | undefined): boolean {
  return canonical(a ?? {}) === canonical(b ?? {});
}

/** The kubelet's status on top of the apiserver's: others' conditions kept, in their place. */
export function mergePodStatus(current: corev1.PodStatus | undefined, mine: corev1.PodStatus): corev1.PodStatus {
  const others = (current?.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.includes(c.type));
  const merged: corev1.PodStatus = { ...current, ...mine, conditions: [...(mine.conditions ?? []), ...others] };
  // Upstream never lets a pod leave a terminal phase, whoever asks.
  if (current?.phase === 'Succeeded' || current?.phase === 'Failed') merged.phase = current.phase;
  if (current?.qosClass) merged.qosClass = current.qosClass;
  if (!mine.reason) delete merged.reason;
  if (!mine.message) delete merged.message;
  return merged;
}

export class StatusManager {
  constructor(private readonly client: Client) {}

  /**
   * Writes `status` for the pod (as the informer last saw it). Resolves with the pod as written,
   * or undefined when nothing needed writing or the pod is gone.
   */
  async setPodStatus(cached: corev1.Pod, status: corev1.PodStatus): Promise<corev1.Pod | undefined> {
    const ns = cached.metadata?.namespace ?? 'default';
    const name = cached.metadata?.name ?? '';
    const uid = cached.metadata?.uid;
    let pod: corev1.Pod = cached;
    for (let attempt = 0; ; attempt++) {
      const merged = mergePodStatus(pod.status, status);
      if (sameStatus(pod.status, merged)) return undefined;
      try {
        const copy: corev1.Pod = { ...structuredClone(pod), status: merged };
        return await this.client.pods(ns).updateStatus(copy);
      } catch (err) {
        if (isStatusError(err, 'NotFound')) return undefined;
        if (!isStatusError(err, 'Conflict') || attempt >= MAX_CONFLICT_RETRIES) throw err;
      }
      try {
        pod = await this.client.pods(ns).get(name);
      } catch (err) {
        if (isStatusError(err, 'NotFound')) return undefined;
        throw err;
      }
      if (pod.metadata?.uid !== uid) return undefined;
    }
  }
}
