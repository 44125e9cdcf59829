/**
 * Reference for the `service.ipalloc` part: the ClusterIP allocator's decision. The contract and a
 * worked example are in engine/apiserver/handlers/ip-allocator.ts.
 *
 * Why it looks like this (upstream pkg/registry/core/service/ipallocator and allocator/):
 *  - upstream keeps a bitmap with one bit per usable address; here the set of addresses stored
 *    Services hold plays the bitmap. Deleting a Service frees its address with no extra state,
 *    and an apiserver restart rebuilds the same view from the store (upstream's repair loop does
 *    the same from the Services it lists).
 *  - The network and broadcast addresses are outside the bitmap (upstream sizes it to the range
 *    minus two), so they can neither be picked nor requested: that is "not in range".
 *  - A request is checked before anything random happens: an explicit address either fits or is
 *    refused with the reason kubectl shows; it is never silently replaced.
 *  - A random pick starts at a random offset and scans forward for a free bit (upstream
 *    randomScanStrategyWithOffset), first in the upper band, then in the lower "static" band
 *    (KEP-3070), so addresses admins hand out by convention — 10.96.0.1 for `kubernetes`,
 *    10.96.0.10 for kube-dns — are rarely taken by chance. A scan, not retries: it ends even when
 *    the range is almost full, and reports `range is full` only when it truly is.
 */
import { formatIPv4, parseCIDR, parseIPv4, type ClusterIPAllocation, type ClusterIPRequest } from '../../engine/apiserver/handlers/ip-allocator.ts';

/** upstream calculateRangeOffset: min(max(16, size/16), 256), and 0 for ranges of 16 or fewer. */
function staticBand(size: number): number {
  if (size <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / 16)), 256);
}

export function allocateIP(request: ClusterIPRequest): ClusterIPAllocation {
  const { cidr, used, random } = request;
  const { base, size } = parseCIDR(cidr);
  // Usable offsets 0 … usable-1 stand for base+1 … base+size-2.
  const usable = Math.max(0, size - 2);

  if (request.requested) {
    const n = parseIPv4(request.requested);
    const offset = n === undefined ? -1 : n - base - 1;
    if (offset < 0 || offset >= usable) {
      return { refused: 'NotInRange', message: `the provided IP (${request.requested}) is not in the valid range. The range of valid IPs is ${cidr}` };
    }
    if (used.has(formatIPv4(n!))) return { refused: 'Allocated', message: 'provided IP is already allocated' };
    return { ip: formatIPv4(n!) };
  }

  const band = Math.min(staticBand(size), usable);
  // Upper band [band, usable), then lower band [0, band).
  for (const [from, to] of [[band, usable], [0, band]] as const) {
    const span = to - from;
    if (span <= 0) continue;
    const start = random.int(span);
    for (let k = 0; k < span; k++) {
      const ip = formatIPv4(base + 1 + from + ((start + k) % span));
      if (!used.has(ip)) return { ip };
    }
  }
  return { refused: 'Full', message: 'range is full' };
}
