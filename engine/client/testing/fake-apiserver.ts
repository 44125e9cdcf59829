/**
 * A deliberately small in-memory ApiServerInterface for unit tests of the client side (client-go
 * keeps the same kind of fakes in kubernetes/fake and tools/cache/testing). It knows revisions,
 * watch history and compaction — enough to drive a reflector through list, watch, 410 Expired
 * and closed watches — and nothing else: no validation, defaults, admission or subresources.
 * Tests of real behaviour use the real apiserver through engine/cluster.
 *
 * Knobs for tests: compact() (a later watch from an older version gets 410), closeWatches()
 * (every open watch ends normally, like a server timeout), failLists (the next N lists fail with
 * 500), failWatchesWith (the next watch gets this ERROR Status).
 */
import { newAlreadyExists, newConflict, newInternalError, newNotFound, newResourceExpired, type Status } from '../../api/errors.ts';
import type { KubeList, KubeObject } from '../../api/object.ts';
import type {
  ApiServerInterface,
  ObjectRef,
  ResourceRef,
  WatchEvent,
  WatchHandle,
  WatchOptions,
} from '../../apiserver/types.ts';

interface Change {
  rev: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resource: string;
  object: KubeObject;
}

interface OpenWatch {
  ref: ResourceRef;
  onEvent: (e: WatchEvent) => void;
  end: () => void;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export class FakeApiServer implements ApiServerInterface {
  private rev = 1;
  private compacted = 0;
  private objects = new Map<string, KubeObject>();
  private history: Change[] = [];
  private watches = new Set<OpenWatch>();
  /** How many of the next list calls fail with a 500. */
  failLists = 0;
  /** When set, the next watch gets this ERROR event and ends. */
  failWatchesWith: Status | undefined;
  /** Every call's RequestContext user, in order (to check that the client passes it through). */
  readonly users: string[] = [];
  listCalls = 0;
  watchCalls = 0;

  get revision(): number {
    return this.rev;
  }

  /** Forgets history up to `rev` (default: now): watches from older versions get 410. */
  compact(rev = this.rev): void {
    this.compacted = rev;
    this.history = this.history.filter((c) => c.rev > rev);
  }

  /** Ends every open watch normally. */
  closeWatches(): void {
    for (const w of [...this.watches]) w.end();
  }

  openWatches(): number {
    return this.watches.size;
  }

  async create(ref: ResourceRef, body: KubeObject, options?: { user?: string }): Promise<KubeObject> {
    this.users.push(options?.user ?? '');
    const name = body.metadata?.name ?? '';
    const key = this.key(ref, name);
    if (this.objects.has(key)) throw newAlreadyExists({ group: ref.group, resource: ref.resource }, name);
    return this.write(ref, 'ADDED', { ...clone(body), metadata: { ...body.metadata, namespace: ref.namespace, uid: `uid-${name}-${this.rev}` } });
  }

  async get(ref: ObjectRef, options?: { user?: string }): Promise<KubeObject> {
    this.users.push(options?.user ?? '');
    const obj = this.objects.get(this.key(ref, ref.name));
    if (!obj) throw newNotFound({ group: ref.group, resource: ref.resource }, ref.name);
    return clone(obj);
  }

  async list(ref: ResourceRef): Promise<KubeList> {
    this.listCalls++;
    if (this.failLists > 0) {
      this.failLists--;
      throw newInternalError('etcd is having a bad day');
    }
    const prefix = this.key(ref, '');
    const items = [...this.objects.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, o]) => clone(o));
    return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: String(this.rev) }, items };
  }

  async update(ref: ObjectRef, body: KubeObject, options?: { user?: string }): Promise<KubeObject> {
    this.users.push(options?.user ?? '');
    const key = this.key(ref, ref.name);
    const old = this.objects.get(key);
    if (!old) throw newNotFound({ group: ref.group, resource: ref.resource }, ref.name);
    const rv = body.metadata?.resourceVersion;
    if (rv && rv !== old.metadata?.resourceVersion) throw newConflict({ group: ref.group, resource: ref.resource }, ref.name);
    return this.write(ref, 'MODIFIED', { ...clone(body), metadata: { ...old.metadata, ...body.metadata } });
  }

  async patch(): Promise<KubeObject> {
    throw newInternalError('the fake apiserver does not patch');
  }

  async delete(ref: ObjectRef, options?: { user?: string }): Promise<KubeObject> {
    this.users.push(options?.user ?? '');
    const key = this.key(ref, ref.name);
    const old = this.objects.get(key);
    if (!old) throw newNotFound({ group: ref.group, resource: ref.resource }, ref.name);
    return this.write(ref, 'DELETED', clone(old));
  }

  async deleteCollection(): Promise<KubeList> {
    throw newInternalError('the fake apiserver does not delete collections');
  }

  watch(ref: ResourceRef, options: WatchOptions, onEvent: (event: WatchEvent) => void): WatchHandle {
    this.watchCalls++;
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    let ended = false;
    const w: OpenWatch = {
      ref,
      onEvent,
      end: () => {
        if (ended) return;
        ended = true;
        this.watches.delete(w);
        queueMicrotask(resolveDone);
      },
    };
    const failure = this.failWatchesWith;
    this.failWatchesWith = undefined;
    const from = Number(options.resourceVersion || '0');
    queueMicrotask(() => {
      if (ended) return;
      if (failure) {
        onEvent({ type: 'ERROR', object: failure });
        w.end();
        return;
      }
      if (from > 0 && from < this.compacted) {
        onEvent({ type: 'ERROR', object: newResourceExpired(`too old resource version: ${from} (${this.compacted})`).status });
        w.end();
        return;
      }
      if (from === 0) {
        for (const o of this.objects.values()) if (this.matches(ref, o)) onEvent({ type: 'ADDED', object: clone(o) });
      } else {
        for (const c of this.history) if (c.rev > from && c.resource === ref.resource && this.matches(ref, c.object)) onEvent({ type: c.type, object: clone(c.object) });
      }
      this.watches.add(w);
    });
    return { stop: () => w.end(), done };
  }

  private key(ref: ResourceRef, name: string): string {
    return `/${ref.resource}/${ref.namespace ? `${ref.namespace}/` : ''}${name}`;
  }

  private matches(ref: ResourceRef, obj: KubeObject): boolean {
    return !ref.namespace || obj.metadata?.namespace === ref.namespace;
  }

  private write(ref: ResourceRef, type: Change['type'], obj: KubeObject): KubeObject {
    this.rev++;
    obj.metadata = { ...obj.metadata, resourceVersion: String(this.rev) };
    const key = this.key({ ...ref, namespace: obj.metadata.namespace ?? ref.namespace }, obj.metadata.name ?? '');
    if (type === 'DELETED') this.objects.delete(key);
    else this.objects.set(key, obj);
    const change: Change = { rev: this.rev, type, resource: ref.resource, object: clone(obj) };
    this.history.push(change);
    for (const w of this.watches) {
      if (w.ref.resource === ref.resource && this.matches(w.ref, obj)) {
        const ev = { type, object: clone(obj) };
        queueMicrotask(() => {
          if (this.watches.has(w)) w.onEvent(ev);
        });
      }
    }
    return clone(obj);
  }
}
