import { describe, expect, it } from 'vitest';
import { describeProbeResult, failingProbeResultCases, probeResultCases } from '../../engine/kubelet/probe-result-suite.ts';
import type { ProbeResultTrackerFactory } from '../../engine/kubelet/probe-result.ts';
import { newProbeResultTracker } from './probe-result.ts';
import { newProbeResultTracker as stubTracker } from '../../exercises/kubelet/probe-result.ts';

describeProbeResult('reference solution', newProbeResultTracker);

describe('probe result cases catch broken implementations', () => {
  it('the untouched learner stub fails every case', () => {
    expect(failingProbeResultCases(stubTracker)).toEqual(probeResultCases.map((c) => c.name));
  });

  it('ignoring failureThreshold (failing on the first failure) is caught', () => {
    const impatient: ProbeResultTrackerFactory = (kind, t) => newProbeResultTracker(kind, { ...t, failureThreshold: 1 });
    expect(failingProbeResultCases(impatient)).toContain('readiness turns success on the first success and failure only after 3 failures in a row');
  });

  it('counting failures in total instead of in a row is caught', () => {
    const cumulative: ProbeResultTrackerFactory = (kind, t) => {
      const inner = newProbeResultTracker(kind, { ...t, failureThreshold: 1 });
      let failures = 0;
      return {
        observe: (o) => (o === 'failure' && ++failures < t.failureThreshold ? inner.verdict() : inner.observe(o)),
        verdict: () => inner.verdict(),
        done: () => inner.done(),
      };
    };
    expect(failingProbeResultCases(cumulative)).toContain('a success in between restarts the failure count');
  });

  it('starting readiness as ready is caught', () => {
    const optimistic: ProbeResultTrackerFactory = (kind, t) => newProbeResultTracker(kind === 'readiness' ? 'liveness' : kind, t);
    expect(failingProbeResultCases(optimistic).length).toBeGreaterThan(0);
  });
});
