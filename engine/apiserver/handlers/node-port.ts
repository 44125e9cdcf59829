/**
 * NodePort allocation for Services (upstream: pkg/registry/core/service/portallocator over
 * --service-node-port-range, default 30000-32767, driven by pkg/registry/core/service/storage
 * alloc.go allocNodePorts / initNodePorts).
 *
 * Contract, on create of a core/v1 Service of type NodePort or LoadBalancer (a LoadBalancer with
 * spec.allocateLoadBalancerNodePorts false gets none, as upstream):
 *  - every port without a nodePort (absent or 0) gets a free one of the range, picked with the
 *    server's Random;
 *  - a requested nodePort is kept; one outside the range is 422
 *    (`spec.ports[i].nodePort: Invalid value: N: provided port is not in the valid range. The range
 *    of valid ports is 30000-32767`, portallocator ErrNotInRange), one already used by any Service
 *    of any namespace is 422 (`... provided port is already allocated`, portallocator ErrAllocated).
 * "Free" means no stored Service holds it: the store is the allocator's bitmap, so deleting a
 * Service frees its ports with no further state. Two creates racing for the same random port are
 * not excluded (as for ClusterIPs). Keeping ports across an update and releasing them when the
 * type goes back to ClusterIP is the service strategy's job (strategies/strategy-for.ts).
 */
import { newInternalError, newInvalid } from '../../api/errors.ts';
import { fieldErrors, FieldPath } from '../../api/field-errors.ts';
import type { KubeObject } from '../../api/object.ts';
import { NODE_PORT_RANGE } from '../../api/validation/service.ts';
import { prefixEnd } from '../../store/kv.ts';
import { decodeKv } from '../registry/codec.ts';
import { collectionPrefix } from '../registry/keys.ts';
import type { Request, ServerContext } from './context.ts';

interface ServicePort {
  name?: string;
  nodePort?: number;
}

export interface NodePortServiceSpec {
  type?: string;
  allocateLoadBalancerNodePorts?: boolean;
  ports?: ServicePort[];
}

/** upstream service storage needsNodePort: the types whose ports are exposed on every node. */
export function needsNodePort(spec: NodePortServiceSpec | undefined): boolean {
  if (spec?.type === 'NodePort') return true;
  return spec?.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false;
}

/** Every nodePort held by a stored Service, in any namespace. */
async function usedNodePorts(ctx: ServerContext, req: Request): Promise<Set<number>> {
  const prefix = collectionPrefix(req.info, '');
  const r = await ctx.kv.range(prefix, { rangeEnd: prefixEnd(prefix) });
  const used = new Set<number>();
  for (const kv of r.kvs) {
    for (const p of ((decodeKv(kv).spec ?? {}) as NodePortServiceSpec).ports ?? []) if (p.nodePort) used.add(p.nodePort);
  }
  return used;
}

/** Sets spec.ports[*].nodePort of a NodePort/LoadBalancer Service being created. */
export async function allocateNodePorts(ctx: ServerContext, req: Request, obj: KubeObject): Promise<void> {
  if (req.info.group !== '' || req.info.plural !== 'services') return;
  const spec = obj.spec as NodePortServiceSpec | undefined;
  if (!needsNodePort(spec) || !spec?.ports?.length) return;
  const used = await usedNodePorts(ctx, req);
  const name = obj.metadata?.name ?? '';
  const { min, max } = NODE_PORT_RANGE;
  const invalid = (i: number, port: number, msg: string) =>
    newInvalid({ group: '', kind: 'Service' }, name, [fieldErrors.invalid(FieldPath.root('spec').child('ports').index(i).child('nodePort'), port, msg)]);
  // Requested ports first, so that a random pick never takes one a later port asks for.
  spec.ports.forEach((p, i) => {
    if (!p.nodePort) return;
    if (p.nodePort < min || p.nodePort > max) throw invalid(i, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${min}-${max}`);
    if (used.has(p.nodePort)) throw invalid(i, p.nodePort, 'provided port is already allocated');
    used.add(p.nodePort);
  });
  for (const p of spec.ports) {
    if (p.nodePort) continue;
    // portallocator ErrFull; alloc.go reports a failed AllocateNext as an internal error.
    if (used.size > max - min) throw newInternalError('failed to allocate a nodePort: range is full');
    let port: number;
    do port = min + ctx.random.int(max - min + 1);
    while (used.has(port));
    p.nodePort = port;
    used.add(port);
  }
}
