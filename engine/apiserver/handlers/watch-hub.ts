/**
 * The watch hub: one store watch per resource, shared by every API watch of that resource
 * (upstream: k8s.io/apiserver pkg/storage/cacher — Cacher, watchCache and its cyclic buffer of
 * recent events, and the `IndexerFuncs`/triggerFunc that hand an event only to the watchers whose
 * trigger value — for pods, spec.nodeName — it concerns).
 *
 * Contracts:
 * - The hub watches the resource's whole prefix from `start + 1` on and has therefore seen every
 *   event with a revision in (start, position]. It keeps the last `capacity` raw KV events; every
 *   event with a revision > `servableFrom` is still in the buffer (servableFrom is `start`, then the
 *   revision of the last evicted event — a revision whose events were partly evicted is no longer
 *   servable as a whole, so revisions are never split).
 * - register(w, R) succeeds only when R >= servableFrom: the buffered events after R are replayed
 *   at once (synchronously, so nothing can slip in between), then w receives live events. A
 *   watcher whose R is ahead of the hub (R > position) simply skips live events up to R. When it
 *   fails, the caller keeps its own store watch (the pre-hub path, which also reports 410s).
 * - An event is offered to the unindexed watchers plus the watchers indexed under the trigger
 *   value of the new AND the previous object, so selector transitions still reach the watcher.
 *   A DELETE without a previous value (nothing to compute a trigger from) goes to every watcher.
 *   Each watcher only gets keys under its own prefix (its namespace).
 * - When the store watch ends (store closed, or compaction raced the hub's start), every watcher
 *   is handed back (`hubEnded`) to resume on its own from its last revision.
 */
import type { KubeObject } from '../../api/object.ts';
import { prefixEnd, type KV, type Watch, type WatchEvent as KvWatchEvent, type WatchResponse } from '../../store/kv.ts';
import { decodeShared } from '../registry/codec.ts';
import { selectableField } from './predicate.ts';

/** What a hub needs from a watcher (ApiWatch implements it). */
export interface HubWatcher {
  /** Key prefix the watcher may see (the resource's, or one namespace's). */
  readonly keyPrefix: string;
  /** Trigger value it is indexed under (e.g. the node of `spec.nodeName=X`), or undefined. */
  readonly triggerValue: string | undefined;
  /** One store event under keyPrefix, in revision order. */
  deliver(ev: KvWatchEvent): void;
  /** The hub's store watch ended: continue alone after the last delivered revision. */
  hubEnded(): void;
}

/** Default number of recent events a hub keeps (upstream's watch cache holds a comparable window). */
export const DEFAULT_HUB_CAPACITY = 10_000;

interface Registration {
  readonly w: HubWatcher;
  /** Live events at or below this revision were replayed already (or precede the watch). */
  after: number;
}

export class WatchHub {
  /** Resolves once the store watch is open (start and position known). */
  readonly ready: Promise<void>;
  private kvWatch: Watch | undefined;
  private ended = false;
  private start = 0;
  private position = 0;
  private servableFrom = 0;
  private lastEvent = 0;
  /** Last event revision under each namespace prefix (bookmarks report it, as before the hub). */
  private readonly lastByPrefix = new Map<string, number>();
  private readonly ring: KvWatchEvent[] = [];
  private head = 0;
  private size = 0;
  private readonly unindexed = new Map<HubWatcher, Registration>();
  private readonly indexed = new Map<string, Map<HubWatcher, Registration>>();

  constructor(
    private readonly kv: KV,
    readonly prefix: string,
    /** Selectable field used as the trigger (pods: 'spec.nodeName'), or undefined. */
    readonly triggerField: string | undefined,
    seed: number,
    private readonly onEnd: (hub: WatchHub) => void,
    private readonly capacity = DEFAULT_HUB_CAPACITY,
  ) {
    this.ready = this.open(seed).catch(() => {
      // The store is gone (closed): no hub; callers fall back to their own watch.
      this.ended = true;
      this.onEnd(this);
    });
  }

  /** Starts right after `seed`, or after the current revision when that is older. */
  private async open(seed: number): Promise<void> {
    const r = await this.kv.range(this.prefix);
    if (this.ended) return;
    this.start = this.position = this.servableFrom = this.lastEvent = Math.min(seed, r.header.revision);
    this.kvWatch = this.kv.watch(this.prefix, { rangeEnd: prefixEnd(this.prefix), startRevision: this.start + 1, prevKv: true }, (resp) => this.onResponse(resp));
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** Last event revision the hub saw under `keyPrefix` (0 when none since the hub started). */
  lastRevisionUnder(keyPrefix: string): number {
    return keyPrefix === this.prefix ? this.lastEvent : (this.lastByPrefix.get(keyPrefix) ?? 0);
  }

  /** See the file comment. False: the hub cannot serve everything after `after`. */
  register(w: HubWatcher, after: number): boolean {
    if (this.ended || this.kvWatch === undefined || after < this.servableFrom) return false;
    const reg: Registration = { w, after: Math.max(after, this.position) };
    for (let i = this.firstAfter(after); i < this.size; i++) {
      const ev = this.at(i);
      if (ev.kv.key.startsWith(w.keyPrefix)) w.deliver(ev);
    }
    const t = w.triggerValue;
    if (t === undefined || this.triggerField === undefined) this.unindexed.set(w, reg);
    else {
      let group = this.indexed.get(t);
      if (!group) this.indexed.set(t, (group = new Map()));
      group.set(w, reg);
    }
    return true;
  }

  unregister(w: HubWatcher): void {
    if (this.unindexed.delete(w)) return;
    const t = w.triggerValue;
    if (t === undefined) return;
    const group = this.indexed.get(t);
    if (group?.delete(w) && group.size === 0) this.indexed.delete(t);
  }

  /** Number of registered watchers (for tests and diagnostics). */
  get watcherCount(): number {
    let n = this.unindexed.size;
    for (const g of this.indexed.values()) n += g.size;
    return n;
  }

  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.kvWatch?.cancel();
    this.onEnd(this);
  }

  private at(i: number): KvWatchEvent {
    return this.ring[(this.head + i) % this.capacity] as KvWatchEvent;
  }

  /** Index of the first buffered event with a revision > rev. */
  private firstAfter(rev: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid).kv.modRevision > rev) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private push(ev: KvWatchEvent): void {
    if (this.size < this.capacity) {
      this.ring[(this.head + this.size) % this.capacity] = ev;
      this.size++;
      return;
    }
    this.servableFrom = (this.ring[this.head] as KvWatchEvent).kv.modRevision;
    this.ring[this.head] = ev;
    this.head = (this.head + 1) % this.capacity;
  }

  private onResponse(resp: WatchResponse): void {
    if (this.ended) return;
    for (const ev of resp.events) {
      const rev = ev.kv.modRevision;
      this.push(ev);
      this.position = rev;
      this.lastEvent = rev;
      const key = ev.kv.key;
      this.lastByPrefix.set(key.slice(0, key.lastIndexOf('/') + 1), rev);
      this.offer(ev, rev);
    }
    if (resp.canceled) {
      this.ended = true;
      this.onEnd(this);
      const all = [...this.unindexed.keys()];
      for (const g of this.indexed.values()) all.push(...g.keys());
      this.unindexed.clear();
      this.indexed.clear();
      for (const w of all) w.hubEnded();
    }
  }

  private offer(ev: KvWatchEvent, rev: number): void {
    // Iterating a Map while a callback deletes entries is safe; watchers added meanwhile have
    // `after` >= rev and skip this event.
    for (const reg of this.unindexed.values()) this.offerTo(reg, ev, rev);
    if (this.indexed.size === 0 || this.triggerField === undefined) return;
    if (ev.type === 'DELETE' && !ev.prevKv) {
      for (const g of this.indexed.values()) for (const reg of g.values()) this.offerTo(reg, ev, rev);
      return;
    }
    const field = this.triggerField;
    const cur = ev.type === 'PUT' ? this.trigger(decodeShared(ev.kv), field) : undefined;
    const prev = ev.prevKv ? this.trigger(decodeShared(ev.prevKv, rev), field) : undefined;
    if (cur !== undefined) this.offerGroup(cur, ev, rev);
    if (prev !== undefined && prev !== cur) this.offerGroup(prev, ev, rev);
  }

  private trigger(obj: KubeObject, field: string): string {
    return selectableField(obj, field) ?? '';
  }

  private offerGroup(value: string, ev: KvWatchEvent, rev: number): void {
    const g = this.indexed.get(value);
    if (g) for (const reg of g.values()) this.offerTo(reg, ev, rev);
  }

  private offerTo(reg: Registration, ev: KvWatchEvent, rev: number): void {
    if (rev > reg.after && ev.kv.key.startsWith(reg.w.keyPrefix)) reg.w.deliver(ev);
  }
}

/**
 * The hubs of one apiserver, one per resource prefix, created on first use and closed with the
 * server.
 */
export class WatchHubs {
  private readonly hubs = new Map<string, WatchHub>();
  private closed = false;

  constructor(
    private readonly kv: KV,
    private readonly capacity = DEFAULT_HUB_CAPACITY,
  ) {}

  /**
   * The hub for `prefix`, opened (started no later than `seed`) and still running; undefined
   * once the hubs are closed or when the hub ended meanwhile.
   */
  async hubFor(prefix: string, triggerField: string | undefined, seed: number): Promise<WatchHub | undefined> {
    if (this.closed) return undefined;
    let hub = this.hubs.get(prefix);
    if (!hub) {
      hub = new WatchHub(this.kv, prefix, triggerField, seed, (h) => {
        if (this.hubs.get(h.prefix) === h) this.hubs.delete(h.prefix);
      }, this.capacity);
      this.hubs.set(prefix, hub);
    }
    await hub.ready;
    return hub.isEnded ? undefined : hub;
  }

  /** The running hub for `prefix`, if any (for tests and diagnostics). */
  peek(prefix: string): WatchHub | undefined {
    return this.hubs.get(prefix);
  }

  close(): void {
    this.closed = true;
    for (const h of [...this.hubs.values()]) h.close();
    this.hubs.clear();
  }
}
