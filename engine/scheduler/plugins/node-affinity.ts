/**
 * NodeAffinity (KK plugins/nodeaffinity/node_affinity.go): Filter enforces spec.nodeSelector
 * and required node affinity (`node(s) didn't match Pod's node affinity/selector`,
 * UnschedulableAndUnresolvable); Score sums the weights of the preferred terms a node matches,
 * normalized so the best node scores 100.
 */
import type { EnqueueExtensions, FilterPlugin, Handle, PreScorePlugin, ScorePlugin } from '../framework/interface.ts';
import { constant, skip, success, unresolvable } from '../framework/status.ts';
import { MAX_NODE_SCORE } from '../parts.ts';
import { Names } from './names.ts';
import { matchesTerm, podMatchesNodeSelectorAndAffinity } from '../../api/scheduling/node-affinity.ts';

export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
const REJECTED = constant(unresolvable(ErrReasonPod));

export function newNodeAffinity(handle: Handle): FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions {
  const { normalizeScore } = handle.parts.score;
  return {
    name: Names.NodeAffinity,
    filter(_state, pod, node) {
      return podMatchesNodeSelectorAndAffinity(pod, node.node) ? success() : REJECTED;
    },
    preScore(_state, pod) {
      const preferred = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
      return preferred?.length ? success() : skip();
    },
    score(_state, pod, node) {
      let total = 0;
      for (const term of pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
        if (term.weight !== 0 && matchesTerm(term.preference, node.node)) total += term.weight;
      }
      return total;
    },
    normalizeScore: (_state, _pod, scores) => normalizeScore(MAX_NODE_SCORE, false, scores),
    eventsToRegister: () => ['NodeAdd', 'NodeUpdate'],
  };
}
