/**
 * A work queue that can add a key later: client-go util/workqueue/delaying_queue.go.
 *
 * addAfter(key, ms) puts `key` in the queue once `ms` milliseconds of the Clock have passed.
 * Rules, as upstream:
 *  - ms <= 0 adds at once;
 *  - a key already waiting keeps the EARLIER of its two ready times (a second, later addAfter
 *    does not postpone it; an earlier one brings it forward);
 *  - once ready, the key goes through add(), so the stingy rules still apply (dedupe, never twice
 *    at once);
 *  - shutDown() drops every key still waiting.
 */
import type { Clock, TimerHandle } from '../util/clock.ts';
import { WorkQueue, type WorkQueueInterface, type WorkQueueOptions } from './workqueue.ts';

export interface DelayingQueueInterface<T = string> extends WorkQueueInterface<T> {
  addAfter(item: T, delayMs: number): void;
}

interface Waiting {
  readyAt: number;
  timer: TimerHandle;
}

export class DelayingQueue<T = string> extends WorkQueue<T> implements DelayingQueueInterface<T> {
  private waiting = new Map<T, Waiting>();

  constructor(
    protected readonly clock: Clock,
    options: WorkQueueOptions = {},
  ) {
    super(options);
  }

  addAfter(item: T, delayMs: number): void {
    if (this.shuttingDown()) return;
    if (!(delayMs > 0)) {
      this.add(item);
      return;
    }
    const readyAt = this.clock.now() + delayMs;
    const existing = this.waiting.get(item);
    if (existing) {
      if (existing.readyAt <= readyAt) return;
      this.clock.clearTimeout(existing.timer);
    }
    const timer = this.clock.setTimeout(() => {
      this.waiting.delete(item);
      this.add(item);
    }, delayMs);
    this.waiting.set(item, { readyAt, timer });
  }

  /** Keys scheduled by addAfter that are not ready yet. */
  waitingLen(): number {
    return this.waiting.size;
  }

  protected override onShutDown(): void {
    for (const w of this.waiting.values()) this.clock.clearTimeout(w.timer);
    this.waiting.clear();
  }
}

export function newDelayingQueue<T = string>(clock: Clock, options: WorkQueueOptions = {}): DelayingQueue<T> {
  return new DelayingQueue<T>(clock, options);
}
