import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../util/clock.ts';
import { RateLimitingQueue } from './rate-limiting-queue.ts';
import { ItemExponentialFailureRateLimiter } from './rate-limiters.ts';

describe('RateLimitingQueue', () => {
  it('re-adds a failed key after the exponential backoff, growing with each failure', async () => {
    const clock = new VirtualClock();
    const q = new RateLimitingQueue(clock);
    const readyTimes: number[] = [];
    const start = clock.now();
    q.add('default/web');
    for (let attempt = 0; attempt < 4; attempt++) {
      const r = await q.get();
      if (r.shutdown) throw new Error('unexpected shutdown');
      readyTimes.push(clock.now() - start);
      q.addRateLimited(r.key);
      q.done(r.key);
      await clock.runUntil(() => q.len() > 0);
    }
    expect(readyTimes).toEqual([0, 5, 15, 35]);
    expect(q.numRequeues('default/web')).toBe(4);
  });

  it('forget resets the backoff but leaves the key where it is', async () => {
    const clock = new VirtualClock();
    const q = new RateLimitingQueue(clock, new ItemExponentialFailureRateLimiter(5, 1000));
    q.addRateLimited('k');
    q.addRateLimited('k');
    expect(q.numRequeues('k')).toBe(2);
    q.forget('k');
    expect(q.numRequeues('k')).toBe(0);
    await clock.advance(5);
    expect(q.len()).toBe(1);
  });

  it('drops rate-limited keys that are still waiting when shut down', async () => {
    const clock = new VirtualClock();
    const q = new RateLimitingQueue(clock);
    q.addRateLimited('k');
    q.shutDown();
    await clock.advance(1000);
    expect(q.len()).toBe(0);
  });
});
