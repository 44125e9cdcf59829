/** Exercise `scheduler.taints`: which tolerations tolerate which taints (engine/scheduler/parts.ts TaintsPart). */
import type { corev1 } from '../../engine/api/types.ts';
import type { TaintsPart } from '../../engine/scheduler/parts.ts';

export function toleratesTaint(toleration: corev1.Toleration, taint: corev1.Taint): boolean {
  // TODO: an empty toleration effect matches every effect; otherwise effects must be equal.
  // TODO: an empty key (with operator Exists) matches every key; otherwise keys must be equal.
  // TODO: Exists ignores the value; Equal (also when operator is empty) needs equal values.
  void toleration;
  void taint;
  throw new Error('TODO: toleratesTaint');
}

export function findUntoleratedTaint(
  taints: readonly corev1.Taint[],
  tolerations: readonly corev1.Toleration[],
  include: (taint: corev1.Taint) => boolean,
): corev1.Taint | undefined {
  // TODO: return the first taint accepted by `include` that no toleration tolerates.
  void taints;
  void tolerations;
  void include;
  throw new Error('TODO: findUntoleratedTaint');
}

export const taints: TaintsPart = { toleratesTaint, findUntoleratedTaint };
