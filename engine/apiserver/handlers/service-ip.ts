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
 * "Free" means no stored Service holds it: the store is the allocator's bitmap (upstream keeps a
 * separate one, or IPAddress objects since 1.31's MultiCIDRServiceAllocator). Two creates racing
 * for the same random address are not excluded — with 2^20 addresses, a simulator's risk.
 */
import { newInvalid } from '../../api/errors.ts';
import { fieldErrors } from '../../api/field-errors.ts';
import type { KubeObject } from '../../api/object.ts';
import { prefixEnd } from '../../store/kv.ts';
import { decodeKv } from '../registry/codec.ts';
import { collectionPrefix } from '../registry/keys.ts';
import type { Request, ServerContext } from './context.ts';
import { allocateNodePorts } from './node-port.ts';

/** 10.96.0.0/12 */
const BASE = (10 << 24) | (96 << 16);
const SIZE = 1 << 20;

function toIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function toNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function inRange(ip: string): boolean {
  const n = toNumber(ip);
  return n !== undefined && n > BASE && n < BASE + SIZE - 1;
}

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
  const used = await usedIps(ctx, req);
  const name = obj.metadata?.name ?? '';
  let ip = spec.clusterIP || spec.clusterIPs?.[0] || '';
  if (ip) {
    const path = 'spec.clusterIPs';
    if (!inRange(ip)) throw newInvalid({ group: '', kind: 'Service' }, name, [fieldErrors.invalid(path, [ip], `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is 10.96.0.0/12`)]);
    if (used.has(ip)) throw newInvalid({ group: '', kind: 'Service' }, name, [fieldErrors.invalid(path, [ip], `failed to allocate IP ${ip}: provided IP is already allocated`)]);
  } else {
    // Skip the network and broadcast addresses and the low block kept for well-known services.
    do ip = toIp(BASE + 16 + ctx.random.int(SIZE - 17));
    while (used.has(ip));
  }
  spec.clusterIP = ip;
  spec.clusterIPs = [ip];
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
}
