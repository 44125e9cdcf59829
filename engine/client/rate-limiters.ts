/**
 * Rate limiters for the work queue, as in client-go util/workqueue/default_rate_limiters.go.
 *
 * A rate limiter answers one question — "this item failed again: how long before it may be
 * retried?" — and remembers per-item failure counts until `forget(item)`. Durations are
 * milliseconds of the cluster Clock.
 *
 * Upstream defaults reproduced here:
 *  - ItemExponentialFailureRateLimiter: 5 ms × 2^failures, capped at 1000 s (per item).
 *  - BucketRateLimiter: an overall token bucket of 10 qps with a burst of 100 (all items).
 *  - DefaultControllerRateLimiter = MaxOf(exponential, bucket): a single hot item backs off
 *    exponentially, and many distinct items together cannot exceed 10 retries/s after the burst.
 */
import type { Clock } from '../util/clock.ts';

export interface RateLimiter<T = string> {
  /** How long (ms) to wait before `item` may be processed again; counts one more failure. */
  when(item: T): number;
  /** Stops tracking `item`: its next failure starts from the first backoff again. */
  forget(item: T): void;
  /** How many times `item` failed (was passed to `when`) since the last forget. */
  numRequeues(item: T): number;
}

/**
 * Per-item exponential backoff: the n-th failure (counting from 0) waits baseDelay × 2^n, never
 * more than maxDelay. Upstream: NewItemExponentialFailureRateLimiter(5ms, 1000s) in
 * DefaultControllerRateLimiter.
 *
 * Example with base 5 ms: failures wait 5, 10, 20, 40, ... ms; after forget(), 5 ms again.
 */
export class ItemExponentialFailureRateLimiter<T = string> implements RateLimiter<T> {
  private failures = new Map<T, number>();

  constructor(
    readonly baseDelayMs = 5,
    readonly maxDelayMs = 1000 * 1000,
  ) {}

  when(item: T): number {
    const exp = this.failures.get(item) ?? 0;
    this.failures.set(item, exp + 1);
    // 2^exp overflows to Infinity long before it matters; the cap handles both.
    const backoff = this.baseDelayMs * Math.pow(2, exp);
    return Number.isFinite(backoff) ? Math.min(backoff, this.maxDelayMs) : this.maxDelayMs;
  }

  forget(item: T): void {
    this.failures.delete(item);
  }

  numRequeues(item: T): number {
    return this.failures.get(item) ?? 0;
  }
}

/**
 * Retries quickly a few times, then slowly: the first `maxFastAttempts` failures of an item wait
 * `fastDelay`, later ones `slowDelay` (upstream NewItemFastSlowRateLimiter).
 */
export class ItemFastSlowRateLimiter<T = string> implements RateLimiter<T> {
  private failures = new Map<T, number>();

  constructor(
    readonly fastDelayMs: number,
    readonly slowDelayMs: number,
    readonly maxFastAttempts: number,
  ) {}

  when(item: T): number {
    const n = (this.failures.get(item) ?? 0) + 1;
    this.failures.set(item, n);
    return n <= this.maxFastAttempts ? this.fastDelayMs : this.slowDelayMs;
  }

  forget(item: T): void {
    this.failures.delete(item);
  }

  numRequeues(item: T): number {
    return this.failures.get(item) ?? 0;
  }
}

/**
 * An overall token bucket (golang.org/x/time/rate.Limiter, as upstream's BucketRateLimiter uses):
 * the bucket holds up to `burst` tokens and refills at `qps` tokens per second of the Clock. Every
 * `when` reserves one token; when the bucket is empty the reservation still succeeds but the
 * caller waits until that token will have been refilled — so the reservations queue up at 1/qps
 * intervals. It does not track items: numRequeues is always 0 and forget does nothing.
 *
 * Example (qps 10, burst 100): 100 immediate retries wait 0 ms; the 101st waits 100 ms, the
 * 102nd 200 ms, ...
 */
export class BucketRateLimiter<T = string> implements RateLimiter<T> {
  private tokens: number;
  private last: number;

  constructor(
    private readonly clock: Clock,
    readonly qps = 10,
    readonly burst = 100,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  when(_item: T): number {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = Math.max(this.last, now);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.qps) / 1000);
    this.tokens -= 1;
    if (this.tokens >= 0) return 0;
    return (-this.tokens / this.qps) * 1000;
  }

  forget(_item: T): void {}

  numRequeues(_item: T): number {
    return 0;
  }
}

/**
 * Combines limiters: the wait is the longest any of them asks for (each one records the failure),
 * numRequeues the largest count, and forget forgets in all (upstream MaxOfRateLimiter).
 */
export class MaxOfRateLimiter<T = string> implements RateLimiter<T> {
  private readonly limiters: RateLimiter<T>[];

  constructor(...limiters: RateLimiter<T>[]) {
    if (limiters.length === 0) throw new RangeError('MaxOfRateLimiter needs at least one limiter');
    this.limiters = limiters;
  }

  when(item: T): number {
    let max = 0;
    for (const l of this.limiters) max = Math.max(max, l.when(item));
    return max;
  }

  forget(item: T): void {
    for (const l of this.limiters) l.forget(item);
  }

  numRequeues(item: T): number {
    let max = 0;
    for (const l of this.limiters) max = Math.max(max, l.numRequeues(item));
    return max;
  }
}

/**
 * The limiter every upstream controller uses (DefaultTypedControllerRateLimiter): per-item
 * exponential backoff from 5 ms to 1000 s, and an overall 10 qps / burst 100 bucket.
 */
export function defaultControllerRateLimiter<T = string>(clock: Clock): RateLimiter<T> {
  return new MaxOfRateLimiter<T>(new ItemExponentialFailureRateLimiter<T>(5, 1000 * 1000), new BucketRateLimiter<T>(clock, 10, 100));
}
