/** Exercise `scheduler.score`: from plugin scores to the chosen node (engine/scheduler/parts.ts ScorePart). */
import type { IntSource, NodePluginScores, NodeScore, PluginScores, ScorePart } from '../../engine/scheduler/parts.ts';

export function normalizeScore(maxPriority: number, reverse: boolean, scores: readonly NodeScore[]): NodeScore[] {
  // TODO: scale so the highest score becomes maxPriority (integer division, truncating).
  // TODO: with `reverse`, return maxPriority − scaled score (fewer is better).
  // TODO: when every score is 0: keep 0, or maxPriority for all when reversed.
  void maxPriority;
  void reverse;
  void scores;
  throw new Error('TODO: normalizeScore');
}

export function weightedSum(plugins: readonly PluginScores[]): NodePluginScores[] {
  // TODO: for each node (same order in every plugin), score × weight per plugin, and their total.
  void plugins;
  return [];
}

export function selectHost(nodes: readonly NodePluginScores[], random: IntSource): string {
  // TODO: return a node with the highest totalScore; among ties, each must be equally likely,
  //       in one pass (reservoir sampling: the k-th tie wins when random.int(k) === 0).
  void nodes;
  void random;
  throw new Error('TODO: selectHost');
}

export const score: ScorePart = { normalizeScore, weightedSum, selectHost };
