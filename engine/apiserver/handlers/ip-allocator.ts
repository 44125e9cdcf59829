/**
 * The `service.ipalloc` part: the ClusterIP allocator's decision, as a pure function (upstream:
 * pkg/registry/core/service/ipallocator — Range.Allocate / AllocateNext over a bitmap of the
 * --service-cluster-ip-range, driven by pkg/registry/core/service/storage alloc.go
 * allocClusterIPs; the random scan with an offset is pkg/registry/core/service/allocator
 * randomScanStrategyWithOffset, KEP-3070 "reserved ClusterIP range for static allocation").
 *
 * Given the service CIDR, the addresses stored Services hold, the address a Service asks for (if
 * any) and a Random, the allocator answers with an address or a typed refusal:
 *
 *  - the network address (first) and the broadcast address (last) of the range are never handed
 *    out nor accepted: the usable addresses are base+1 … base+size-2;
 *  - requested: kept when usable and free; else refused with
 *      NotInRange  `the provided IP (<ip>) is not in the valid range. The range of valid IPs is <cidr>`
 *      Allocated   `provided IP is already allocated`
 *  - not requested: a random free usable address; the range is split into a lower "static" band
 *    of min(max(16, size/16), 256) addresses (none when the range has 16 addresses or fewer)
 *    which a random pick only uses once the upper band is full — so that addresses people choose
 *    by hand (10.96.0.10 for kube-dns) stay free; when nothing is free:
 *      Full        `range is full`
 *
 * The apiserver turns a refusal into the error kubectl shows (service-ip.ts): NotInRange and
 * Allocated become 422 `spec.clusterIPs: Invalid value: ["<ip>"]: failed to allocate IP <ip>:
 * <message>`, Full becomes 500 `Internal error occurred: failed to allocate a serviceIP: range is
 * full`.
 *
 * Worked example, cidr 10.96.0.0/24 (256 addresses; usable 10.96.0.1 … 10.96.0.254; static band
 * 256/16 = 16 addresses, 10.96.0.1 … 10.96.0.16):
 *   requested 10.96.0.10, used {}            → 10.96.0.10
 *   requested 10.96.0.10, used {10.96.0.10}  → Allocated
 *   requested 10.96.1.10                     → NotInRange
 *   requested 10.96.0.0 or 10.96.0.255       → NotInRange (network / broadcast)
 *   none, used {}                            → one of 10.96.0.17 … 10.96.0.254, chosen by random
 *   none, used = all of 10.96.0.17 … .254    → one of 10.96.0.1 … 10.96.0.16
 *   none, used = every usable address        → Full
 */
import type { Random } from '../../util/random.ts';

// #region ip-allocator
export interface ClusterIPRequest {
  /** The service CIDR, `a.b.c.d/n` (IPv4), e.g. '10.96.0.0/12'. */
  cidr: string;
  /** The addresses stored Services hold (every namespace). Never mutated. */
  used: ReadonlySet<string>;
  /** spec.clusterIP as the user wrote it; undefined or '' to let the allocator pick. */
  requested?: string;
  /** The apiserver's seeded Random: the only source of randomness a pick may use. */
  random: Random;
}

export type ClusterIPRefusal = 'NotInRange' | 'Allocated' | 'Full';

export type ClusterIPAllocation = { ip: string } | { refused: ClusterIPRefusal; message: string };

/** The part's signature. */
export type ClusterIPAllocator = (request: ClusterIPRequest) => ClusterIPAllocation;
// #endregion ip-allocator

/** kubeadm's and tinykube's --service-cluster-ip-range. */
export const SERVICE_CIDR = '10.96.0.0/12';

// ---- helpers the part may use -----------------------------------------------------------------

/** `10.96.0.1` → 174063617; undefined for anything that is not a dotted IPv4 address. */
export function parseIPv4(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** 174063617 → `10.96.0.1`. */
export function formatIPv4(n: number): string {
  return [Math.floor(n / 2 ** 24) % 256, Math.floor(n / 2 ** 16) % 256, Math.floor(n / 256) % 256, n % 256].join('.');
}

/** `10.96.0.0/12` → its first address (as a number) and how many addresses it spans. */
export function parseCIDR(cidr: string): { base: number; size: number } {
  const [ip = '', bits = ''] = cidr.split('/');
  const base = parseIPv4(ip);
  const prefix = Number(bits);
  if (base === undefined || !/^\d{1,2}$/.test(bits) || prefix > 32) throw new Error(`invalid CIDR address: ${cidr}`);
  const size = 2 ** (32 - prefix);
  return { base: base - (base % size), size };
}

export function isAllocation(a: ClusterIPAllocation): a is { ip: string } {
  return 'ip' in a;
}
