/**
 * The controller pattern of kubernetes/sample-controller, written once for every controller:
 * event handlers only enqueue `namespace/name` keys; `workers` loops take a key, call
 * `reconcile(key)`, and on failure hand the key back to the rate-limited work queue
 * (addRateLimited: 5 ms, 10 ms, ... up to 1000 s), on success forget its failures.
 *
 *   const loop = new ReconcileLoop({ name: 'replicaset', clock, reconcile: (key) => syncReplicaSet(key) });
 *   informer.addEventHandler({ onAdd: (rs) => loop.enqueueObject(rs), ... });
 *   await loop.start();
 *
 * Retry lives here and only here: reconcile functions return normally or throw, never loop.
 */
import type { Clock } from '../util/clock.ts';
import type { Component } from '../util/component.ts';
import { objectKey } from '../api/object.ts';
import type { ApiObject } from './object-like.ts';
import { newRateLimitingQueue, type RateLimitingQueue } from './rate-limiting-queue.ts';
import type { RateLimiter } from './rate-limiters.ts';

export interface ReconcileLoopOptions {
  /** The controller's name, e.g. 'replicaset-controller'. */
  name: string;
  clock: Clock;
  /** Brings the world in line with the desired state of `key`; throws to be retried. */
  reconcile: (key: string) => Promise<void>;
  /** Concurrent workers (upstream --concurrent-*-syncs, mostly 5). Default 1: easier to follow. */
  workers?: number;
  rateLimiter?: RateLimiter<string>;
  /** Keys are dropped after this many failed attempts in a row (upstream maxRetries, often 15). Default: never. */
  maxRetries?: number;
  /** Errors from reconcile, for logs; never thrown. */
  onError?: (key: string, err: unknown) => void;
}

export class ReconcileLoop implements Component {
  readonly name: string;
  readonly queue: RateLimitingQueue<string>;
  private workers: Array<Promise<void>> = [];
  private running = false;

  constructor(private readonly options: ReconcileLoopOptions) {
    this.name = options.name;
    this.queue = newRateLimitingQueue<string>(options.clock, options.rateLimiter, { name: options.name });
  }

  /** Adds a key (deduplicated while waiting; re-run after the current run if being processed). */
  enqueue(key: string): void {
    this.queue.add(key);
  }

  /** Adds the key of an object (`namespace/name`, or `name` when cluster-scoped). */
  enqueueObject(obj: ApiObject): void {
    this.queue.add(objectKey(obj));
  }

  /** Adds a key after `ms` of the clock (for time-based work: progress deadlines, backoffs). */
  enqueueAfter(key: string, ms: number): void {
    this.queue.addAfter(key, ms);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const n = Math.max(1, this.options.workers ?? 1);
    for (let i = 0; i < n; i++) this.workers.push(this.work());
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.queue.shutDown();
    await Promise.all(this.workers);
    this.workers = [];
  }

  // #region worker
  private async work(): Promise<void> {
    for (;;) {
      const next = await this.queue.get();
      if (next.shutdown) return;
      const key = next.key;
      try {
        await this.options.reconcile(key);
        this.queue.forget(key);
      } catch (err) {
        this.options.onError?.(key, err);
        const max = this.options.maxRetries;
        if (max !== undefined && this.queue.numRequeues(key) >= max) this.queue.forget(key);
        else this.queue.addRateLimited(key);
      } finally {
        this.queue.done(key);
      }
    }
  }
  // #endregion worker
}
