/**
 * Reference for the `scheduler.taints` part (k8s.io/api core/v1 toleration.go ToleratesTaint;
 * component-helpers scheduling/corev1 FindMatchingUntoleratedTaint).
 */
import type { corev1 } from '../../engine/api/types.ts';
import type { TaintsPart } from '../../engine/scheduler/parts.ts';

/**
 * A toleration is a key pattern, an operator and an effect filter:
 * - an empty effect tolerates every effect; otherwise the effects must be equal;
 * - an empty key (only valid with Exists) tolerates every key; otherwise the keys must be equal;
 * - Exists ignores the value; Equal — also the default when operator is empty — needs equal
 *   values (an absent value equals an empty one).
 */
export function toleratesTaint(toleration: corev1.Toleration, taint: corev1.Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case 'Exists':
      return true;
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

/** A taint needs just one toleration; the first untolerated one is the one users see. */
export function findUntoleratedTaint(
  taints: readonly corev1.Taint[],
  tolerations: readonly corev1.Toleration[],
  include: (taint: corev1.Taint) => boolean,
): corev1.Taint | undefined {
  for (const taint of taints) {
    if (!include(taint)) continue;
    if (!tolerations.some((t) => toleratesTaint(t, taint))) return taint;
  }
  return undefined;
}

export const taints: TaintsPart = { toleratesTaint, findUntoleratedTaint };
