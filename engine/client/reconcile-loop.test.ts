import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../util/clock.ts';
import { ReconcileLoop } from './reconcile-loop.ts';

describe('ReconcileLoop', () => {
  it('reconciles each enqueued key once, however often it was added before a worker took it', async () => {
    const clock = new VirtualClock(0);
    const seen: string[] = [];
    const loop = new ReconcileLoop({ name: 't', clock, reconcile: async (k) => void seen.push(k) });
    loop.enqueue('default/a');
    loop.enqueue('default/a');
    loop.enqueueObject({ metadata: { namespace: 'default', name: 'b' } });
    await loop.start();
    await clock.flush();
    expect(seen).toEqual(['default/a', 'default/b']);
    await loop.stop();
  });

  it('retries a failing key with exponential backoff on the clock and forgets it after success', async () => {
    const clock = new VirtualClock(0);
    const attempts: number[] = [];
    let failures = 3;
    const loop = new ReconcileLoop({
      name: 't',
      clock,
      reconcile: async () => {
        attempts.push(clock.now());
        if (failures-- > 0) throw new Error('409 Conflict');
      },
    });
    await loop.start();
    loop.enqueue('k');
    await clock.advance(1_000);
    // 5 ms, then 10 ms, then 20 ms after each failure (ItemExponentialFailureRateLimiter).
    expect(attempts).toEqual([0, 5, 15, 35]);
    expect(loop.queue.numRequeues('k')).toBe(0);
    await loop.stop();
  });

  it('drops a key after maxRetries failures in a row', async () => {
    const clock = new VirtualClock(0);
    let calls = 0;
    const errors: string[] = [];
    const loop2 = new ReconcileLoop({
      name: 't2',
      clock,
      maxRetries: 2,
      reconcile: async () => {
        calls++;
        throw new Error('always');
      },
      onError: (k) => errors.push(k),
    });
    await loop2.start();
    loop2.enqueue('k');
    await clock.advance(10_000);
    expect(calls).toBe(3);
    expect(errors).toEqual(['k', 'k', 'k']);
    await loop2.stop();
  });

  it('stops its workers: nothing is reconciled after stop()', async () => {
    const clock = new VirtualClock(0);
    const seen: string[] = [];
    const loop = new ReconcileLoop({ name: 't', clock, reconcile: async (k) => void seen.push(k) });
    await loop.start();
    loop.enqueue('before');
    await clock.flush();
    await loop.stop();
    loop.enqueue('late');
    loop.enqueueAfter('later', 10);
    await clock.advance(1_000);
    expect(seen).toEqual(['before']);
  });
});
