/**
 * The reflector's retry delays: client-go's ExponentialBackoffManager as NewReflector configures
 * it (apimachinery wait.NewExponentialBackoffManager(800ms, 30s, 2m, 2.0, 1.0, clock)):
 * the first retry waits 800 ms, each further one twice as long, never more than 30 s; after 2
 * minutes without a retry the delay starts again from 800 ms. Upstream adds up to +100% random
 * jitter; with a Random given, so does this one, otherwise delays are exact (repeatable tests).
 */
import type { Clock } from '../../util/clock.ts';
import type { Random } from '../../util/random.ts';

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  resetAfterMs?: number;
  factor?: number;
  /** 0..1: each delay is multiplied by 1 + jitter × random. Needs `random`. */
  jitter?: number;
  random?: Random;
}

export class Backoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly resetAfterMs: number;
  private readonly factor: number;
  private readonly jitter: number;
  private current = 0;
  private lastAt: number | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly options: BackoffOptions = {},
  ) {
    this.initialMs = options.initialMs ?? 800;
    this.maxMs = options.maxMs ?? 30_000;
    this.resetAfterMs = options.resetAfterMs ?? 2 * 60_000;
    this.factor = options.factor ?? 2;
    this.jitter = options.random ? (options.jitter ?? 1) : 0;
  }

  /** The delay before the next retry (and counts this retry). */
  next(): number {
    const now = this.clock.now();
    if (this.lastAt === undefined || now - this.lastAt > this.resetAfterMs) this.current = this.initialMs;
    else this.current = Math.min(this.maxMs, this.current * this.factor);
    this.lastAt = now;
    const r = this.options.random;
    return r && this.jitter > 0 ? this.current * (1 + this.jitter * r.float()) : this.current;
  }

  /** Forget the history: the next delay is the initial one. */
  reset(): void {
    this.lastAt = undefined;
  }
}
