import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../util/clock.ts';
import {
  BucketRateLimiter,
  ItemExponentialFailureRateLimiter,
  ItemFastSlowRateLimiter,
  MaxOfRateLimiter,
  defaultControllerRateLimiter,
} from './rate-limiters.ts';

describe('ItemExponentialFailureRateLimiter', () => {
  it('doubles the wait on every failure of the same item, from the base delay', () => {
    const l = new ItemExponentialFailureRateLimiter(5, 1000 * 1000);
    expect([l.when('a'), l.when('a'), l.when('a'), l.when('a')]).toEqual([5, 10, 20, 40]);
    expect(l.numRequeues('a')).toBe(4);
  });

  it('tracks items separately', () => {
    const l = new ItemExponentialFailureRateLimiter(5, 1000);
    l.when('a');
    l.when('a');
    expect(l.when('b')).toBe(5);
    expect(l.numRequeues('b')).toBe(1);
  });

  it('never waits longer than the max delay, even after very many failures', () => {
    const l = new ItemExponentialFailureRateLimiter(5, 1000 * 1000);
    let last = 0;
    for (let i = 0; i < 2000; i++) last = l.when('a');
    expect(last).toBe(1000 * 1000);
  });

  it('starts over from the base delay after forget', () => {
    const l = new ItemExponentialFailureRateLimiter(5, 1000);
    l.when('a');
    l.when('a');
    l.forget('a');
    expect(l.numRequeues('a')).toBe(0);
    expect(l.when('a')).toBe(5);
  });
});

describe('ItemFastSlowRateLimiter', () => {
  it('waits the fast delay for the first attempts and the slow delay afterwards', () => {
    const l = new ItemFastSlowRateLimiter(10, 5000, 3);
    expect([l.when('a'), l.when('a'), l.when('a'), l.when('a'), l.when('a')]).toEqual([10, 10, 10, 5000, 5000]);
    l.forget('a');
    expect(l.when('a')).toBe(10);
  });
});

describe('BucketRateLimiter', () => {
  it('lets a burst through at once, then spaces retries at 1/qps', () => {
    const clock = new VirtualClock();
    const l = new BucketRateLimiter(clock, 10, 100);
    for (let i = 0; i < 100; i++) expect(l.when(`k${i}`)).toBe(0);
    expect(l.when('x')).toBeCloseTo(100);
    expect(l.when('y')).toBeCloseTo(200);
    expect(l.numRequeues('x')).toBe(0);
  });

  it('refills tokens as the clock moves', async () => {
    const clock = new VirtualClock();
    const l = new BucketRateLimiter(clock, 10, 2);
    l.when('a');
    l.when('b');
    expect(l.when('c')).toBeCloseTo(100);
    await clock.advance(1000);
    // 10 tokens refilled, capped at the burst of 2, minus the one 'c' borrowed.
    expect(l.when('d')).toBe(0);
  });
});

describe('MaxOfRateLimiter', () => {
  it('waits as long as the slowest limiter asks and forgets in all of them', () => {
    const a = new ItemExponentialFailureRateLimiter(5, 1000);
    const b = new ItemFastSlowRateLimiter(7, 100, 1);
    const l = new MaxOfRateLimiter(a, b);
    expect(l.when('k')).toBe(7);
    expect(l.when('k')).toBe(100);
    expect(l.numRequeues('k')).toBe(2);
    l.forget('k');
    expect(a.numRequeues('k')).toBe(0);
    expect(b.numRequeues('k')).toBe(0);
  });
});

describe('defaultControllerRateLimiter', () => {
  it('backs a single item off exponentially from 5 ms', () => {
    const l = defaultControllerRateLimiter(new VirtualClock());
    expect([l.when('a'), l.when('a'), l.when('a')]).toEqual([5, 10, 20]);
  });

  it('caps a single item at 1000 s', () => {
    const l = defaultControllerRateLimiter(new VirtualClock());
    let last = 0;
    for (let i = 0; i < 40; i++) last = l.when('a');
    expect(last).toBe(1000 * 1000);
  });

  it('limits many distinct items to 10 per second after a burst of 100', () => {
    const l = defaultControllerRateLimiter(new VirtualClock());
    const waits = Array.from({ length: 110 }, (_, i) => l.when(`item-${i}`));
    expect(waits.slice(0, 100).every((w) => w === 5)).toBe(true);
    expect(waits[100]).toBeCloseTo(100);
    expect(waits[109]).toBeCloseTo(1000);
  });
});
