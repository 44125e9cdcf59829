/**
 * Exercise `service.ipalloc`: the ClusterIP allocator. Read engine/apiserver/handlers/ip-allocator.ts
 * for the contract, the upstream messages and a worked example; parseCIDR, parseIPv4 and formatIPv4
 * there do the address arithmetic for you.
 */
import type { ClusterIPAllocation, ClusterIPRequest } from '../../engine/apiserver/handlers/ip-allocator.ts';

export function allocateIP(request: ClusterIPRequest): ClusterIPAllocation {
  void request;
  // TODO: a requested address is kept when it is a usable address of the range and no Service
  // holds it; otherwise refuse it with the reason (NotInRange or Allocated) and upstream's words.
  // TODO: with no request, pick a free usable address at random (request.random), from the upper
  // part of the range before the small static band at its start; refuse with Full when none is left.
  throw new Error('TODO: service.ipalloc allocateIP');
}
