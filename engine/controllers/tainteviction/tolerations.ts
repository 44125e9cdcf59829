/**
 * Toleration matching as the taint eviction controller uses it (upstream: k8s.io/api core/v1
 * toleration.go ToleratesTaint, component-helpers GetMatchingTolerations, and
 * pkg/controller/tainteviction getMinTolerationTime).
 *
 *   toleration {key: K, operator: Exists}                 tolerates every K taint;
 *   toleration {operator: Exists} (no key)                tolerates every taint;
 *   toleration {key: K, operator: Equal (default), value: V} tolerates K=V only;
 *   a toleration with an effect only tolerates taints with that effect.
 */
import type { corev1 } from '../../api/types.ts';

export function toleratesTaint(t: corev1.Toleration, taint: corev1.Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator ?? 'Equal';
  if (op === 'Exists') return true;
  if (!t.key) return false; // an empty key only makes sense with Exists
  return (t.value ?? '') === (taint.value ?? '');
}

/**
 * For each taint, the first toleration that tolerates it. `tolerated` is false as soon as one
 * taint has none (then `used` is meaningless).
 */
export function matchingTolerations(
  taints: readonly corev1.Taint[],
  tolerations: readonly corev1.Toleration[],
): { tolerated: boolean; used: corev1.Toleration[] } {
  const used: corev1.Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => toleratesTaint(x, taint));
    if (!t) return { tolerated: false, used: [] };
    used.push(t);
  }
  return { tolerated: true, used };
}

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
