/**
 * The Reflector keeps a local store in step with the apiserver: client-go tools/cache/reflector.go
 * (ListAndWatch).
 *
 *   1. LIST (in pages of 500) → store.replace(items): the store now mirrors the apiserver at the
 *      list's resourceVersion R.
 *   2. WATCH from R → every ADDED / MODIFIED / DELETED event updates the store, and its
 *      resourceVersion becomes the new "last seen" version (BOOKMARKs move it too).
 *   3. When the watch ends:
 *      - with an ERROR 410 Expired/Gone: the history after the last seen version was compacted,
 *        so the changes in between are lost — LIST again (step 1) and let replace() work out the
 *        adds, updates and deletes the gap hid;
 *      - with another ERROR: LIST again after a backoff (upstream returns from ListAndWatch and
 *        BackoffUntil restarts it);
 *      - normally (the server's timeoutSeconds, a restart): WATCH again from the last seen
 *        version; if that watch was very short and brought nothing (< 1 s, no events), wait a
 *        backoff first so a failing server is not hammered.
 *   Failed LISTs are retried with the same backoff (800 ms doubling to 30 s, see backoff.ts).
 *
 * All waiting is on the injected Clock. Each watch asks for a server-side timeout of 5–10 minutes
 * (upstream minWatchTimeout × (1 + rand)); with no Random it is exactly 5 minutes.
 */
import { isResourceExpired, StatusError, type Status } from '../../api/errors.ts';
import type { KubeList } from '../../api/object.ts';
import type { ListOptions, WatchHandle, WatchOptions } from '../../apiserver/types.ts';
import type { Clock, TimerHandle } from '../../util/clock.ts';
import type { Random } from '../../util/random.ts';
import type { ApiObject } from '../object-like.ts';
import type { TypedWatchEvent } from '../resource-client.ts';
import { Backoff } from './backoff.ts';

/** What the reflector reads from: any ResourceInterface of the client fits. */
export interface ListerWatcher<T extends ApiObject> {
  list(options?: ListOptions): Promise<KubeList<T & { [field: string]: unknown }>>;
  watch(options: WatchOptions, onEvent: (event: TypedWatchEvent<T>) => void): WatchHandle;
}

/** What the reflector writes to (the informer's delta handling). */
export interface ReflectorStore<T extends ApiObject> {
  /** The result of a (re)list: the store must end up holding exactly `items`. */
  replace(items: T[], resourceVersion: string): void;
  add(obj: T): void;
  update(obj: T): void;
  delete(obj: T): void;
}

export interface ReflectorOptions {
  clock: Clock;
  random?: Random;
  /** Label / field selectors applied to both list and watch. */
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size of the initial list (upstream pager default 500); 0 = no paging. */
  pageSize?: number;
  /** Server-side watch timeout before jitter (upstream minWatchTimeout, 5 min). */
  minWatchTimeoutMs?: number;
  /** Errors worth knowing about (failed lists, watch errors); never thrown. */
  onError?: (err: unknown) => void;
  /** A name for messages, e.g. 'pods'. */
  name?: string;
}

type WatchOutcome = { kind: 'expired' } | { kind: 'error'; status: Status } | { kind: 'closed'; events: number; durationMs: number };

const SHORT_WATCH_MS = 1000;

export class Reflector<T extends ApiObject> {
  private stopped = true;
  private lastRV = '';
  private synced = false;
  private readonly backoff: Backoff;
  private watchHandle: WatchHandle | undefined;
  private sleepTimer: TimerHandle | undefined;
  private wakeSleeper: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private relists = 0;

  constructor(
    private readonly lw: ListerWatcher<T>,
    private readonly store: ReflectorStore<T>,
    private readonly options: ReflectorOptions,
  ) {
    this.backoff = new Backoff(options.clock, { random: options.random });
  }

  /** Starts list+watch in the background. Calling it again while running does nothing. */
  run(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.listAndWatchLoop();
  }

  /** Stops the watch and any pending retry; resolves once the loop has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.watchHandle?.stop();
    if (this.sleepTimer !== undefined) this.options.clock.clearTimeout(this.sleepTimer);
    this.wakeSleeper?.();
    await this.loop;
  }

  /** The resourceVersion of the last list, watch event or bookmark applied to the store. */
  lastSyncResourceVersion(): string {
    return this.lastRV;
  }

  /** True once the first list has been applied to the store. */
  hasSynced(): boolean {
    return this.synced;
  }

  /** How many lists ran after the first (410s, watch errors, failed lists). */
  relistCount(): number {
    return this.relists;
  }

  private async listAndWatchLoop(): Promise<void> {
    let first = true;
    while (!this.stopped) {
      if (!first) this.relists++;
      first = false;
      try {
        await this.list();
      } catch (err) {
        this.report(err);
        await this.sleep(this.backoff.next());
        continue;
      }
      if (this.stopped) return;
      const relistAfter = await this.watchUntilRelist();
      if (this.stopped) return;
      await this.sleep(relistAfter);
    }
  }

  /** LIST in pages, all read at the revision of the first page; then replace the store. */
  private async list(): Promise<void> {
    const items: T[] = [];
    const pageSize = this.options.pageSize ?? 500;
    let cont: string | undefined;
    let rv = '';
    do {
      const page = await this.lw.list({
        labelSelector: this.options.labelSelector,
        fieldSelector: this.options.fieldSelector,
        ...(pageSize > 0 ? { limit: pageSize } : {}),
        ...(cont ? { continue: cont } : {}),
      });
      if (this.stopped) return;
      for (const item of page.items) items.push(item as T);
      rv = page.metadata.resourceVersion ?? rv;
      cont = page.metadata.continue || undefined;
    } while (cont);
    this.store.replace(items, rv);
    this.lastRV = rv;
    this.synced = true;
  }

  /**
   * Watches (and re-watches) until a relist is needed. Returns how long to wait before that relist.
   */
  private async watchUntilRelist(): Promise<number> {
    while (!this.stopped) {
      const outcome = await this.watchOnce();
      if (this.stopped) return 0;
      switch (outcome.kind) {
        case 'expired':
          // The versions after lastRV are gone: only a fresh LIST can tell what changed.
          this.lastRV = '';
          return this.backoff.next();
        case 'error':
          this.report(new StatusError(outcome.status));
          return this.backoff.next();
        case 'closed':
          if (outcome.events === 0 && outcome.durationMs < SHORT_WATCH_MS) await this.sleep(this.backoff.next());
          break;
      }
    }
    return 0;
  }

  private watchOnce(): Promise<WatchOutcome> {
    const clock = this.options.clock;
    const started = clock.now();
    const minTimeout = this.options.minWatchTimeoutMs ?? 5 * 60_000;
    const jitter = this.options.random ? this.options.random.float() : 0;
    let events = 0;
    let result: WatchOutcome | undefined;
    return new Promise<WatchOutcome>((resolve) => {
      let handle: WatchHandle;
      const onEvent = (event: TypedWatchEvent<T>) => {
        if (result || this.stopped) return;
        if (event.type === 'ERROR') {
          const status = event.object as Status;
          result = isResourceExpired(new StatusError(status)) ? { kind: 'expired' } : { kind: 'error', status };
          handle?.stop();
          return;
        }
        const obj = event.object as T;
        const rv = obj.metadata?.resourceVersion;
        events++;
        switch (event.type) {
          case 'ADDED':
            this.store.add(obj);
            break;
          case 'MODIFIED':
            this.store.update(obj);
            break;
          case 'DELETED':
            this.store.delete(obj);
            break;
          case 'BOOKMARK':
            break;
        }
        if (rv) this.lastRV = rv;
      };
      try {
        handle = this.lw.watch(
          {
            resourceVersion: this.lastRV,
            allowWatchBookmarks: true,
            timeoutSeconds: Math.round((minTimeout * (1 + jitter)) / 1000),
            labelSelector: this.options.labelSelector,
            fieldSelector: this.options.fieldSelector,
          },
          onEvent,
        );
      } catch (err) {
        // A watch that cannot even start: treat like a failed watch and retry after a backoff.
        this.report(err);
        resolve({ kind: 'closed', events: 0, durationMs: 0 });
        return;
      }
      this.watchHandle = handle;
      // An ERROR delivered synchronously from inside watch() could not stop the handle yet.
      if (result) handle.stop();
      void handle.done.then(() => {
        if (this.watchHandle === handle) this.watchHandle = undefined;
        resolve(result ?? { kind: 'closed', events, durationMs: clock.now() - started });
      });
      if (this.stopped) handle.stop();
    });
  }

  /** Waits `ms` on the clock; stop() cuts the wait short. */
  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        this.sleepTimer = undefined;
        this.wakeSleeper = undefined;
        resolve();
      };
      this.wakeSleeper = wake;
      this.sleepTimer = this.options.clock.setTimeout(wake, ms);
    });
  }

  private report(err: unknown): void {
    this.options.onError?.(err);
  }
}
