/**
 * How long a pod tolerates the NoExecute taints of its node (upstream:
 * pkg/controller/tainteviction getMinTolerationTime). Matching itself is shared:
 * engine/api/scheduling/tolerations.ts.
 */
import type { corev1 } from '../../api/types.ts';

/**
 * How long the pod may stay: the smallest tolerationSeconds among the tolerations used (≤ 0 means
 * evict now); -1 (forever) when none of them sets tolerationSeconds; 0 with no tolerations.
 */
export function minTolerationSeconds(used: readonly corev1.Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Number.POSITIVE_INFINITY;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Number.POSITIVE_INFINITY ? -1 : min;
}
