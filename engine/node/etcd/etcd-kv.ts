/**
 * A KV (engine/store/kv.ts) backed by a real etcd v3 server, through npm etcd3's raw gRPC clients
 * (client.kv, client.leaseClient, client.watchClient) rather than its builders: the raw calls
 * carry etcd's exact revisions, compares and watch responses, which the builders hide.
 *
 * Keys are namespaced under `prefix` (like clientv3/namespace): every key sent gets it, every key
 * received loses it, and rangeEnd "\0" ("every key >= key") becomes the end of the prefix.
 *
 * Lease ids: etcd picks random 63-bit ids, which a JS number cannot hold exactly, so this adapter
 * always chooses the id itself (a random integer below 2^47) when the caller leaves it 0.
 */
import { randomInt } from 'node:crypto';
import { Etcd3, type ICompare, type IKeyValue, type IRequestOp, type IResponseOp, type IWatchResponse } from 'etcd3';
import { prefixEnd } from '../../store/kv.ts';
import type {
  CompactResponse, DeleteRangeOptions, DeleteRangeResponse, KeyValue, KV, LeaseGrantResponse, LeaseTimeToLiveResponse,
  PutOptions, PutResponse, RangeOptions, RangeResponse, RequestOp, ResponseHeader, ResponseOp, TxnRequest, TxnResponse,
  Watch, WatchOptions, WatchResponse,
} from '../../store/kv.ts';
import type { MvccStore } from '../../store/mvcc-store.ts';
import { StoreError } from '../../store/errors.ts';
import { RealClock } from '../../util/clock.ts';
import { mapped, toStoreError } from './etcd-errors.ts';

export interface EtcdKVOptions {
  /** e.g. ['http://127.0.0.1:2379'] */
  endpoints: string[];
  /** Namespace for every key (e.g. '/tinykube'); default none. */
  prefix?: string;
  /** Per-call deadline in ms (default 10 s), so a dead etcd fails calls instead of hanging them. */
  timeoutMs?: number;
}

/**
 * The KV plus MvccStore's synchronous views: `currentRevision()` is the highest revision this
 * client has seen in any response header (etcd itself may be ahead when others write to it).
 */
export type EtcdKV = MvccStore;

/** rpc.proto's enum numbers (Compare.CompareTarget, Compare.CompareResult, WatchCreateRequest.FilterType). */
const COMPARE_TARGET = { VERSION: 0, CREATE: 1, MOD: 2, VALUE: 3, LEASE: 4 } as const;
const COMPARE_RESULT = { EQUAL: 0, GREATER: 1, LESS: 2, NOT_EQUAL: 3 } as const;
const FILTER = { NOPUT: 0, NODELETE: 1 } as const;
const COMPARE_FIELD = { VERSION: 'version', CREATE: 'create_revision', MOD: 'mod_revision', VALUE: 'value', LEASE: 'lease' } as const;

/** etcd3 loads protos with `enums: String`, so event types arrive as their proto names. */
function isDelete(type: unknown): boolean {
  return type === 'DELETE' || type === 1 || type === 'Delete';
}

export async function createEtcdKV(options: EtcdKVOptions): Promise<EtcdKV> {
  const kv = new EtcdKVImpl(options);
  await kv.range(''); // fail fast (with etcd's own error) when nothing answers
  return kv;
}

class EtcdKVImpl implements EtcdKV {
  readonly warnings: readonly string[] = [];
  private readonly client: Etcd3;
  private readonly prefix: string;
  private readonly timeoutMs: number;
  private revision = 0;
  private compacted = 0;
  private closed = false;
  private readonly watches = new Set<() => void>();
  private readonly clock = new RealClock();

  constructor(options: EtcdKVOptions) {
    this.client = new Etcd3({ hosts: options.endpoints });
    this.prefix = options.prefix ?? '';
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  currentRevision(): number {
    return this.revision;
  }
  compactRevision(): number {
    return this.compacted;
  }

  // ---- key translation -------------------------------------------------------------------------
  /** etcd rejects an empty key; "\0" is the smallest non-empty one, so a range from it is the same. */
  private key(k: string): Buffer {
    return this.prefix + k === '' ? Buffer.from([0]) : Buffer.from(this.prefix + k);
  }
  private end(rangeEnd: string | undefined): Buffer | undefined {
    if (rangeEnd === undefined || rangeEnd === '') return undefined;
    if (rangeEnd === '\0') return this.prefix ? Buffer.from(prefixEnd(this.prefix)) : Buffer.from([0]);
    return Buffer.from(this.prefix + rangeEnd);
  }
  private unkey(b: Buffer): string {
    return b.toString().slice(this.prefix.length);
  }
  private kvOf(x: IKeyValue): KeyValue {
    return {
      key: this.unkey(x.key),
      value: x.value ? x.value.toString() : '',
      createRevision: Number(x.create_revision),
      modRevision: Number(x.mod_revision),
      version: Number(x.version),
      lease: Number(x.lease),
    };
  }
  private header(h: { revision: string } | null | undefined): ResponseHeader {
    const revision = Number(h?.revision ?? 0);
    if (revision > this.revision) this.revision = revision;
    return { revision };
  }
  private opts() {
    return { deadline: this.clock.now() + this.timeoutMs };
  }
  private check(): void {
    if (this.closed) throw new StoreError('Closed');
  }

  // ---- requests --------------------------------------------------------------------------------
  private rangeReq(key: string, o: RangeOptions = {}) {
    return {
      key: this.key(key),
      range_end: this.end(o.rangeEnd),
      revision: o.revision && o.revision > 0 ? o.revision : 0,
      limit: o.limit && o.limit > 0 ? o.limit : 0,
      count_only: !!o.countOnly,
      keys_only: !!o.keysOnly,
    };
  }
  private rangeRes(r: { header: { revision: string }; kvs: IKeyValue[]; more: boolean; count: string }): RangeResponse {
    return { header: this.header(r.header), kvs: (r.kvs ?? []).map((x) => this.kvOf(x)), more: !!r.more, count: Number(r.count) };
  }
  private putReq(key: string, value: string, o: PutOptions = {}) {
    return { key: this.key(key), value: Buffer.from(value), lease: o.lease ?? 0, prev_kv: !!o.prevKv };
  }
  private putRes(r: { header: { revision: string }; prev_kv?: IKeyValue | null }, o: PutOptions = {}): PutResponse {
    const res: PutResponse = { header: this.header(r.header) };
    if (o.prevKv && r.prev_kv) res.prevKv = this.kvOf(r.prev_kv);
    return res;
  }
  private delReq(key: string, o: DeleteRangeOptions = {}) {
    return { key: this.key(key), range_end: this.end(o.rangeEnd), prev_kv: !!o.prevKv };
  }
  private delRes(r: { header: { revision: string }; deleted: string; prev_kvs: IKeyValue[] }): DeleteRangeResponse {
    return { header: this.header(r.header), deleted: Number(r.deleted), prevKvs: (r.prev_kvs ?? []).map((x) => this.kvOf(x)) };
  }

  async range(key: string, options?: RangeOptions): Promise<RangeResponse> {
    this.check();
    return this.rangeRes(await mapped(() => this.client.kv.range(this.rangeReq(key, options), this.opts())));
  }

  async put(key: string, value: string, options?: PutOptions): Promise<PutResponse> {
    this.check();
    return this.putRes(await mapped(() => this.client.kv.put(this.putReq(key, value, options), this.opts())), options);
  }

  async deleteRange(key: string, options?: DeleteRangeOptions): Promise<DeleteRangeResponse> {
    this.check();
    return this.delRes(await mapped(() => this.client.kv.deleteRange(this.delReq(key, options), this.opts())));
  }

  async txn(request: TxnRequest): Promise<TxnResponse> {
    this.check();
    const compare = request.compare.map(
      (c) =>
        ({
          key: this.key(c.key),
          range_end: this.end(c.rangeEnd),
          target: COMPARE_TARGET[c.target],
          result: COMPARE_RESULT[c.result],
          [COMPARE_FIELD[c.target]]: c.target === 'VALUE' ? Buffer.from(String(c.value)) : Number(c.value),
        }) as unknown as ICompare,
    );
    const op = (o: RequestOp): IRequestOp =>
      'range' in o
        ? { request_range: this.rangeReq(o.range.key, o.range) }
        : 'put' in o
          ? { request_put: this.putReq(o.put.key, o.put.value, o.put) }
          : { request_delete_range: this.delReq(o.deleteRange.key, o.deleteRange) };
    const r = await mapped(() =>
      this.client.kv.txn({ compare, success: request.success.map(op), failure: request.failure.map(op) }, this.opts()),
    );
    const ran = r.succeeded ? request.success : request.failure;
    const responses: ResponseOp[] = (r.responses as Array<IResponseOp & { response?: string }>).map((x, i) => {
      const asked = ran[i]!;
      if (x.response_range && 'range' in asked) return { range: this.rangeRes(x.response_range) };
      if (x.response_put && 'put' in asked) return { put: this.putRes(x.response_put, asked.put) };
      if (x.response_delete_range) return { deleteRange: this.delRes(x.response_delete_range) };
      throw new Error(`etcd txn: unexpected response op ${x.response ?? '?'}`);
    });
    return { header: this.header(r.header), succeeded: !!r.succeeded, responses };
  }

  async compact(revision: number): Promise<CompactResponse> {
    this.check();
    const r = await mapped(() => this.client.kv.compact({ revision, physical: false }, this.opts()));
    if (revision > this.compacted) this.compacted = revision;
    return { header: this.header(r.header) };
  }

  // ---- watch -----------------------------------------------------------------------------------
  /**
   * One gRPC watch stream per watch (they share the client's HTTP/2 connection). etcd first
   * answers `created`, which carries no events and is not passed on; a compacted start revision
   * then arrives as `canceled` with `compact_revision` (etcd server/etcdserver/api/v3rpc/watch.go).
   */
  watch(key: string, options: WatchOptions, onResponse: (response: WatchResponse) => void): Watch {
    // The stream is set up asynchronously, but a watch without a start revision must still see
    // every change made after this call: start just past the newest revision this client has
    // seen (a write made after this call gets a higher one).
    const startRevision = options.startRevision && options.startRevision > 0 ? options.startRevision : this.revision > 0 ? this.revision + 1 : 0;
    let stopped = false;
    let stream: Awaited<ReturnType<Etcd3['watchClient']['watch']>> | undefined;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      this.watches.delete(stop);
      stream?.cancel();
    };
    this.watches.add(stop);
    const deliver = (r: WatchResponse) => {
      if (stopped) return;
      if (r.canceled) stop();
      onResponse(r);
    };
    if (this.closed) {
      queueMicrotask(() => deliver({ header: { revision: this.revision }, events: [], canceled: true, cancelReason: 'mvcc: database closed' }));
      return { cancel: stop };
    }
    void this.client.watchClient
      .watch()
      .then((s) => {
        stream = s;
        if (stopped) return s.cancel();
        s.on('data', (r: IWatchResponse) => {
          if (stopped) return;
          const events = (r.events ?? []).map((e) => {
            const ev: WatchResponse['events'][number] = { type: isDelete(e.type) ? 'DELETE' : 'PUT', kv: this.kvOf(e.kv) };
            if (options.prevKv && e.prev_kv) ev.prevKv = this.kvOf(e.prev_kv);
            return ev;
          });
          if (r.created && events.length === 0 && !r.canceled) return;
          const out: WatchResponse = { header: this.header(r.header), events };
          const compactRevision = Number(r.compact_revision ?? 0);
          if (compactRevision > 0) out.compactRevision = compactRevision;
          if (r.canceled) {
            out.canceled = true;
            if (r.cancel_reason) out.cancelReason = r.cancel_reason;
            else if (compactRevision > 0) out.cancelReason = 'mvcc: required revision has been compacted';
          }
          deliver(out);
        });
        s.on('error', (err: Error) => {
          const e = toStoreError(err);
          deliver({ header: { revision: this.revision }, events: [], canceled: true, cancelReason: e instanceof Error ? e.message : String(e) });
        });
        s.on('end', () => deliver({ header: { revision: this.revision }, events: [], canceled: true, cancelReason: 'etcd closed the watch stream' }));
        s.write({
          create_request: {
            key: this.key(key),
            range_end: this.end(options.rangeEnd),
            start_revision: startRevision,
            prev_kv: !!options.prevKv,
            progress_notify: !!options.progressNotify,
            filters: (options.filters ?? []).map((f) => FILTER[f]),
          },
        });
      })
      .catch((err: unknown) => {
        const e = toStoreError(err);
        deliver({ header: { revision: this.revision }, events: [], canceled: true, cancelReason: e instanceof Error ? e.message : String(e) });
      });
    return { cancel: stop };
  }

  // ---- leases ----------------------------------------------------------------------------------
  async leaseGrant(ttlSeconds: number, id?: number): Promise<LeaseGrantResponse> {
    this.check();
    const ID = id && id > 0 ? id : randomInt(1, 2 ** 47);
    const r = await mapped(() => this.client.leaseClient.leaseGrant({ TTL: ttlSeconds, ID }, this.opts()));
    if (r.error) throw toStoreError(new Error(`etcdserver: ${r.error}`));
    return { header: this.header(r.header), id: Number(r.ID), ttl: Number(r.TTL) };
  }

  async leaseRevoke(id: number): Promise<{ header: ResponseHeader }> {
    this.check();
    const r = await mapped(() => this.client.leaseClient.leaseRevoke({ ID: id }, this.opts()));
    return { header: this.header(r.header) };
  }

  /** One round trip on a LeaseKeepAlive stream; etcd answers TTL 0 for an unknown lease. */
  async leaseKeepAlive(id: number): Promise<{ header: ResponseHeader; id: number; ttl: number }> {
    this.check();
    const s = await mapped(() => this.client.leaseClient.leaseKeepAlive(this.opts()));
    try {
      const r = await new Promise<{ header: { revision: string }; ID: string; TTL: string }>((resolve, reject) => {
        s.on('data', resolve);
        s.on('error', reject);
        s.on('end', () => reject(new Error('etcd closed the keep-alive stream')));
        s.write({ ID: id });
      }).catch((err: unknown) => {
        throw toStoreError(err);
      });
      if (Number(r.TTL) <= 0) throw new StoreError('LeaseNotFound');
      return { header: this.header(r.header), id: Number(r.ID), ttl: Number(r.TTL) };
    } finally {
      s.cancel();
    }
  }

  async leaseTimeToLive(id: number, options?: { keys?: boolean }): Promise<LeaseTimeToLiveResponse> {
    this.check();
    const r = await mapped(() => this.client.leaseClient.leaseTimeToLive({ ID: id, keys: !!options?.keys }, this.opts()));
    const ttl = Number(r.TTL);
    return {
      header: this.header(r.header),
      id,
      ttl: ttl < 0 ? -1 : ttl,
      grantedTtl: ttl < 0 ? 0 : Number(r.grantedTTL),
      keys: (r.keys ?? []).map((k) => this.unkey(k)).sort(),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of [...this.watches]) stop();
    this.client.close();
  }
}
