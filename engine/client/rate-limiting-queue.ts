/**
 * The queue controllers actually use: client-go util/workqueue/rate_limiting_queue.go.
 *
 * Retry lives here and nowhere else: a reconcile that fails calls addRateLimited(key), which
 * re-adds the key after the rate limiter's delay (5 ms, 10 ms, 20 ms, ... by default); a
 * reconcile that succeeds calls forget(key) so the next failure starts from the first delay.
 * forget() does not remove the key from the queue — only its failure history.
 *
 * The sample-controller loop:
 *   const r = await queue.get(); if (r.shutdown) return;
 *   try { await reconcile(r.key); queue.forget(r.key); }
 *   catch { queue.addRateLimited(r.key); }
 *   finally { queue.done(r.key); }
 */
import type { Clock } from '../util/clock.ts';
import { DelayingQueue, type DelayingQueueInterface } from './delaying-queue.ts';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiters.ts';
import type { WorkQueueOptions } from './workqueue.ts';

export interface RateLimitingQueueInterface<T = string> extends DelayingQueueInterface<T> {
  /** Adds `item` after the rate limiter says it may be retried. */
  addRateLimited(item: T): void;
  /** Clears `item`'s failure history (call after a successful reconcile). */
  forget(item: T): void;
  /** How many times `item` was rate-limited since the last forget. */
  numRequeues(item: T): number;
}

export class RateLimitingQueue<T = string> extends DelayingQueue<T> implements RateLimitingQueueInterface<T> {
  readonly rateLimiter: RateLimiter<T>;

  constructor(clock: Clock, rateLimiter?: RateLimiter<T>, options: WorkQueueOptions = {}) {
    super(clock, options);
    this.rateLimiter = rateLimiter ?? defaultControllerRateLimiter<T>(clock);
  }

  addRateLimited(item: T): void {
    this.addAfter(item, this.rateLimiter.when(item));
  }

  forget(item: T): void {
    this.rateLimiter.forget(item);
  }

  numRequeues(item: T): number {
    return this.rateLimiter.numRequeues(item);
  }
}

/** A rate-limited queue with DefaultControllerRateLimiter unless another limiter is given. */
export function newRateLimitingQueue<T = string>(clock: Clock, rateLimiter?: RateLimiter<T>, options: WorkQueueOptions = {}): RateLimitingQueue<T> {
  return new RateLimitingQueue<T>(clock, rateLimiter, options);
}
