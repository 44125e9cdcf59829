/**
 * TaintToleration (KK plugins/tainttoleration/taint_toleration.go).
 *
 * Filter: the node's NoSchedule and NoExecute taints must all be tolerated (the matching rules
 * are the `scheduler.taints` part); the first one that is not is named in the reason,
 * `node(s) had untolerated taint {key: value}`, UnschedulableAndUnresolvable.
 * Score: the number of PreferNoSchedule taints the pod does not tolerate, reversed by
 * NormalizeScore so the node with the fewest scores 100.
 */
import type { corev1 } from '../../api/types.ts';
import type { EnqueueExtensions, FilterPlugin, Handle, PreScorePlugin, ScorePlugin } from '../framework/interface.ts';
import { constant, success, unresolvable, type Status } from '../framework/status.ts';
import { MAX_NODE_SCORE } from '../parts.ts';
import { Names } from './names.ts';

export const untoleratedTaintReason = (t: corev1.Taint): string => `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;

const filterEffects = (t: corev1.Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';
const SCORE_KEY = 'PreScore' + Names.TaintToleration;

/** Only tolerations that can apply to PreferNoSchedule count (empty effect or PreferNoSchedule). */
const preferNoScheduleTolerations = (pod: corev1.Pod) =>
  (pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');

export function newTaintToleration(handle: Handle): FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions {
  const { findUntoleratedTaint, toleratesTaint } = handle.parts.taints;
  const { normalizeScore } = handle.parts.score;
  /** One frozen status per distinct reason, so rejecting 1,000 nodes allocates nothing. */
  const rejections = new Map<string, Status>();
  return {
    name: Names.TaintToleration,
    filter(_state, pod, node) {
      const taint = findUntoleratedTaint(node.node.spec?.taints ?? [], pod.spec?.tolerations ?? [], filterEffects);
      if (!taint) return success();
      const reason = untoleratedTaintReason(taint);
      let s = rejections.get(reason);
      if (!s) rejections.set(reason, (s = constant(unresolvable(reason))));
      return s;
    },
    preScore(state, pod) {
      state.write(SCORE_KEY, preferNoScheduleTolerations(pod));
      return success();
    },
    score(state, pod, node) {
      const taints = node.node.spec?.taints;
      if (!taints?.length) return 0;
      const tolerations = state.read<corev1.Toleration[]>(SCORE_KEY) ?? preferNoScheduleTolerations(pod);
      let intolerable = 0;
      for (const taint of taints) {
        if (taint.effect !== 'PreferNoSchedule') continue;
        if (!tolerations.some((t) => toleratesTaint(t, taint))) intolerable++;
      }
      return intolerable;
    },
    normalizeScore: (_state, _pod, scores) => normalizeScore(MAX_NODE_SCORE, true, scores),
    eventsToRegister: () => ['NodeAdd', 'NodeUpdate'],
  };
}
