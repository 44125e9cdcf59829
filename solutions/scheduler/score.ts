/**
 * Reference for the `scheduler.score` part (KK framework/plugins/helper/normalize_score.go
 * DefaultNormalizeScore; framework/runtime RunScorePlugins' weighting; schedule_one.go selectHost).
 */
import type { IntSource, NodePluginScores, NodeScore, PluginScores, ScorePart } from '../../engine/scheduler/parts.ts';

/**
 * Why normalize: plugins score on their own scales (a count of taints, a sum of affinity
 * weights). Scaling each plugin so its best node gets `maxPriority` makes the weights mean what
 * they say. Integer division, as upstream's int64 arithmetic. `reverse` is for "fewer is better"
 * counts (TaintToleration): the node with the fewest gets the most. When every score is 0 the
 * plugin cannot tell nodes apart: all get 0, or all get maxPriority if reversed.
 */
export function normalizeScore(maxPriority: number, reverse: boolean, scores: readonly NodeScore[]): NodeScore[] {
  let max = 0;
  for (const s of scores) if (s.score > max) max = s.score;
  if (max === 0) return scores.map((s) => ({ name: s.name, score: reverse ? maxPriority : s.score }));
  return scores.map((s) => {
    const v = Math.trunc((maxPriority * s.score) / max);
    return { name: s.name, score: reverse ? maxPriority - v : v };
  });
}

/** The final score of a node is Σ normalized score × plugin weight. */
export function weightedSum(plugins: readonly PluginScores[]): NodePluginScores[] {
  const first = plugins[0];
  if (!first) return [];
  return first.scores.map((ns, i) => {
    const scores = plugins.map((p) => ({ plugin: p.plugin, score: (p.scores[i]?.score ?? 0) * p.weight }));
    return { name: ns.name, scores, totalScore: scores.reduce((a, s) => a + s.score, 0) };
  });
}

/**
 * Why random ties: always taking the first best node would pile pods onto the same node while
 * scores are equal (e.g. an empty cluster). Reservoir sampling picks uniformly among the nodes
 * sharing the top score in one pass: the k-th tie replaces the choice with probability 1/k.
 */
export function selectHost(nodes: readonly NodePluginScores[], random: IntSource): string {
  const first = nodes[0];
  if (!first) throw new Error('selectHost: empty priority list');
  let best = first.totalScore;
  let selected = first.name;
  let ties = 1;
  for (let i = 1; i < nodes.length; i++) {
    const n = nodes[i] as NodePluginScores;
    if (n.totalScore > best) {
      best = n.totalScore;
      selected = n.name;
      ties = 1;
    } else if (n.totalScore === best) {
      ties++;
      if (random.int(ties) === 0) selected = n.name;
    }
  }
  return selected;
}

export const score: ScorePart = { normalizeScore, weightedSum, selectHost };
