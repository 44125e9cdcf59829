/**
 * Toleration matching, the engine's single implementation outside the scheduler's
 * `scheduler.taints` part (upstream: k8s.io/api core/v1 toleration.go ToleratesTaint and
 * v1helper / component-helpers GetMatchingTolerations; used by the taint eviction controller and
 * the DaemonSet controller).
 *
 *   toleration {key: K, operator: Exists}                 tolerates every K taint;
 *   toleration {operator: Exists} (no key)                tolerates every taint;
 *   toleration {key: K, operator: Equal (default), value: V} tolerates K=V only;
 *   a toleration with an effect only tolerates taints with that effect.
 */
import type { corev1 } from '../types.ts';

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
