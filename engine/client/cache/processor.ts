/**
 * Delivery of an informer's notifications to its event handlers: client-go
 * tools/cache/shared_informer.go (sharedProcessor, processorListener).
 *
 * Guarantees:
 *  - each handler sees the notifications of one informer in the order the cache changed;
 *  - handler calls never overlap for one informer: a handler that returns a promise is awaited
 *    before the next call (upstream gives each listener its own goroutine; here one informer has
 *    one delivery loop, which is simpler and still never runs two handlers at once);
 *  - a handler added late is told about what is already cached (onAdd for each object, as
 *    upstream's AddEventHandler does), and from then on sees only later changes;
 *  - a handler that throws (or rejects) is reported through onError and delivery continues.
 *
 * Handlers should only enqueue keys (see STYLE.md, sample-controller): the real work belongs in a
 * worker that reads the lister.
 */
import type { ApiObject } from '../object-like.ts';

export interface DeleteInfo {
  /**
   * True when the delete was inferred from a relist (the object vanished while the watch was
   * broken), so `obj` is the last state the cache knew, not the final one. Upstream wraps such
   * objects in a DeletedFinalStateUnknown tombstone.
   */
  finalStateUnknown: boolean;
}

export interface ResourceEventHandler<T extends ApiObject> {
  /** A new object; `isInInitialList` is true for objects of the first list (or of a late handler's replay). */
  onAdd?(obj: T, isInInitialList: boolean): void | Promise<void>;
  /** A changed object; on resync and after a relist, `oldObj` may equal `newObj` (same resourceVersion). */
  onUpdate?(oldObj: T, newObj: T): void | Promise<void>;
  onDelete?(obj: T, info: DeleteInfo): void | Promise<void>;
}

export interface ResourceEventHandlerRegistration {
  /** True once this handler has been given every object of the informer's initial list. */
  hasSynced(): boolean;
}

export class Listener<T extends ApiObject> implements ResourceEventHandlerRegistration {
  removed = false;
  private initialDelivered = false;

  constructor(readonly handler: ResourceEventHandler<T>) {}

  hasSynced(): boolean {
    return this.initialDelivered && !this.removed;
  }

  markSynced(): void {
    this.initialDelivered = true;
  }
}

type Notification<T extends ApiObject> =
  | { type: 'add'; obj: T; initial: boolean; to: Listener<T>[] }
  | { type: 'update'; oldObj: T; newObj: T; to: Listener<T>[] }
  | { type: 'delete'; obj: T; info: DeleteInfo; to: Listener<T>[] }
  | { type: 'synced'; to: Listener<T>[] };

export class SharedProcessor<T extends ApiObject> {
  private listeners: Listener<T>[] = [];
  private queue: Notification<T>[] = [];
  private head = 0;
  private delivering = false;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly onError: (err: unknown) => void = () => {}) {}

  addListener(handler: ResourceEventHandler<T>): Listener<T> {
    const l = new Listener(handler);
    this.listeners.push(l);
    return l;
  }

  removeListener(l: Listener<T>): void {
    l.removed = true;
    this.listeners = this.listeners.filter((x) => x !== l);
  }

  /** Recipients are fixed now: a handler added later does not get this notification. */
  add(obj: T, initial: boolean, to: Listener<T>[] = this.listeners): void {
    this.push({ type: 'add', obj, initial, to });
  }

  update(oldObj: T, newObj: T): void {
    this.push({ type: 'update', oldObj, newObj, to: this.listeners });
  }

  delete(obj: T, info: DeleteInfo): void {
    this.push({ type: 'delete', obj, info, to: this.listeners });
  }

  /** Marks `to` as synced once everything queued before this point has reached them. */
  synced(to: Listener<T>[] = this.listeners): void {
    this.push({ type: 'synced', to });
  }

  /** Resolves once every queued notification has been handled. */
  whenIdle(): Promise<void> {
    if (!this.delivering && this.pending() === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  pending(): number {
    return this.queue.length - this.head;
  }

  private push(n: Notification<T>): void {
    if (n.to.length === 0) return;
    this.queue.push(n);
    if (!this.delivering) void this.deliver();
  }

  private async deliver(): Promise<void> {
    this.delivering = true;
    try {
      while (this.head < this.queue.length) {
        const n = this.queue[this.head++] as Notification<T>;
        if (this.head > 1024 && this.head * 2 > this.queue.length) {
          this.queue = this.queue.slice(this.head);
          this.head = 0;
        }
        for (const l of n.to) {
          if (l.removed) continue;
          if (n.type === 'synced') {
            l.markSynced();
            continue;
          }
          try {
            const r = this.call(l.handler, n);
            // Only a handler that returned a promise costs a turn of the event loop.
            if (r && typeof (r as Promise<void>).then === 'function') await r;
          } catch (err) {
            this.onError(err);
          }
        }
      }
    } finally {
      this.delivering = false;
      const ws = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of ws) w();
    }
  }

  private call(h: ResourceEventHandler<T>, n: Exclude<Notification<T>, { type: 'synced' }>): void | Promise<void> {
    switch (n.type) {
      case 'add':
        return h.onAdd?.(n.obj, n.initial);
      case 'update':
        return h.onUpdate?.(n.oldObj, n.newObj);
      case 'delete':
        return h.onDelete?.(n.obj, n.info);
    }
  }
}
