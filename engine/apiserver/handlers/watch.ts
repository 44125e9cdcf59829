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
 */
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

export const BOOKMARK_INTERVAL_MS = 60_000;

export class ApiWatch implements WatchHandle {
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  private stopped = false;
  private kvWatch: Watch | undefined;
  private timers: TimerHandle[] = [];
  private intervals: TimerHandle[] = [];
  /** Revision of the last state delivered (the point a client could resume from). */
  private lastRevision = 0;

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
    const end = prefixEnd(prefix);

    let from = rv;
    if (rv === 0) {
      const r = await ctx.kv.range(prefix, { rangeEnd: end });
      for (const kv of r.kvs) {
        const obj = decodeKv(kv);
        if (pred.matches(obj)) this.emit({ type: 'ADDED', object: obj });
      }
      from = r.header.revision;
    }
    if (this.stopped) return;
    this.lastRevision = from;

    this.kvWatch = ctx.kv.watch(prefix, { rangeEnd: end, startRevision: from + 1, prevKv: true }, (resp) => {
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

    if (options.allowWatchBookmarks) {
      this.intervals.push(
        ctx.clock.setInterval(() => {
          const object = { kind: req.info.kind, apiVersion: apiVersionOf(req.info), metadata: { resourceVersion: String(this.lastRevision) } };
          this.emit({ type: 'BOOKMARK', object });
        }, BOOKMARK_INTERVAL_MS),
      );
    }
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
