/**
 * The KV interface: the only thing the apiserver knows about storage. It follows the etcd v3 API
 * (etcd api/etcdserverpb/rpc.proto: Range, Put, DeleteRange, Txn, Compact, Watch, Lease*) so that
 * the embedded MVCC store and a real etcd can stand behind it interchangeably.
 *
 * Keys and values are strings (the apiserver stores JSON). Revisions are plain numbers: a new
 * store is at revision 1 and every successful mutation — or whole txn — adds exactly one.
 *
 * Expected failures reject with a StoreError (see errors.ts) carrying etcd's message, e.g.
 * "mvcc: required revision has been compacted".
 */

export interface ResponseHeader {
  /** The store's revision when the request was served. */
  revision: number;
}

export interface KeyValue {
  key: string;
  /** Empty for keysOnly ranges. */
  value: string;
  /** Revision of the last creation of this key (reset when the key is deleted and re-created). */
  createRevision: number;
  /** Revision of the last modification of this key. */
  modRevision: number;
  /** 1 on creation, +1 per put; a delete resets it (the key's next life starts at 1 again). */
  version: number;
  /** Lease the key is attached to, 0 for none. */
  lease: number;
}

export interface RangeOptions {
  /**
   * End of the half-open interval [key, rangeEnd). Absent: the single key. `prefixEnd(key)`: all
   * keys with that prefix. "\0": every key >= key.
   */
  rangeEnd?: string;
  /** Read at this revision; <= 0 or absent reads the latest. */
  revision?: number;
  /** At most this many kvs (0 or absent: no limit); `more` tells whether there were others. */
  limit?: number;
  /** Return only `count`, no kvs. */
  countOnly?: boolean;
  /** Return kvs without values. */
  keysOnly?: boolean;
}

export interface RangeResponse {
  header: ResponseHeader;
  kvs: KeyValue[];
  /** True when `limit` cut the result short. */
  more: boolean;
  /** Number of keys in the range (ignoring limit). */
  count: number;
}

export interface PutOptions {
  /** Attach the key to this lease (0: none). */
  lease?: number;
  /** Return the previous key-value, if any. */
  prevKv?: boolean;
}

export interface PutResponse {
  header: ResponseHeader;
  prevKv?: KeyValue;
}

export interface DeleteRangeOptions {
  rangeEnd?: string;
  prevKv?: boolean;
}

export interface DeleteRangeResponse {
  header: ResponseHeader;
  deleted: number;
  prevKvs: KeyValue[];
}

export type CompareTarget = 'VERSION' | 'CREATE' | 'MOD' | 'VALUE' | 'LEASE';
export type CompareResult = 'EQUAL' | 'GREATER' | 'LESS' | 'NOT_EQUAL';

/**
 * One txn guard. A missing key has version, create and mod revision 0 and an empty value, so
 * `{ target: 'CREATE', result: 'EQUAL', value: 0 }` means "key does not exist" — the apiserver's
 * create — and `{ target: 'MOD', result: 'EQUAL', value: rv }` is optimistic concurrency.
 */
export interface Compare {
  key: string;
  /** When set, the compare must hold for every key in [key, rangeEnd). */
  rangeEnd?: string;
  target: CompareTarget;
  result: CompareResult;
  /** A number for VERSION/CREATE/MOD/LEASE, a string for VALUE. */
  value: number | string;
}

export type RequestOp =
  | { range: { key: string } & RangeOptions }
  | { put: { key: string; value: string } & PutOptions }
  | { deleteRange: { key: string } & DeleteRangeOptions };

export type ResponseOp =
  | { range: RangeResponse }
  | { put: PutResponse }
  | { deleteRange: DeleteRangeResponse };

export interface TxnRequest {
  compare: Compare[];
  success: RequestOp[];
  failure: RequestOp[];
}

export interface TxnResponse {
  header: ResponseHeader;
  /** True when every compare held and `success` ran; false when `failure` ran. */
  succeeded: boolean;
  responses: ResponseOp[];
}

export interface CompactResponse {
  header: ResponseHeader;
}

export interface WatchOptions {
  rangeEnd?: string;
  /**
   * First revision to deliver (inclusive). Absent or <= 0: only changes after the watch starts.
   * A compacted start cancels the watch with `compactRevision` set.
   */
  startRevision?: number;
  /** Include the key's previous value in each event. */
  prevKv?: boolean;
  /** Ask for periodic empty responses carrying the current revision (progress notifications). */
  progressNotify?: boolean;
  /** Leave out these event types. */
  filters?: Array<'NOPUT' | 'NODELETE'>;
}

export interface WatchEvent {
  type: 'PUT' | 'DELETE';
  /** For DELETE: the key with modRevision = the deletion's revision and an empty value. */
  kv: KeyValue;
  prevKv?: KeyValue;
}

/**
 * One batch of events. Events are in revision order with no gaps, and all events of one
 * revision (one txn) are in the same response.
 */
export interface WatchResponse {
  header: ResponseHeader;
  events: WatchEvent[];
  /** Set when the watch was canceled because its start revision was compacted. */
  compactRevision?: number;
  /** The watch ended; no more responses follow. */
  canceled?: boolean;
  cancelReason?: string;
}

export interface Watch {
  /** Stops delivery. Safe to call more than once. */
  cancel(): void;
}

export interface LeaseGrantResponse {
  header: ResponseHeader;
  id: number;
  ttl: number;
}

export interface LeaseTimeToLiveResponse {
  header: ResponseHeader;
  id: number;
  /** Remaining seconds, -1 when the lease has expired or never existed. */
  ttl: number;
  grantedTtl: number;
  keys: string[];
}

// #region kv
export interface KV {
  range(key: string, options?: RangeOptions): Promise<RangeResponse>;
  put(key: string, value: string, options?: PutOptions): Promise<PutResponse>;
  deleteRange(key: string, options?: DeleteRangeOptions): Promise<DeleteRangeResponse>;
  txn(request: TxnRequest): Promise<TxnResponse>;
  /** Forgets history before `revision`; reads and watches below it then fail. */
  compact(revision: number): Promise<CompactResponse>;
  /**
   * Starts a watch. Responses reach `onResponse` asynchronously, in order, never re-entrantly
   * from inside the call that caused them.
   */
  watch(key: string, options: WatchOptions, onResponse: (response: WatchResponse) => void): Watch;
  /** Grants a lease of `ttlSeconds`; `id` 0 or absent lets the store choose. */
  leaseGrant(ttlSeconds: number, id?: number): Promise<LeaseGrantResponse>;
  /** Revokes a lease, deleting its keys (each with a DELETE event) in one revision. */
  leaseRevoke(id: number): Promise<{ header: ResponseHeader }>;
  /** Resets the lease's TTL to its granted value. */
  leaseKeepAlive(id: number): Promise<{ header: ResponseHeader; id: number; ttl: number }>;
  leaseTimeToLive(id: number, options?: { keys?: boolean }): Promise<LeaseTimeToLiveResponse>;
  /** Stops timers and watches; later calls reject. */
  close(): Promise<void>;
}
// #endregion kv

/**
 * The end of the prefix range for `prefix`: the key with its last byte incremented
 * (etcd clientv3.GetPrefixRangeEnd). An empty prefix gives "\0", meaning every key.
 */
export function prefixEnd(prefix: string): string {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const code = prefix.charCodeAt(i);
    if (code < 0xffff) return prefix.slice(0, i) + String.fromCharCode(code + 1);
  }
  return '\0';
}
