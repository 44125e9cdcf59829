/**
 * The part cases of the `kubelet.probe` part: grader/tests/kubelet-probe.ts runs them against the
 * learner's part, the self-check against the reference, the stub and the mutants. Each case throws
 * on failure.
 */
import { expect } from 'vitest';
import type { ProbeOutcome, ProbeResultTrackerFactory, ProbeVerdict } from './probe-result.ts';

export interface ProbeResultCase {
  name: string;
  run(factory: ProbeResultTrackerFactory): void;
}

const DEFAULTS = { successThreshold: 1, failureThreshold: 3 };

function verdicts(factory: ProbeResultTrackerFactory, kind: 'liveness' | 'readiness' | 'startup', outcomes: ProbeOutcome[], thresholds = DEFAULTS): ProbeVerdict[] {
  const t = factory(kind, thresholds);
  return outcomes.map((o) => t.observe(o));
}

const s: ProbeOutcome = 'success';
const f: ProbeOutcome = 'failure';

export const probeResultCases: readonly ProbeResultCase[] = [
  {
    name: 'before any probe, readiness is failure, liveness success and startup unknown',
    run(factory) {
      expect(factory('readiness', DEFAULTS).verdict()).toBe('failure');
      expect(factory('liveness', DEFAULTS).verdict()).toBe('success');
      expect(factory('startup', DEFAULTS).verdict()).toBe('unknown');
    },
  },
  {
    name: 'readiness turns success on the first success and failure only after 3 failures in a row',
    run(factory) {
      expect(verdicts(factory, 'readiness', [s, f, f, f, s])).toEqual(['success', 'success', 'success', 'failure', 'success']);
    },
  },
  {
    name: 'a success in between restarts the failure count',
    run(factory) {
      expect(verdicts(factory, 'readiness', [s, f, f, s, f, f, f])).toEqual(['success', 'success', 'success', 'success', 'success', 'success', 'failure']);
    },
  },
  {
    name: 'successThreshold 2 needs two successes in a row to become ready',
    run(factory) {
      expect(verdicts(factory, 'readiness', [s, f, s, s], { successThreshold: 2, failureThreshold: 3 })).toEqual(['failure', 'failure', 'failure', 'success']);
    },
  },
  {
    name: 'liveness fails after failureThreshold failures, then stops probing',
    run(factory) {
      const t = factory('liveness', { successThreshold: 1, failureThreshold: 2 });
      expect(t.observe(f)).toBe('success');
      expect(t.done()).toBe(false);
      expect(t.observe(f)).toBe('failure');
      expect(t.done()).toBe(true);
      expect(t.observe(s)).toBe('failure');
    },
  },
  {
    name: 'a startup probe succeeds on its first success and is then done',
    run(factory) {
      const t = factory('startup', { successThreshold: 1, failureThreshold: 30 });
      expect(t.observe(f)).toBe('unknown');
      expect(t.done()).toBe(false);
      expect(t.observe(s)).toBe('success');
      expect(t.done()).toBe(true);
    },
  },
  {
    name: 'a startup probe that keeps failing reaches failure after failureThreshold attempts',
    run(factory) {
      const out = verdicts(factory, 'startup', Array<ProbeOutcome>(5).fill(f), { successThreshold: 1, failureThreshold: 5 });
      expect(out).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'failure']);
    },
  },
  {
    name: 'readiness keeps probing after failing (a pod can become ready again)',
    run(factory) {
      const t = factory('readiness', { successThreshold: 1, failureThreshold: 1 });
      expect(t.observe(f)).toBe('failure');
      expect(t.done()).toBe(false);
      expect(t.observe(s)).toBe('success');
    },
  },
];
