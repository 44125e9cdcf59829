/**
 * Watch (etcd server/storage/mvcc/watchable_store.go).
 *
 * A watcher is either
 *  - *synced*: it has received everything up to the current revision, so each new revision is
 *    pushed to it as it commits (found through the synced WatcherGroup, never by scanning); or
 *  - *unsynced*: it started at an older revision and must first catch up by replaying history.
 *    Catching up happens in a microtask after watch() returns: it reads the stored versions from
 *    its start revision to the current one, delivers them, and joins the synced group. JavaScript
 *    runs one thing at a time, so no commit can slip in between the replay and the join.
 *
 * Guarantees (etcd api/mvccpb + learning/api.md "Watch"): events arrive in revision order with
 * no gaps from the start revision (inclusive); all events of one revision arrive in the same
 * response; prevKv only when asked; a start revision below the compact revision ends the watch
 * with one response carrying `canceled` and `compactRevision`. Delivery is always asynchronous
 * (a microtask), never from inside the put/txn that caused it.
 */
import type { Clock, TimerHandle } from '../util/clock.ts';
import type { Watch, WatchEvent, WatchOptions, WatchResponse } from './kv.ts';
import { StoreError } from './errors.ts';
import { toKeyValue, type KvStore, type StoredVersion } from './kv-store.ts';
import { inRange } from './txn-compare.ts';
import { newWatcher, wantsType, WatcherGroup, type Watcher } from './watcher-group.ts';

/** etcd's default progress-notify interval (--experimental-watch-progress-notify-interval). */
export const DEFAULT_PROGRESS_NOTIFY_INTERVAL_MS = 10 * 60 * 1000;

/** Replay at most this many events per response while catching up (never splitting a revision). */
const REPLAY_BATCH_EVENTS = 1000;

export class WatchableStore {
  private readonly synced = new WatcherGroup();
  private readonly unsynced = new Set<Watcher>();
  private nextId = 1;
  private progressWatchers = 0;
  private progressTimer: TimerHandle | undefined;
  private closed = false;

  constructor(
    private readonly kv: KvStore,
    private readonly clock: Clock,
    private readonly progressIntervalMs = DEFAULT_PROGRESS_NOTIFY_INTERVAL_MS,
  ) {}

  /** Number of active watchers (synced + catching up). */
  get size(): number {
    return this.synced.size + this.unsynced.size;
  }

  watch(key: string, options: WatchOptions, onResponse: (response: WatchResponse) => void): Watch {
    const current = this.kv.currentRevision;
    const start = options.startRevision && options.startRevision > 0 ? options.startRevision : current + 1;
    const w = newWatcher(this.nextId++, key, options, start, onResponse);
    if (this.closed) {
      queueMicrotask(() => onResponse(this.cancelResponse(new StoreError('Closed').message)));
      return { cancel() {} };
    }
    if (start > current) {
      // Nothing to replay: from now on every commit is pushed (a future start just skips
      // revisions below it, as etcd does).
      this.synced.add(w);
    } else {
      this.unsynced.add(w);
      queueMicrotask(() => this.catchUp(w));
    }
    if (w.progressNotify) this.addProgressWatcher();
    return { cancel: () => this.cancel(w) };
  }

  /** Pushes the changes of a newly committed revision to the synced watchers that want them. */
  notify(revision: number, changes: readonly StoredVersion[]): void {
    if (this.synced.size === 0) return;
    for (const v of changes) {
      const type = v.deleted ? 'DELETE' : 'PUT';
      this.synced.forEachMatching(v.key, (w) => {
        // minRev > revision: a watch that asked to start in the future (etcd skips those too).
        if (w.minRev > revision || !wantsType(w, type)) return;
        w.pending.push(eventOf(v, w.prevKv));
        if (!w.scheduled) {
          w.scheduled = true;
          queueMicrotask(() => this.deliver(w));
        }
      });
    }
  }

  /** Stops every watch without a response (store closing). */
  close(): void {
    this.closed = true;
    this.synced.forEach((w) => (w.canceled = true));
    for (const w of this.unsynced) w.canceled = true;
    this.unsynced.clear();
    this.clock.clearInterval(this.progressTimer);
    this.progressTimer = undefined;
  }

  private cancel(w: Watcher): void {
    if (w.canceled) return;
    w.canceled = true;
    w.pending = [];
    this.synced.delete(w);
    this.unsynced.delete(w);
    if (w.progressNotify) this.removeProgressWatcher();
  }

  private deliver(w: Watcher): void {
    w.scheduled = false;
    if (w.canceled || w.pending.length === 0) return;
    const events = w.pending;
    w.pending = [];
    w.onResponse({ header: { revision: this.kv.currentRevision }, events });
  }

  /** Replays history from w.minRev to the current revision, then joins the synced group. */
  private catchUp(w: Watcher): void {
    if (w.canceled || this.closed) return;
    this.unsynced.delete(w);
    if (w.minRev < this.kv.compactRevision) {
      // etcd watchable_store.go syncWatchers: a watcher behind the compaction point can never be
      // served; it is canceled with the compact revision so that the client can relist.
      w.canceled = true;
      if (w.progressNotify) this.removeProgressWatcher();
      w.onResponse({
        ...this.cancelResponse(new StoreError('Compacted').message),
        compactRevision: this.kv.compactRevision,
      });
      return;
    }
    const current = this.kv.currentRevision;
    let batch: WatchEvent[] = [];
    for (let rev = w.minRev; rev <= current; rev++) {
      const changes = this.kv.versions.get(rev);
      if (changes) {
        for (const v of changes) {
          if (!v || !inRange(v.key, w.key, w.rangeEnd)) continue;
          if (!wantsType(w, v.deleted ? 'DELETE' : 'PUT')) continue;
          batch.push(eventOf(v, w.prevKv));
        }
      }
      if (batch.length >= REPLAY_BATCH_EVENTS) {
        w.onResponse({ header: { revision: current }, events: batch });
        batch = [];
        if (w.canceled) return;
      }
    }
    w.minRev = current + 1;
    this.synced.add(w);
    if (batch.length > 0) w.onResponse({ header: { revision: current }, events: batch });
  }

  private cancelResponse(reason: string): WatchResponse {
    return { header: { revision: this.kv.currentRevision }, events: [], canceled: true, cancelReason: reason };
  }

  private addProgressWatcher(): void {
    this.progressWatchers++;
    if (this.progressTimer === undefined) {
      this.progressTimer = this.clock.setInterval(() => this.progress(), this.progressIntervalMs);
    }
  }

  private removeProgressWatcher(): void {
    this.progressWatchers--;
    if (this.progressWatchers <= 0) {
      this.progressWatchers = 0;
      this.clock.clearInterval(this.progressTimer);
      this.progressTimer = undefined;
    }
  }

  /**
   * A progress notification: an empty response whose header revision promises that every event
   * up to it has been delivered. Only true for synced watchers with nothing pending.
   */
  private progress(): void {
    const revision = this.kv.currentRevision;
    this.synced.forEach((w) => {
      if (!w.progressNotify || w.canceled || w.pending.length > 0 || w.scheduled) return;
      w.onResponse({ header: { revision }, events: [] });
    });
  }
}

/** The (frozen, shared) event a stored version produces. */
function eventOf(v: StoredVersion, withPrev: boolean): WatchEvent {
  if (!v.event) {
    v.event = Object.freeze({ type: v.deleted ? 'DELETE' : 'PUT', kv: Object.freeze(toKeyValue(v)) });
  }
  if (!withPrev || !v.prev) return v.event;
  if (!v.eventWithPrev) v.eventWithPrev = Object.freeze({ ...v.event, prevKv: v.prev });
  return v.eventWithPrev;
}
