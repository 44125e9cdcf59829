/**
 * The work queue every controller is built around: client-go util/workqueue/queue.go (Type).
 *
 * Contract (the "stingy" queue):
 *  - add(key) of a key already waiting does nothing: a key added many times before a worker gets
 *    it is processed once (the *dirty* set).
 *  - get() hands a key out and marks it *processing*; until done(key), the same key is never
 *    handed out again, so two workers never reconcile one object at once.
 *  - add(key) while key is processing only marks it dirty; done(key) then puts it back in the
 *    queue, so the change that arrived mid-reconcile is not lost.
 *  - Keys come out in FIFO order of their (first) add.
 *  - After shutDown(), add() is ignored, but keys already queued are still handed out; get()
 *    resolves `{ shutdown: true }` once the queue is empty. shutDownWithDrain() also waits until
 *    every handed-out key is done().
 *
 * get() is async instead of blocking: it resolves immediately when a key is waiting, otherwise
 * when one is added (waiters are served in the order they called get()).
 *
 * Example:
 *   q.add('default/web'); q.add('default/web');   // len() === 1
 *   const r = await q.get();                        // { key: 'default/web', shutdown: false }
 *   q.add('default/web');                           // dirty: len() === 0, still processing
 *   q.done('default/web');                          // back in the queue: len() === 1
 */

export type GetResult<T> = { key: T; shutdown: false } | { shutdown: true };

export interface WorkQueueInterface<T = string> {
  add(item: T): void;
  /** Keys waiting to be handed out (not counting those being processed). */
  len(): number;
  get(): Promise<GetResult<T>>;
  done(item: T): void;
  shutDown(): void;
  shutDownWithDrain(): Promise<void>;
  shuttingDown(): boolean;
}

/** A FIFO of items with O(1) amortised push and shift. */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head] as T;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

export interface WorkQueueOptions {
  /** For messages and metrics, e.g. 'deployment'. */
  name?: string;
}

export class WorkQueue<T = string> implements WorkQueueInterface<T> {
  readonly name: string;
  private queue = new Fifo<T>();
  /** Items that need processing: queued, or re-added while processing. */
  private dirty = new Set<T>();
  /** Items handed out by get() and not yet done(). */
  private processing = new Set<T>();
  private waiters: Array<(r: GetResult<T>) => void> = [];
  private drainWaiters: Array<() => void> = [];
  private shutting = false;

  constructor(options: WorkQueueOptions = {}) {
    this.name = options.name ?? '';
  }

  add(item: T): void {
    if (this.shutting) return;
    if (this.dirty.has(item)) return;
    this.dirty.add(item);
    // Being processed: done() re-queues it, so that no two workers hold the same key.
    if (this.processing.has(item)) return;
    this.queue.push(item);
    this.serveWaiters();
  }

  len(): number {
    return this.queue.length;
  }

  get(): Promise<GetResult<T>> {
    if (this.queue.length > 0) return Promise.resolve(this.take());
    if (this.shutting) return Promise.resolve({ shutdown: true });
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  done(item: T): void {
    this.processing.delete(item);
    if (this.dirty.has(item)) {
      this.queue.push(item);
      this.serveWaiters();
    } else if (this.processing.size === 0) {
      this.releaseDrainWaiters();
    }
  }

  shutDown(): void {
    if (this.shutting) return;
    this.shutting = true;
    this.onShutDown();
    // Waiters only exist while the queue is empty, so all of them learn of the shutdown now.
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w({ shutdown: true });
  }

  /** Shuts down, then resolves once every item handed out by get() has been done(). */
  shutDownWithDrain(): Promise<void> {
    this.shutDown();
    if (this.processing.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  shuttingDown(): boolean {
    return this.shutting;
  }

  /** Hook for subclasses (the delaying queue drops its timers). */
  protected onShutDown(): void {}

  private take(): GetResult<T> {
    const item = this.queue.shift() as T;
    this.processing.add(item);
    this.dirty.delete(item);
    return { key: item, shutdown: false };
  }

  private serveWaiters(): void {
    while (this.waiters.length > 0 && this.queue.length > 0) {
      const w = this.waiters.shift() as (r: GetResult<T>) => void;
      w(this.take());
    }
  }

  private releaseDrainWaiters(): void {
    const ws = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of ws) w();
  }
}

export function newWorkQueue<T = string>(options: WorkQueueOptions = {}): WorkQueue<T> {
  return new WorkQueue<T>(options);
}
