/**
 * Watchers and the groups that find them (etcd server/storage/mvcc/watcher.go and
 * watcher_group.go).
 *
 * A group answers "which watchers want an event on key K?" without asking every watcher:
 * single-key watchers sit in a map by key, range watchers are grouped by their exact
 * [key, rangeEnd) so that many watchers on one prefix (every informer of one resource) cost a
 * single range test per event. etcd uses an interval tree for the ranges; distinct ranges are
 * few here (one per resource type), so a list of distinct ranges is enough.
 */
import type { WatchEvent, WatchOptions, WatchResponse } from './kv.ts';
import { inRange } from './txn-compare.ts';

export interface Watcher {
  readonly id: number;
  readonly key: string;
  /** undefined: the single key. */
  readonly rangeEnd: string | undefined;
  /** The next revision this watcher still has to receive. */
  minRev: number;
  readonly prevKv: boolean;
  readonly noPut: boolean;
  readonly noDelete: boolean;
  readonly progressNotify: boolean;
  readonly onResponse: (response: WatchResponse) => void;
  /** Events waiting for the next delivery; always whole revisions. */
  pending: WatchEvent[];
  /** A delivery is already queued. */
  scheduled: boolean;
  canceled: boolean;
}

export function newWatcher(id: number, key: string, options: WatchOptions, minRev: number, onResponse: (r: WatchResponse) => void): Watcher {
  return {
    id,
    key,
    rangeEnd: options.rangeEnd || undefined,
    minRev,
    prevKv: options.prevKv === true,
    noPut: options.filters?.includes('NOPUT') ?? false,
    noDelete: options.filters?.includes('NODELETE') ?? false,
    progressNotify: options.progressNotify === true,
    onResponse,
    pending: [],
    scheduled: false,
    canceled: false,
  };
}

/** Whether the watcher wants events of this type (its filters). */
export function wantsType(w: Watcher, type: 'PUT' | 'DELETE'): boolean {
  return type === 'PUT' ? !w.noPut : !w.noDelete;
}

interface RangeGroup {
  readonly key: string;
  readonly rangeEnd: string;
  readonly watchers: Set<Watcher>;
}

export class WatcherGroup {
  private readonly singles = new Map<string, Set<Watcher>>();
  private readonly ranges = new Map<string, RangeGroup>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(w: Watcher): void {
    if (w.rangeEnd === undefined) {
      let set = this.singles.get(w.key);
      if (!set) this.singles.set(w.key, (set = new Set()));
      if (!set.has(w)) this.count++;
      set.add(w);
      return;
    }
    const id = rangeId(w.key, w.rangeEnd);
    let group = this.ranges.get(id);
    if (!group) this.ranges.set(id, (group = { key: w.key, rangeEnd: w.rangeEnd, watchers: new Set() }));
    if (!group.watchers.has(w)) this.count++;
    group.watchers.add(w);
  }

  delete(w: Watcher): boolean {
    if (w.rangeEnd === undefined) {
      const set = this.singles.get(w.key);
      if (!set?.delete(w)) return false;
      if (set.size === 0) this.singles.delete(w.key);
    } else {
      const id = rangeId(w.key, w.rangeEnd);
      const group = this.ranges.get(id);
      if (!group?.watchers.delete(w)) return false;
      if (group.watchers.size === 0) this.ranges.delete(id);
    }
    this.count--;
    return true;
  }

  /** Calls `fn` for every watcher whose key or range contains `key`. */
  forEachMatching(key: string, fn: (w: Watcher) => void): void {
    const set = this.singles.get(key);
    if (set) for (const w of set) fn(w);
    for (const group of this.ranges.values()) {
      if (inRange(key, group.key, group.rangeEnd)) for (const w of group.watchers) fn(w);
    }
  }

  forEach(fn: (w: Watcher) => void): void {
    for (const set of this.singles.values()) for (const w of set) fn(w);
    for (const group of this.ranges.values()) for (const w of group.watchers) fn(w);
  }
}

function rangeId(key: string, rangeEnd: string): string {
  return `${key.length}:${key}${rangeEnd}`;
}
