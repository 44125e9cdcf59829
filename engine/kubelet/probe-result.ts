/**
 * The `kubelet.probe` part: turning a stream of single probe outcomes into the verdict the kubelet
 * acts on — upstream pkg/kubelet/prober/worker.go (doProbe: lastResult, resultRun, onHold) and
 * prober/results (initial results).
 *
 * A verdict only changes after `successThreshold` successes in a row, or `failureThreshold`
 * failures in a row; anything shorter leaves it as it was. Before any verdict, each kind starts
 * from its upstream initial value: readiness 'failure' (not ready until proven ready), liveness
 * 'success' (alive until proven dead), startup 'unknown'. When a liveness or startup verdict
 * becomes 'failure' the tracker goes on hold: the container will be restarted and this tracker
 * observes nothing more (a new container gets a new tracker). A startup verdict of 'success'
 * also ends probing: startup probes run only until the container has started.
 *
 * Worked example, readiness, successThreshold 1, failureThreshold 3:
 *   start → failure; success → success; failure → success; failure → success; failure → failure.
 */

export type ProbeKind = 'liveness' | 'readiness' | 'startup';
export type ProbeOutcome = 'success' | 'failure';
export type ProbeVerdict = 'success' | 'failure' | 'unknown';

export interface ProbeThresholds {
  /** Default 1 (must be 1 for liveness and startup). */
  successThreshold: number;
  /** Default 3. */
  failureThreshold: number;
}

export interface ProbeResultTracker {
  /** Records one probe outcome and returns the verdict after it (unchanged while on hold). */
  observe(outcome: ProbeOutcome): ProbeVerdict;
  verdict(): ProbeVerdict;
  /** True once this tracker wants no more probes (failed liveness/startup, or started). */
  done(): boolean;
}

/** The part's signature. */
export type ProbeResultTrackerFactory = (kind: ProbeKind, thresholds: ProbeThresholds) => ProbeResultTracker;
