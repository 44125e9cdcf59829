/**
 * Explainability: why a pod went where it went, per node and per plugin, in the shape of
 * kube-scheduler-simulator's result annotations (sigs.k8s.io/kube-scheduler-simulator,
 * simulator/scheduler/plugin/resultstore):
 *
 *   scheduler.tinykube.dev/filter-result       {"node-1":{"NodeResourcesFit":"Insufficient cpu"}, "node-2":{"NodeResourcesFit":"passed", ...}}
 *   scheduler.tinykube.dev/score-result        {"node-2":{"ImageLocality":"0","NodeResourcesFit":"87"}}   raw Score
 *   scheduler.tinykube.dev/finalscore-result   {"node-2":{"ImageLocality":"0","NodeResourcesFit":"87"}}   normalized × weight
 *   scheduler.tinykube.dev/selected-node       node-2
 *
 * Only the nodes a cycle examined appear (numFeasibleNodesToFind may stop early). Filter stops at
 * a node's first rejection, so later plugins are absent for that node.
 */
import type { CycleRecorder } from './framework/runtime.ts';
import type { Status } from './framework/status.ts';

export const FILTER_RESULT_ANNOTATION = 'scheduler.tinykube.dev/filter-result';
export const SCORE_RESULT_ANNOTATION = 'scheduler.tinykube.dev/score-result';
export const FINAL_SCORE_RESULT_ANNOTATION = 'scheduler.tinykube.dev/finalscore-result';
export const SELECTED_NODE_ANNOTATION = 'scheduler.tinykube.dev/selected-node';
export const PASSED = 'passed';

export interface ScheduleResultRecord {
  /** `namespace/name`. */
  pod: string;
  /** Clock ms of the attempt. */
  time: number;
  attempt: number;
  selectedNode?: string;
  /** The FitError message when the attempt failed. */
  message?: string;
  filter: Record<string, Record<string, string>>;
  score: Record<string, Record<string, number>>;
  finalScore: Record<string, Record<string, number>>;
}

export class ResultRecorder implements CycleRecorder {
  readonly record: ScheduleResultRecord;

  constructor(pod: string, time: number, attempt: number) {
    this.record = { pod, time, attempt, filter: {}, score: {}, finalScore: {} };
  }

  filter(node: string, plugin: string, status: Status): void {
    (this.record.filter[node] ??= {})[plugin] = status.reasons.length || status.code !== 'Success' ? status.reasons.join(', ') || status.code : PASSED;
  }

  score(node: string, plugin: string, raw: number): void {
    (this.record.score[node] ??= {})[plugin] = raw;
  }

  finalScore(node: string, plugin: string, weighted: number): void {
    (this.record.finalScore[node] ??= {})[plugin] = weighted;
  }
}

const asStrings = (r: Record<string, Record<string, number>>) =>
  Object.fromEntries(Object.entries(r).map(([n, m]) => [n, Object.fromEntries(Object.entries(m).map(([p, v]) => [p, String(v)]))]));

/** The annotations written on the pod when annotation recording is on. */
export function resultAnnotations(r: ScheduleResultRecord): Record<string, string> {
  const a: Record<string, string> = {
    [FILTER_RESULT_ANNOTATION]: JSON.stringify(r.filter),
    [SCORE_RESULT_ANNOTATION]: JSON.stringify(asStrings(r.score)),
    [FINAL_SCORE_RESULT_ANNOTATION]: JSON.stringify(asStrings(r.finalScore)),
  };
  if (r.selectedNode) a[SELECTED_NODE_ANNOTATION] = r.selectedNode;
  return a;
}
