/**
 * FitError (KK pkg/scheduler/framework/types.go: FitError.Error) — the message users read in
 * `kubectl describe pod`:
 *
 *   0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.
 *   preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling,
 *   2 No preemption victims found for incoming pod..
 *
 * Each node's rejection reasons are counted; the "<count> <reason>" strings are sorted as plain
 * strings (sortReasonsHistogram). A PreFilter rejection replaces the histogram with its message.
 *
 * The second sentence is DefaultPreemption's PostFilter message when it finds no victims. tinykube
 * does not preempt yet; it reports what upstream reports when preemption cannot help: nodes that
 * rejected the pod as UnschedulableAndUnresolvable are "not helpful", the others have "no victims"
 * (the double period is upstream's: the preemption FitError ends in one, SeparatorFormat adds another).
 */
import { Code, type Status } from './framework/status.ts';

export const NoNodeAvailableMsg = (n: number) => `0/${n} nodes are available`;
export const ErrNoNodesAvailable = 'no nodes available to schedule pods';
export const PreemptionNotHelpful = 'Preemption is not helpful for scheduling';
export const NoPreemptionVictims = 'No preemption victims found for incoming pod';

export interface Diagnosis {
  /** Node name → the status of the plugin that rejected it. */
  nodeToStatus: Map<string, Status>;
  /** The PreFilter rejection, if the whole pod was rejected before Filter. */
  preFilterMsg?: string;
  /** Plugins that rejected the pod on some node (requeue on their events). */
  unschedulablePlugins: Set<string>;
}

function histogram(counts: Map<string, number>): string {
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort().join(', ');
}

/** PodEligibleToPreemptOthers' message for a pod with preemptionPolicy Never. */
export const NotEligiblePreemptionPolicyNever = 'not eligible due to preemptionPolicy=Never.';

export interface FitErrorOptions {
  /** false: no preemption sentence (a profile without DefaultPreemption). */
  preemption?: boolean;
  /** The pod's spec.preemptionPolicy. */
  preemptionPolicy?: string;
}

export function fitErrorMessage(numAllNodes: number, d: Diagnosis, options: FitErrorOptions = {}): string {
  let msg = `${NoNodeAvailableMsg(numAllNodes)}:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    for (const s of d.nodeToStatus.values()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    msg += ` ${histogram(counts)}.`;
  }
  if (options.preemption !== false && options.preemptionPolicy === 'Never') {
    msg += ` preemption: ${NotEligiblePreemptionPolicyNever}.`;
  } else if (options.preemption !== false) {
    const counts = new Map<string, number>();
    for (const s of d.nodeToStatus.values()) {
      const r = s.code === Code.UnschedulableAndUnresolvable ? PreemptionNotHelpful : NoPreemptionVictims;
      counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    // PostFilterMsg is itself a FitError message (ending in '.'), appended with SeparatorFormat
    // (' %v.'): hence upstream's '..' at the very end.
    if (counts.size) msg += ` preemption: ${NoNodeAvailableMsg(numAllNodes)}: ${histogram(counts)}..`;
  }
  return msg;
}
