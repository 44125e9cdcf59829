import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../util/clock.ts';
import { DelayingQueue } from './delaying-queue.ts';

describe('DelayingQueue', () => {
  it('adds a key only once its delay has passed on the clock', async () => {
    const clock = new VirtualClock();
    const q = new DelayingQueue(clock);
    q.addAfter('k', 1000);
    expect(q.len()).toBe(0);
    await clock.advance(999);
    expect(q.len()).toBe(0);
    await clock.advance(1);
    expect(q.len()).toBe(1);
    expect(await q.get()).toEqual({ key: 'k', shutdown: false });
  });

  it('adds at once for a zero or negative delay', () => {
    const q = new DelayingQueue(new VirtualClock());
    q.addAfter('a', 0);
    q.addAfter('b', -5);
    expect(q.len()).toBe(2);
  });

  it('keeps the earlier ready time when a waiting key is added again', async () => {
    const clock = new VirtualClock();
    const q = new DelayingQueue(clock);
    q.addAfter('k', 100);
    q.addAfter('k', 5000);
    await clock.advance(100);
    expect(q.len()).toBe(1);
    await q.get();
    q.done('k');
    await clock.advance(10_000);
    expect(q.len()).toBe(0);
  });

  it('brings a waiting key forward when added again with a shorter delay', async () => {
    const clock = new VirtualClock();
    const q = new DelayingQueue(clock);
    q.addAfter('k', 5000);
    q.addAfter('k', 10);
    await clock.advance(10);
    expect(q.len()).toBe(1);
    expect(q.waitingLen()).toBe(0);
  });

  it('still deduplicates: a delayed key that is already queued is processed once', async () => {
    const clock = new VirtualClock();
    const q = new DelayingQueue(clock);
    q.add('k');
    q.addAfter('k', 50);
    await clock.advance(50);
    expect(q.len()).toBe(1);
  });

  it('drops waiting keys on shutDown', async () => {
    const clock = new VirtualClock();
    const q = new DelayingQueue(clock);
    q.addAfter('k', 50);
    q.shutDown();
    await clock.advance(100);
    expect(q.len()).toBe(0);
    expect(clock.pending()).toBe(0);
    expect(await q.get()).toEqual({ shutdown: true });
  });
});
