/** Typical mistakes in `kubelet.backoff`; the self-check proves each one fails a case. */
import type { ContainerBackoff } from '../../engine/kubelet/backoff.ts';
import { defineMutants } from '../exercise-tests.ts';

export default defineMutants({
  part: 'kubelet.backoff',
  mutants: [
    {
      name: 'never-forgets',
      mistake: 'never forgets a delay: a container that ran for more than 10 minutes still waits before its restart',
      make: () => () => {
        const delays = new Map<string, number>();
        const backoff: ContainerBackoff = {
          isInBackOffSince: (k, finishedAt, now) => delays.has(k) && now - finishedAt < delays.get(k)!,
          next: (k) => void delays.set(k, Math.min((delays.get(k) ?? 5_000) * 2, 300_000)),
          get: (k) => delays.get(k) ?? 0,
          reset: (k) => void delays.delete(k),
        };
        return backoff;
      },
    },
    {
      name: 'never-doubles',
      mistake: 'keeps the delay at 10 s instead of doubling it after each restart',
      make: (ref) => (options) => {
        const inner = ref(options);
        return { ...inner, next: (k, finishedAt, now) => (inner.reset(k), inner.next(k, finishedAt, now)) };
      },
    },
    {
      name: 'no-ceiling',
      mistake: 'lets the delay double forever instead of stopping at 5 minutes',
      make: (ref) => (options) => ref({ ...options, maxMs: options?.maxMs ?? Number.MAX_SAFE_INTEGER / 4 }),
    },
    {
      name: 'measured-from-restart',
      mistake: 'measures the delay from the last restart instead of from when the container finished',
      make: (ref) => (options) => {
        const inner = ref(options);
        const bumped = new Map<string, number>();
        return {
          ...inner,
          isInBackOffSince: (k, finishedAt, now) => inner.isInBackOffSince(k, bumped.get(k) ?? finishedAt, now),
          next: (k, finishedAt, now) => {
            bumped.set(k, now);
            inner.next(k, finishedAt, now);
          },
        };
      },
    },
  ],
});
