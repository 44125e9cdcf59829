/**
 * The part cases of the `kubelet.backoff` part: grader/tests/kubelet-backoff.ts runs them against
 * the learner's part, the self-check against the reference, the stub and the mutants. Each case
 * throws on failure.
 */
import { expect } from 'vitest';
import type { ContainerBackoffFactory } from './backoff.ts';

export interface BackoffCase {
  name: string;
  run(factory: ContainerBackoffFactory): void;
}

const S = 1000;

/**
 * Simulates a container that exits `runMs` after each start and is restarted as soon as the
 * backoff allows (the pod worker re-checks every second): returns the restart times in seconds.
 */
function restartTimes(factory: ContainerBackoffFactory, restarts: number, runMs = 0): number[] {
  const b = factory();
  const times: number[] = [];
  let now = 0;
  let finishedAt = runMs;
  now = finishedAt;
  while (times.length < restarts) {
    if (!b.isInBackOffSince('u1_web', finishedAt, now)) {
      b.next('u1_web', finishedAt, now);
      times.push(now / S);
      finishedAt = now + runMs;
      now = finishedAt;
      continue;
    }
    now += S;
  }
  return times;
}

export const backoffCases: readonly BackoffCase[] = [
  {
    name: 'an unknown container is not in backoff and has no delay',
    run(factory) {
      const b = factory();
      expect(b.isInBackOffSince('u1_web', 0, 0)).toBe(false);
      expect(b.get('u1_web')).toBe(0);
    },
  },
  {
    name: 'the first restart sets the delay to 10 s, measured from when the container finished',
    run(factory) {
      const b = factory();
      b.next('u1_web', 0, 0);
      expect(b.get('u1_web')).toBe(10 * S);
      expect(b.isInBackOffSince('u1_web', 5 * S, 14 * S)).toBe(true);
      expect(b.isInBackOffSince('u1_web', 5 * S, 15 * S)).toBe(false);
    },
  },
  {
    name: 'a crashing container restarts at once, then after 10, 20, 40, 80, 160 s, then every 300 s',
    run(factory) {
      expect(restartTimes(factory, 9)).toEqual([0, 10, 30, 70, 150, 310, 610, 910, 1210]);
    },
  },
  {
    name: 'the delay doubles up to 300 s and stays there',
    run(factory) {
      const b = factory();
      const delays: number[] = [];
      for (let i = 0; i < 8; i++) {
        b.next('u1_web', i * S, i * S);
        delays.push(b.get('u1_web') / S);
      }
      expect(delays).toEqual([10, 20, 40, 80, 160, 300, 300, 300]);
    },
  },
  {
    name: 'a container that ran for more than 10 minutes restarts at once with the delay back at 10 s',
    run(factory) {
      const b = factory();
      for (let i = 0; i < 6; i++) b.next('u1_web', 0, 0);
      expect(b.get('u1_web')).toBe(300 * S);
      // Restarted at 0, ran 601 s, exited.
      expect(b.isInBackOffSince('u1_web', 601 * S, 601 * S)).toBe(false);
      b.next('u1_web', 601 * S, 601 * S);
      expect(b.get('u1_web')).toBe(10 * S);
      // ... while one that ran 9 minutes waits the full 300 s.
      const c = factory();
      for (let i = 0; i < 6; i++) c.next('u1_web', 0, 0);
      expect(c.isInBackOffSince('u1_web', 540 * S, 540 * S)).toBe(true);
      c.next('u1_web', 540 * S, 840 * S);
      expect(c.get('u1_web')).toBe(300 * S);
    },
  },
  {
    name: 'containers back off independently, and reset forgets one',
    run(factory) {
      const b = factory();
      b.next('u1_web', 0, 0);
      b.next('u1_web', 0, 0);
      b.next('u1_sidecar', 0, 0);
      expect(b.get('u1_web')).toBe(20 * S);
      expect(b.get('u1_sidecar')).toBe(10 * S);
      b.reset('u1_web');
      expect(b.get('u1_web')).toBe(0);
      expect(b.isInBackOffSince('u1_web', 0, 1)).toBe(false);
      expect(b.get('u1_sidecar')).toBe(10 * S);
    },
  },
  {
    name: 'initial and maximum delays can be configured',
    run(factory) {
      const b = factory({ initialMs: 1 * S, maxMs: 4 * S });
      const delays: number[] = [];
      for (let i = 0; i < 5; i++) {
        b.next('k', 0, 0);
        delays.push(b.get('k') / S);
      }
      expect(delays).toEqual([1, 2, 4, 4, 4]);
    },
  },
];
