/**
 * Store leases for objects that expire (upstream: k8s.io/apiserver pkg/storage/etcd3/lease_manager.go).
 *
 * Events are written with a TTL (kube-apiserver --event-ttl, 1 h) by attaching them to a store
 * lease: when the lease expires the store deletes them, each with a DELETE watch event. Granting a
 * lease per event would flood the store, so, like upstream, a lease is reused for writes within a
 * short window: a lease is granted for ttl + reuse seconds and handed out while it still covers
 * the requested ttl. Objects therefore live between ttl and ttl + reuse seconds.
 */
import type { Clock } from '../../util/clock.ts';
import type { KV } from '../../store/kv.ts';

/** Upstream: reuse window = min(5% of the TTL, 60 s). */
function reuseSeconds(ttl: number): number {
  return Math.min(Math.floor(ttl * 0.05), 60);
}

export class LeaseManager {
  private prev: { id: number; ttl: number; expiresAt: number } | undefined;

  constructor(
    private readonly kv: KV,
    private readonly clock: Clock,
  ) {}

  async getLease(ttlSeconds: number): Promise<number> {
    const now = this.clock.now();
    const reuse = reuseSeconds(ttlSeconds);
    const p = this.prev;
    if (p && p.ttl === ttlSeconds && now + ttlSeconds * 1000 < p.expiresAt && now + (ttlSeconds + reuse) * 1000 >= p.expiresAt) return p.id;
    const granted = await this.kv.leaseGrant(ttlSeconds + reuse);
    this.prev = { id: granted.id, ttl: ttlSeconds, expiresAt: now + (ttlSeconds + reuse) * 1000 };
    return granted.id;
  }

  /** Forgets the cached lease (e.g. after the store said "lease not found"). */
  reset(): void {
    this.prev = undefined;
  }
}
