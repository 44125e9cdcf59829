/**
 * WATCH (upstream: the etcd3 watcher plus the cacher's event filtering, cacher/cache_watcher.go).
 *
 * - No resourceVersion, or '0': first a synthetic ADDED for every current object (in key order),
 *   then every change after that state.
 * - resourceVersion N: every change after N (exclusive) — a client resumes exactly where its list
 *   or its last event left off. N compacted away → one ERROR event carrying a 410 Expired Status
 *   (`too old resource version: N (oldest)`), then the watch ends: the client must list again.
 * - ADDED when a key is created, MODIFIED when it changes, DELETED with the object's last state
 *   stamped with the deletion's revision.
 * - With selectors, an object that starts matching is ADDED and one that stops matching is
 *   DELETED (its previous state, at the new revision), as the watch cache does.
 * - timeoutSeconds ends the watch on the cluster clock; allowWatchBookmarks sends a BOOKMARK with
 *   the latest delivered revision every minute, so a client can resume from there.
 * - Events come from the resource's shared WatchHub (watch-hub.ts, the cacher's role) when it can
 *   serve everything after the start revision; otherwise from a store watch of this watch's own
 *   (which is also where a compacted start gets its 410). Both give the same events.
 */
import { isStoreError } from '../../store/errors.ts';
import { isStatusError, newInternalError, newResourceExpired, type Status, type StatusError } from '../../api/errors.ts';
import type { KubeObject } from '../../api/object.ts';
import { apiVersionOf } from '../../api/resources.ts';
import { prefixEnd, type Watch, type WatchEvent as KvWatchEvent } from '../../store/kv.ts';
import type { TimerHandle } from '../../util/clock.ts';
import type { WatchEvent, WatchHandle, WatchOptions } from '../types.ts';
import { decodeKv, decodeShared } from '../registry/codec.ts';
import { collectionPrefix } from '../registry/keys.ts';
import { parseResourceVersion } from '../registry/resource-version.ts';
import type { Request, ServerContext } from './context.ts';
import { predicateFor, type Predicate } from './predicate.ts';
import type { HubWatcher, WatchHub } from './watch-hub.ts';

export const BOOKMARK_INTERVAL_MS = 60_000;

export class ApiWatch implements WatchHandle, HubWatcher {
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  private stopped = false;
  private kvWatch: Watch | undefined;
  private timers: TimerHandle[] = [];
  private intervals: TimerHandle[] = [];
  /** Revision of the last state delivered (the point a client could resume from). */
  private lastRevision = 0;
  private hub: WatchHub | undefined;
  private pred: Predicate | undefined;
  /** HubWatcher: the keys this watch may see (its namespace's, or the resource's); set in run(). */
  keyPrefix = '';
  /** HubWatcher: for pods, the node an equality `spec.nodeName=X` selector pins; set in run(). */
  triggerValue: string | undefined;

  constructor(
    private readonly ctx: ServerContext,
    private readonly req: Request,
    private readonly options: WatchOptions,
    private readonly onEvent: (event: WatchEvent) => void,
    private readonly onEnd: (w: ApiWatch) => void,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.kvWatch?.cancel();
    this.hub?.unregister(this);
    this.hub = undefined;
    for (const t of this.timers) this.ctx.clock.clearTimeout(t);
    for (const t of this.intervals) this.ctx.clock.clearInterval(t);
    this.onEnd(this);
    this.resolveDone();
  }

  private emit(event: WatchEvent): void {
    if (this.stopped) return;
    this.onEvent(event);
  }

  private fail(err: StatusError): void {
    this.emit({ type: 'ERROR', object: err.status as Status });
    this.stop();
  }

  async start(): Promise<void> {
    try {
      await this.run();
    } catch (err) {
      this.fail(isStatusError(err) ? err : newInternalError(err instanceof Error ? err.message : String(err)));
    }
  }

  private async run(): Promise<void> {
    const { ctx, req, options } = this;
    const pred = predicateFor(req, options);
    const rv = parseResourceVersion(options.resourceVersion);
    if (typeof rv !== 'number') throw rv;
    if (options.timeoutSeconds !== undefined && options.timeoutSeconds > 0) {
      this.timers.push(ctx.clock.setTimeout(() => this.stop(), options.timeoutSeconds * 1000));
    }
    const prefix = collectionPrefix(req.info, req.namespace);

    let from = rv;
    if (rv === 0) {
      const r = await ctx.kv.range(prefix, { rangeEnd: prefixEnd(prefix) });
      for (const kv of r.kvs) {
        const obj = decodeKv(kv);
        if (pred.matches(obj)) this.emit({ type: 'ADDED', object: obj });
      }
      from = r.header.revision;
    }
    if (this.stopped) return;
    this.lastRevision = from;
    this.pred = pred;
    this.keyPrefix = prefix;

    const hubs = ctx.watchHubs;
    const triggerField = req.info.kind === 'Pod' ? 'spec.nodeName' : undefined;
    this.triggerValue = triggerField === undefined ? undefined : pred.field.requiresExactMatch(triggerField);
    const hub = hubs ? await hubs.hubFor(collectionPrefix(req.info, ''), triggerField, from) : undefined;
    if (this.stopped) return;
    // A start the store has compacted away keeps its 410 from the store watch below, even when
    // the hub still holds the events (upstream's cacher answers from its buffer instead).
    if (hub && !(await this.compacted(from)) && !this.stopped && hub.register(this, from)) {
      // The replay may have ended the watch (its handler called stop()): then leave the hub.
      if (this.stopped) hub.unregister(this);
      else this.hub = hub;
    } else if (!this.stopped) this.watchStore(from);
    if (this.stopped) return;

    if (options.allowWatchBookmarks) {
      this.intervals.push(
        ctx.clock.setInterval(() => {
          const object = { kind: req.info.kind, apiVersion: apiVersionOf(req.info), metadata: { resourceVersion: String(this.bookmarkRevision()) } };
          this.emit({ type: 'BOOKMARK', object });
        }, BOOKMARK_INTERVAL_MS),
      );
    }
  }

  /** Whether a store watch from after `rev` would be refused as compacted (a cheap single-key read). */
  private async compacted(rev: number): Promise<boolean> {
    try {
      await this.ctx.kv.range(this.keyPrefix, { revision: rev + 1 });
      return false;
    } catch (err) {
      return isStoreError(err, 'Compacted');
    }
  }

  /** This watch's own store watch, from after `from` (the path without a hub). */
  private watchStore(from: number): void {
    const prefix = this.keyPrefix;
    const pred = this.pred as Predicate;
    this.kvWatch = this.ctx.kv.watch(prefix, { rangeEnd: prefixEnd(prefix), startRevision: from + 1, prevKv: true }, (resp) => {
      if (this.stopped) return;
      if (resp.compactRevision !== undefined && resp.canceled) {
        this.fail(newResourceExpired(`too old resource version: ${from} (${Math.max(0, resp.compactRevision - 1)})`));
        return;
      }
      for (const ev of resp.events) {
        const out = this.convert(ev, pred);
        this.lastRevision = ev.kv.modRevision;
        if (out) this.emit(out);
      }
      if (resp.canceled) this.stop();
    });
  }

  /** HubWatcher: one event under keyPrefix, in order. */
  deliver(ev: KvWatchEvent): void {
    if (this.stopped) return;
    const out = this.convert(ev, this.pred as Predicate);
    this.lastRevision = ev.kv.modRevision;
    if (out) this.emit(out);
  }

  /** HubWatcher: the hub is gone; carry on alone from the last revision seen. */
  hubEnded(): void {
    if (this.stopped) return;
    const hub = this.hub;
    this.hub = undefined;
    this.watchStore(Math.max(this.lastRevision, hub ? hub.lastRevisionUnder(this.keyPrefix) : 0));
  }

  /** The latest revision this watch has fully seen: with a hub, events of other nodes count too. */
  private bookmarkRevision(): number {
    return this.hub ? Math.max(this.lastRevision, this.hub.lastRevisionUnder(this.keyPrefix)) : this.lastRevision;
  }

  private convert(ev: KvWatchEvent, pred: Predicate): WatchEvent | undefined {
    const rev = ev.kv.modRevision;
    if (ev.type === 'DELETE') {
      const last = ev.prevKv ? decodeShared(ev.prevKv, rev) : this.stub(ev.kv.key, rev);
      return pred.empty || pred.matches(last) ? { type: 'DELETED', object: last } : undefined;
    }
    const cur = decodeShared(ev.kv);
    if (pred.empty) return { type: ev.kv.createRevision === ev.kv.modRevision ? 'ADDED' : 'MODIFIED', object: cur };
    const prev = ev.prevKv ? decodeShared(ev.prevKv, rev) : undefined;
    const curMatches = pred.matches(cur);
    const prevMatches = prev !== undefined && pred.matches(prev);
    if (curMatches && prevMatches) return { type: 'MODIFIED', object: cur };
    if (curMatches) return { type: 'ADDED', object: cur };
    if (prevMatches) return { type: 'DELETED', object: prev };
    return undefined;
  }

  /** A minimal object for a deletion whose previous value the store no longer has. */
  private stub(key: string, rev: number): KubeObject {
    const parts = key.split('/');
    const name = parts[parts.length - 1];
    const namespace = this.req.info.namespaced ? parts[parts.length - 2] : undefined;
    return { apiVersion: apiVersionOf(this.req.info), kind: this.req.info.kind, metadata: { name, namespace, resourceVersion: String(rev) } };
  }
}
