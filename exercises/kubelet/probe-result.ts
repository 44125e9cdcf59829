/**
 * Exercise `kubelet.probe`: probe outcomes → verdict with thresholds. Read
 * engine/kubelet/probe-result.ts for the contract and its worked example.
 */
import type { ProbeResultTrackerFactory } from '../../engine/kubelet/probe-result.ts';

export const newProbeResultTracker: ProbeResultTrackerFactory = (kind, thresholds) => {
  void kind, thresholds;
  return {
    observe(outcome) {
      void outcome;
      // TODO: count identical outcomes in a row; change the verdict only once the run reaches the
      // success or failure threshold; a failed liveness/startup verdict puts the tracker on hold.
      throw new Error('TODO: kubelet.probe observe');
    },
    verdict() {
      // TODO: the current verdict, starting from the kind's initial value (readiness: failure,
      // liveness: success, startup: unknown).
      throw new Error('TODO: kubelet.probe verdict');
    },
    done() {
      // TODO: true once no more probes are wanted (on hold, or a startup probe that succeeded).
      throw new Error('TODO: kubelet.probe done');
    },
  };
};
