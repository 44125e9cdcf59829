/**
 * A read-only, always-current view of the namespaces, for admission plugins (upstream:
 * NamespaceLifecycle reads a namespace informer's lister and falls back to a live lookup).
 *
 * The view is filled by one range at start, then kept current two ways: the apiserver tells it
 * about every namespace write it makes as soon as the write is acknowledged (so a pod created
 * right after its namespace never sees a stale view), and a store watch catches anything written
 * behind the apiserver's back. Each entry remembers the revision it reflects and older news is
 * ignored, so the two feeds can arrive in any order.
 */
import type { KubeObject } from '../../api/object.ts';
import type { KV, Watch } from '../../store/kv.ts';
import { prefixEnd } from '../../store/kv.ts';
import { decodeKv } from './codec.ts';

const PREFIX = '/registry/namespaces/';

interface Entry {
  revision: number;
  obj?: Readonly<KubeObject>;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

export class NamespaceView {
  private entries = new Map<string, Entry>();
  private watch: Watch | undefined;
  private stopped = false;

  /**
   * `prefix` (default the namespaces') lets the same view follow another cluster-scoped kind,
   * e.g. `/registry/storageclasses/` for the DefaultStorageClass admission.
   */
  constructor(
    private readonly kv: KV,
    private readonly prefix = PREFIX,
  ) {}

  async start(): Promise<void> {
    const prefix = this.prefix;
    const r = await this.kv.range(prefix, { rangeEnd: prefixEnd(prefix) });
    for (const kv of r.kvs) this.apply(kv.key.slice(prefix.length), kv.modRevision, decodeKv(kv));
    if (this.stopped) return;
    this.watch = this.kv.watch(prefix, { rangeEnd: prefixEnd(prefix), startRevision: r.header.revision + 1 }, (resp) => {
      for (const ev of resp.events) {
        const name = ev.kv.key.slice(prefix.length);
        if (ev.type === 'PUT') this.apply(name, ev.kv.modRevision, decodeKv(ev.kv));
        else this.apply(name, ev.kv.modRevision, undefined);
      }
      if (resp.canceled && !this.stopped) {
        // Only a compaction can cancel it: start over from a fresh range.
        this.watch = undefined;
        void this.start().catch(() => undefined);
      }
    });
  }

  /** Records a namespace as written at `revision` (undefined: deleted at `revision`). */
  apply(name: string, revision: number, obj: KubeObject | undefined): void {
    const cur = this.entries.get(name);
    if (cur && cur.revision >= revision) return;
    this.entries.set(name, { revision, obj: obj ? deepFreeze(JSON.parse(JSON.stringify(obj)) as KubeObject) : undefined });
  }

  get(name: string): Readonly<KubeObject> | undefined {
    return this.entries.get(name)?.obj;
  }

  /** Every object currently in the view (frozen). */
  list(): Readonly<KubeObject>[] {
    const out: Readonly<KubeObject>[] = [];
    for (const e of this.entries.values()) if (e.obj) out.push(e.obj);
    return out;
  }

  stop(): void {
    this.stopped = true;
    this.watch?.cancel();
    this.watch = undefined;
  }
}
