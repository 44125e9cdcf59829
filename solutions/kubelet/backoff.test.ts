import { describe, expect, it } from 'vitest';
import { backoffCases, describeContainerBackoff, failingBackoffCases } from '../../engine/kubelet/backoff-suite.ts';
import type { ContainerBackoff, ContainerBackoffFactory } from '../../engine/kubelet/backoff.ts';
import { newContainerBackoff } from './backoff.ts';
import { newContainerBackoff as stubBackoff } from '../../exercises/kubelet/backoff.ts';

describeContainerBackoff('reference solution', newContainerBackoff);

/** Wraps the reference and breaks one behaviour, the way a learner's bug would. */
function mutant(override: (inner: ContainerBackoff) => Partial<ContainerBackoff>): ContainerBackoffFactory {
  return (options) => {
    const inner = newContainerBackoff(options);
    return { ...inner, ...override(inner) };
  };
}

describe('container backoff cases catch broken implementations', () => {
  it('the untouched learner stub fails every case', () => {
    expect(failingBackoffCases(stubBackoff)).toEqual(backoffCases.map((c) => c.name));
  });

  it('a backoff that never resets after a long run is caught', () => {
    const neverResets: ContainerBackoffFactory = () => {
      const delays = new Map<string, number>();
      return {
        isInBackOffSince: (k, t, now) => delays.has(k) && now - t < delays.get(k)!,
        next: (k) => void delays.set(k, Math.min((delays.get(k) ?? 5000) * 2, 300_000)),
        get: (k) => delays.get(k) ?? 0,
        reset: (k) => void delays.delete(k),
      };
    };
    expect(failingBackoffCases(neverResets)).toContain('a container that ran for more than 10 minutes restarts at once with the delay back at 10 s');
  });

  it('a delay that never doubles (a fixed 10 s) is caught', () => {
    const fixed = mutant((inner) => ({ next: (k, t, now) => (inner.reset(k), inner.next(k, t, now)) }));
    const failed = failingBackoffCases(fixed);
    expect(failed).toContain('a crashing container restarts at once, then after 10, 20, 40, 80, 160 s, then every 300 s');
    expect(failed).toContain('the delay doubles up to 300 s and stays there');
  });

  it('a delay that is not capped at 300 s is caught', () => {
    const uncapped = mutant(() => ({}));
    const wrapped: ContainerBackoffFactory = (o) => uncapped({ ...o, maxMs: o?.maxMs ?? Number.MAX_SAFE_INTEGER / 4 });
    expect(failingBackoffCases(wrapped)).toContain('the delay doubles up to 300 s and stays there');
  });
});
