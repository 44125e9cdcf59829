/**
 * SharedIndexInformer: one list+watch per resource, shared by every controller that needs it —
 * client-go tools/cache/shared_informer.go.
 *
 *   reflector (list + watch) ──► this store ──► indexer (frozen objects, lister reads here)
 *                                          └──► processor ──► handlers (onAdd/onUpdate/onDelete)
 *
 * The cache is updated first, then handlers are notified, so a handler (or the worker it wakes)
 * that reads the lister sees at least the state the notification describes.
 *
 * What handlers see, as upstream (processDeltas):
 *  - watch ADDED / MODIFIED / DELETED → onAdd / onUpdate(old, new) / onDelete(final state);
 *    an ADDED for a key already cached is an onUpdate.
 *  - a (re)list → for each listed object: onUpdate(cached, listed) if the key was cached, else
 *    onAdd; for each cached key missing from the list: onDelete(last known, finalStateUnknown).
 *    Upstream also calls onUpdate for listed objects that did not change (same resourceVersion):
 *    handlers that care compare resourceVersions.
 *  - every resyncPeriod (when set): onUpdate(obj, obj) for every cached object, so controllers
 *    re-reconcile periodically even without changes.
 */
import type { ResourceInfo } from '../../api/resources.ts';
import type { Clock, TimerHandle } from '../../util/clock.ts';
import type { Random } from '../../util/random.ts';
import type { ApiObject } from '../object-like.ts';
import { frozenCopy } from './deep-freeze.ts';
import { Indexer } from './indexer.ts';
import { defaultIndexersFor, type Indexers } from './index-funcs.ts';
import { newLister, type Lister } from './lister.ts';
import { SharedProcessor, type Listener, type ResourceEventHandler, type ResourceEventHandlerRegistration } from './processor.ts';
import { Reflector, type ListerWatcher, type ReflectorStore } from './reflector.ts';

export interface SharedIndexInformerOptions {
  clock: Clock;
  random?: Random;
  /** Re-deliver every cached object as onUpdate(obj, obj) this often; 0 or absent: never. */
  resyncPeriodMs?: number;
  labelSelector?: string;
  fieldSelector?: string;
  /** Extra index functions besides the defaults (namespace; byNode for pods). */
  indexers?: Indexers;
  /** Handler failures and list/watch errors; never thrown. */
  onError?: (err: unknown) => void;
}

export class SharedIndexInformer<T extends ApiObject = ApiObject> implements ReflectorStore<T> {
  private readonly indexer: Indexer<T>;
  private readonly processor: SharedProcessor<T>;
  private readonly reflector: Reflector<T>;
  private readonly listerView: Lister<T>;
  private started = false;
  private stopped = false;
  private synced = false;
  private syncWaiters: Array<(ok: boolean) => void> = [];
  private resyncTimer: TimerHandle | undefined;

  constructor(
    lw: ListerWatcher<T>,
    readonly info: Pick<ResourceInfo, 'kind' | 'plural'>,
    private readonly options: SharedIndexInformerOptions,
  ) {
    this.indexer = new Indexer<T>({ ...defaultIndexersFor(info.kind), ...options.indexers } as Indexers<T>);
    this.processor = new SharedProcessor<T>(options.onError);
    this.reflector = new Reflector<T>(lw, this, {
      clock: options.clock,
      random: options.random,
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
      onError: options.onError,
      name: info.plural,
    });
    this.listerView = newLister(this.indexer);
  }

  /** Registers handlers; objects already cached are replayed to them as onAdd. */
  addEventHandler(handler: ResourceEventHandler<T>): ResourceEventHandlerRegistration {
    const l = this.processor.addListener(handler);
    if (this.synced) {
      for (const obj of this.indexer.list()) this.processor.add(obj, true, [l]);
      this.processor.synced([l]);
    }
    return l;
  }

  removeEventHandler(registration: ResourceEventHandlerRegistration): void {
    this.processor.removeListener(registration as Listener<T>);
  }

  /** The read-only view of the cache. */
  lister(): Lister<T> {
    return this.listerView;
  }

  /** Adds index functions (e.g. pods by owner); objects already cached are indexed too. */
  addIndexers(indexers: Indexers<T>): void {
    this.indexer.addIndexers(indexers);
  }

  /** True once the first list is in the cache. */
  hasSynced(): boolean {
    return this.synced;
  }

  lastSyncResourceVersion(): string {
    return this.reflector.lastSyncResourceVersion();
  }

  /** Number of relists after the first list (after a 410, a watch error or a failed list). */
  relistCount(): number {
    return this.reflector.relistCount();
  }

  isStarted(): boolean {
    return this.started;
  }

  isStopped(): boolean {
    return this.stopped;
  }

  /** Starts list+watch (and resync). An informer runs once: after stop() it cannot restart. */
  run(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.reflector.run();
    const period = this.options.resyncPeriodMs ?? 0;
    if (period > 0) this.resyncTimer = this.options.clock.setInterval(() => this.resync(), period);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.resyncTimer !== undefined) this.options.clock.clearInterval(this.resyncTimer);
    await this.reflector.stop();
    this.releaseSyncWaiters(false);
  }

  /** Resolves true once synced, false if the informer is stopped first. */
  waitForSync(): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  /** Resolves once every notification so far has been handled (useful in tests and tools). */
  whenIdle(): Promise<void> {
    return this.processor.whenIdle();
  }

  // ReflectorStore: called by the reflector, in order.

  replace(items: T[], _resourceVersion: string): void {
    const initial = !this.synced;
    const listed = new Set<string>();
    for (const item of items) {
      const key = this.indexer.keyFunc(item);
      listed.add(key);
      const old = this.indexer.getByKey(key);
      const obj = this.indexer.add(item);
      if (old) this.processor.update(old, obj);
      else this.processor.add(obj, initial);
    }
    for (const key of this.indexer.listKeys()) {
      if (listed.has(key)) continue;
      const old = this.indexer.deleteByKey(key) as T;
      this.processor.delete(old, { finalStateUnknown: true });
    }
    if (initial) {
      this.synced = true;
      this.processor.synced();
      this.releaseSyncWaiters(true);
    }
  }

  add(item: T): void {
    const old = this.indexer.get(item);
    const obj = this.indexer.add(item);
    if (old) this.processor.update(old, obj);
    else this.processor.add(obj, false);
  }

  update(item: T): void {
    this.add(item);
  }

  delete(item: T): void {
    this.indexer.delete(item);
    this.processor.delete(this.frozenFinal(item), { finalStateUnknown: false });
  }

  /** The DELETED event carries the final state; handlers get a frozen copy like every other object. */
  private frozenFinal(item: T): T {
    return frozenCopy(item);
  }

  private resync(): void {
    if (!this.synced || this.stopped) return;
    for (const obj of this.indexer.list()) this.processor.update(obj, obj);
  }

  private releaseSyncWaiters(ok: boolean): void {
    const ws = this.syncWaiters;
    this.syncWaiters = [];
    for (const w of ws) w(ok);
  }
}
