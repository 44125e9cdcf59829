/**
 * Reference `kubelet.probe`: the threshold logic of upstream prober/worker.go doProbe. See
 * engine/kubelet/probe-result.ts for the contract and a worked example.
 */
import type { ProbeOutcome, ProbeResultTracker, ProbeResultTrackerFactory, ProbeVerdict } from '../../engine/kubelet/probe-result.ts';

export const newProbeResultTracker: ProbeResultTrackerFactory = (kind, thresholds) => {
  // prober/results: readiness starts Failure, liveness Success, startup Unknown.
  let verdict: ProbeVerdict = kind === 'readiness' ? 'failure' : kind === 'liveness' ? 'success' : 'unknown';
  let last: ProbeOutcome | undefined;
  let run = 0;
  let onHold = false;
  const tracker: ProbeResultTracker = {
    observe(outcome) {
      if (tracker.done()) return verdict;
      // Count how many identical outcomes came in a row: a flapping probe never reaches a threshold.
      if (outcome === last) run++;
      else {
        last = outcome;
        run = 1;
      }
      const needed = outcome === 'success' ? thresholds.successThreshold : thresholds.failureThreshold;
      if (run < needed) return verdict;
      verdict = outcome;
      // A failed liveness/startup verdict means the container gets killed: stop probing it.
      if (outcome === 'failure' && kind !== 'readiness') {
        onHold = true;
        run = 0;
      }
      return verdict;
    },
    verdict: () => verdict,
    done: () => onHold || (kind === 'startup' && verdict === 'success'),
  };
  return tracker;
};
