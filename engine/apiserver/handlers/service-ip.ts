/**
 * ClusterIP allocation for Services (upstream: pkg/registry/core/service/storage alloc.go
 * txn.allocClusterIPs with the ipallocator over --service-cluster-ip-range; kubeadm's default
 * range is 10.96.0.0/12, whose first addresses go to `kubernetes` (10.96.0.1) and kube-dns
 * (10.96.0.10)).
 *
 * Contract, on create of a core/v1 Service:
 *  - type ExternalName, or clusterIP "None" (headless): nothing is allocated;
 *  - clusterIP unset or "": a free address of the range, picked with the server's Random, is set
 *    as spec.clusterIP and spec.clusterIPs = [ip], with ipFamilies ["IPv4"] and ipFamilyPolicy
 *    "SingleStack" when unset;
 *  - clusterIP given: kept; one outside the range is 422 (`spec.clusterIPs: Invalid value: ...:
 *    failed to allocate IP ...: the provided IP (...) is not in the valid range`), one already used
 *    by another Service is 422 (`... provided IP is already allocated`).
 * The decision (which address, or why not) is the `service.ipalloc` part (ip-allocator.ts),
 * injected through the ServerContext; this file gathers the used addresses and turns a refusal
 * into the API error. "Free" means no stored Service holds it: the store is the allocator's bitmap (upstream keeps a
 * separate one, or IPAddress objects since 1.31's MultiCIDRServiceAllocator). Two creates racing
 * for the same random address are not excluded — with 2^20 addresses, a simulator's risk.
 */
import { newInternalError, newInvalid } from '../../api/errors.ts';
import { fieldErrors } from '../../api/field-errors.ts';
import type { KubeObject } from '../../api/object.ts';
import { prefixEnd } from '../../store/kv.ts';
import { decodeKv } from '../registry/codec.ts';
import { collectionPrefix } from '../registry/keys.ts';
import type { Request, ServerContext } from './context.ts';
import { isAllocation, SERVICE_CIDR } from './ip-allocator.ts';
import { allocateNodePorts } from './node-port.ts';

interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
}

async function usedIps(ctx: ServerContext, req: Request): Promise<Set<string>> {
  const prefix = collectionPrefix(req.info, '');
  const r = await ctx.kv.range(prefix, { rangeEnd: prefixEnd(prefix) });
  const used = new Set<string>();
  for (const kv of r.kvs) {
    const ip = ((decodeKv(kv).spec ?? {}) as ServiceSpec).clusterIP;
    if (ip) used.add(ip);
  }
  return used;
}

/**
 * Sets spec.clusterIP(s) of a Service being created, then its nodePorts (node-port.ts), in
 * upstream's order (alloc.go: allocClusterIPs, then allocNodePorts); a no-op for every other kind.
 */
export async function allocateClusterIP(ctx: ServerContext, req: Request, obj: KubeObject): Promise<void> {
  if (req.info.group !== '' || req.info.plural !== 'services') return;
  const spec = (obj.spec ??= {}) as ServiceSpec;
  if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None') await allocateIP(ctx, req, obj, spec);
  await allocateNodePorts(ctx, req, obj);
}

async function allocateIP(ctx: ServerContext, req: Request, obj: KubeObject, spec: ServiceSpec): Promise<void> {
  const allocator = ctx.clusterIPAllocator;
  if (!allocator) throw newInternalError('failed to allocate a serviceIP: no ClusterIP allocator is configured (part service.ipalloc)');
  const used = await usedIps(ctx, req);
  const name = obj.metadata?.name ?? '';
  const requested = spec.clusterIP || spec.clusterIPs?.[0] || '';
  const answer = allocator({ cidr: SERVICE_CIDR, used, requested: requested || undefined, random: ctx.random });
  if (!isAllocation(answer)) {
    // alloc.go: a refused request is the user's mistake (422 on spec.clusterIPs); a full range on
    // a pick is the server's problem (500, AllocateNext's error wrapped as an internal error).
    if (!requested || answer.refused === 'Full') throw newInternalError(`failed to allocate a serviceIP: ${answer.message}`);
    throw newInvalid({ group: '', kind: 'Service' }, name, [fieldErrors.invalid('spec.clusterIPs', [requested], `failed to allocate IP ${requested}: ${answer.message}`)]);
  }
  spec.clusterIP = answer.ip;
  spec.clusterIPs = [answer.ip];
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
}
