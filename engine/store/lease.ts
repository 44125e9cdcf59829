/**
 * The lessor: leases with a TTL, driven by the injected Clock (etcd server/lease/lessor.go).
 *
 * A lease is granted for `ttl` seconds and expires that long after its grant or last
 * keep-alive. Keys put with `{ lease: id }` are attached to it; when it expires or is revoked,
 * the store deletes all of them in one revision (one DELETE event each). This file only keeps
 * the books (TTLs, expiry times, attached keys) and says when a lease is due; the deletion is a
 * store mutation like any other (mvcc-store.ts), so it is logged and watched like one.
 *
 * Expiry uses one clock timer for the earliest deadline (a heap of deadlines with lazy removal),
 * not one timer per lease: the apiserver gives every Event its own lease, and thousands of
 * timers would make a virtual clock slow.
 */
import type { Clock, TimerHandle } from '../util/clock.ts';

export interface Lease {
  readonly id: number;
  /** The granted TTL in seconds. */
  readonly ttl: number;
  /** Clock time (ms) at which the lease expires unless kept alive. */
  expiry: number;
  /** Keys attached to this lease. */
  readonly keys: Set<string>;
  /** Expiry has been reported; the revocation is on its way. */
  expiring: boolean;
}

interface Deadline {
  at: number;
  id: number;
}

export class Lessor {
  private readonly leases = new Map<number, Lease>();
  private readonly heap: Deadline[] = [];
  private timer: TimerHandle | undefined;
  private timerAt = Infinity;
  private lastId = 0;
  private stopped = false;

  /** `onExpire` is called (from a clock timer) once per lease whose time is up. */
  constructor(
    private readonly clock: Clock,
    private readonly onExpire: (id: number) => void,
  ) {}

  get(id: number): Lease | undefined {
    return this.leases.get(id);
  }

  /** An id no lease has used in this process (etcd picks random ones; sequential is repeatable). */
  nextId(): number {
    do this.lastId++;
    while (this.leases.has(this.lastId));
    return this.lastId;
  }

  /** Adds a lease that expires `ttl` seconds from now. The caller checked the id is free. */
  grant(id: number, ttl: number): Lease {
    const lease: Lease = { id, ttl, expiry: this.clock.now() + ttl * 1000, keys: new Set(), expiring: false };
    this.leases.set(id, lease);
    if (id > this.lastId) this.lastId = id;
    this.schedule(lease);
    return lease;
  }

  /** Forgets the lease and returns the keys that were attached to it, sorted. */
  revoke(id: number): string[] {
    const lease = this.leases.get(id);
    if (!lease) return [];
    this.leases.delete(id);
    return [...lease.keys].sort();
  }

  /**
   * Resets the TTL to the granted one. Returns undefined for an unknown lease, or one whose time
   * is already up (etcd Renew refuses an expired lease even before it is revoked).
   */
  keepAlive(id: number): Lease | undefined {
    const lease = this.leases.get(id);
    if (!lease || lease.expiring || lease.expiry <= this.clock.now()) return undefined;
    lease.expiry = this.clock.now() + lease.ttl * 1000;
    this.schedule(lease);
    return lease;
  }

  /** Remaining whole seconds (truncated, like etcd's int64(Remaining().Seconds())), or -1. */
  remaining(id: number): number {
    const lease = this.leases.get(id);
    if (!lease || lease.expiring) return -1;
    const ms = lease.expiry - this.clock.now();
    return ms <= 0 ? -1 : Math.floor(ms / 1000);
  }

  attach(id: number, key: string): void {
    this.leases.get(id)?.keys.add(key);
  }

  detach(id: number, key: string): void {
    this.leases.get(id)?.keys.delete(key);
  }

  /** Every lease with its granted TTL, by id (for snapshots). */
  list(): Array<{ id: number; ttl: number }> {
    return [...this.leases.values()].sort((a, b) => a.id - b.id).map((l) => ({ id: l.id, ttl: l.ttl }));
  }

  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(lease: Lease): void {
    heapPush(this.heap, { at: lease.expiry, id: lease.id });
    this.arm();
  }

  /** Keeps one clock timer set for the earliest live deadline. */
  private arm(): void {
    if (this.stopped) return;
    // Drop deadlines that no longer match a live lease (revoked, or kept alive since).
    while (this.heap.length > 0) {
      const top = this.heap[0]!;
      const lease = this.leases.get(top.id);
      if (lease && !lease.expiring && lease.expiry === top.at) break;
      heapPop(this.heap);
    }
    const next = this.heap[0]?.at ?? Infinity;
    if (next === this.timerAt) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = next;
    if (next === Infinity) return;
    this.timer = this.clock.setTimeout(() => this.fire(), Math.max(0, next - this.clock.now()));
  }

  private fire(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.clock.now();
    const due: number[] = [];
    while (this.heap.length > 0 && this.heap[0]!.at <= now) {
      const d = heapPop(this.heap)!;
      const lease = this.leases.get(d.id);
      if (!lease || lease.expiring || lease.expiry !== d.at) continue;
      lease.expiring = true;
      due.push(d.id);
    }
    this.arm();
    for (const id of due) this.onExpire(id);
  }
}

function heapPush(heap: Deadline[], d: Deadline): void {
  heap.push(d);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (less(heap[parent]!, heap[i]!)) break;
    [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
    i = parent;
  }
}

function heapPop(heap: Deadline[]): Deadline | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0 && last) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) break;
      [heap[m], heap[i]] = [heap[i]!, heap[m]!];
      i = m;
    }
  }
  return top;
}

function less(a: Deadline, b: Deadline): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}
