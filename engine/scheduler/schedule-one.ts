/**
 * One scheduling cycle for one pod (KK pkg/scheduler/schedule_one.go: schedulePod,
 * findNodesThatFitPod, findNodesThatPassFilters, prioritizeNodes, selectHost).
 *
 * The cycle is synchronous: it reads the cache as one consistent snapshot (nothing else runs
 * between its first and last line), which is what upstream's per-cycle Snapshot buys with locks.
 *
 * Not every node is examined in a big cluster: filtering stops once numFeasibleNodesToFind
 * feasible nodes are found, and the next cycle starts where this one stopped (round robin), so
 * every node gets its turn.
 */
import type { corev1 } from '../api/types.ts';
import { CycleState } from './framework/cycle-state.ts';
import type { NodeInfo } from './framework/node-info.ts';
import type { Framework } from './framework/runtime.ts';
import { Code, isRejected, isSuccess, type Status } from './framework/status.ts';
import type { Diagnosis } from './fit-error.ts';
import type { ResultRecorder } from './explain.ts';
import type { IntSource, ScorePart } from './parts.ts';

/** minFeasibleNodesToFind and minFeasibleNodesPercentageToFind (schedule_one.go). */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * numFeasibleNodesToFind: all nodes below 100; otherwise `percentage` of them (adaptive when 0
 * or unset: 50 − nodes/125, at least 5), and never fewer than 100.
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage <= 0) percentage = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - Math.trunc(numAllNodes / 125));
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

export type ScheduleOutcome =
  | { ok: true; node: string; evaluatedNodes: number; feasibleNodes: number }
  | { ok: false; numAllNodes: number; diagnosis: Diagnosis; error?: string; noNodes?: boolean };

export interface CycleContext {
  fwk: Framework;
  score: ScorePart;
  random: IntSource;
  percentageOfNodesToScore?: number;
  recorder?: ResultRecorder;
}

/** Round-robin start index across cycles (upstream sched.nextStartNodeIndex). */
export class NodeRoundRobin {
  next = 0;
}

export function schedulePod(ctx: CycleContext, rr: NodeRoundRobin, pod: corev1.Pod, nodes: readonly NodeInfo[]): ScheduleOutcome {
  const { fwk, recorder } = ctx;
  const diagnosis: Diagnosis = { nodeToStatus: new Map(), unschedulablePlugins: new Set() };
  // ErrNoNodesAvailable: upstream treats it as UnschedulableAndUnresolvable (wait for a NodeAdd).
  if (nodes.length === 0) return { ok: false, numAllNodes: 0, diagnosis, noNodes: true };

  const state = new CycleState();
  const pre = fwk.runPreFilter(state, pod, nodes);
  if (!isSuccess(pre)) {
    if (!isRejected(pre)) return { ok: false, numAllNodes: nodes.length, diagnosis, error: pre.reasons.join(', ') };
    for (const ni of nodes) diagnosis.nodeToStatus.set(ni.name, pre);
    diagnosis.preFilterMsg = pre.reasons.join(', ');
    if (pre.plugin) diagnosis.unschedulablePlugins.add(pre.plugin);
    return { ok: false, numAllNodes: nodes.length, diagnosis };
  }

  // findNodesThatPassFilters with the round-robin start and the early stop.
  const want = numFeasibleNodesToFind(nodes.length, ctx.percentageOfNodesToScore);
  const feasible: NodeInfo[] = [];
  let processed = 0;
  const n = nodes.length;
  for (let i = 0; i < n && feasible.length < want; i++) {
    const ni = nodes[(rr.next + i) % n] as NodeInfo;
    processed++;
    const s: Status = fwk.runFilters(state, pod, ni, recorder);
    if (isSuccess(s)) feasible.push(ni);
    else if (isRejected(s)) {
      diagnosis.nodeToStatus.set(ni.name, s);
      if (s.plugin) diagnosis.unschedulablePlugins.add(s.plugin);
    } else {
      return { ok: false, numAllNodes: n, diagnosis, error: `running "${s.plugin}" filter plugin: ${s.reasons.join(', ')}` };
    }
  }
  rr.next = (rr.next + processed) % n;

  if (feasible.length === 0) return { ok: false, numAllNodes: n, diagnosis };
  if (feasible.length === 1) {
    const only = (feasible[0] as NodeInfo).name;
    if (recorder) recorder.record.selectedNode = only;
    return { ok: true, node: only, evaluatedNodes: processed, feasibleNodes: 1 };
  }

  // prioritizeNodes → selectHost.
  const preScore = fwk.runPreScore(state, pod, feasible);
  if (!isSuccess(preScore) && preScore.code !== Code.Skip) {
    return { ok: false, numAllNodes: n, diagnosis, error: `running PreScore plugin "${preScore.plugin}": ${preScore.reasons.join(', ')}` };
  }
  const pluginScores = fwk.runScores(state, pod, feasible, recorder);
  const totals = pluginScores.length
    ? ctx.score.weightedSum(pluginScores)
    : feasible.map((ni) => ({ name: ni.name, scores: [], totalScore: 0 }));
  if (recorder) for (const t of totals) for (const s of t.scores) recorder.finalScore(t.name, s.plugin, s.score);
  const node = ctx.score.selectHost(totals, ctx.random);
  if (recorder) recorder.record.selectedNode = node;
  return { ok: true, node, evaluatedNodes: processed, feasibleNodes: feasible.length };
}
