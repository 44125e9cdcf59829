/**
 * What a simulated node looks like before its kubelet registers it: name, size, labels, taints,
 * and the addresses the cluster hands out. `createCluster({ nodes: 3 })` makes three of these with
 * the defaults below; `nodes: [{ cpu: '8', zone: 'b' }, ...]` describes each one.
 */
import type { corev1 } from '../api/types.ts';

export interface NodeSpec {
  /** Default `node-1`, `node-2`, ... */
  name?: string;
  /** Capacity (allocatable is the same here: no system reservations). Default '4'. */
  cpu?: string;
  /** Default '8Gi'. */
  memory?: string;
  /** Max pods (kubelet --max-pods). Default 110. */
  pods?: number;
  labels?: Record<string, string>;
  taints?: corev1.Taint[];
  /** topology.kubernetes.io/zone; default spreads nodes over zone-a, zone-b, zone-c. */
  zone?: string;
  /** topology.kubernetes.io/region; default 'region-1'. */
  region?: string;
}

export interface ResolvedNodeSpec {
  name: string;
  cpu: string;
  memory: string;
  pods: number;
  labels: Record<string, string>;
  taints: corev1.Taint[];
  /** The node's pod CIDR: a /24 per node (what kube-controller-manager's node IPAM would assign). */
  podCIDR: string;
  /** The node's InternalIP in 172.18.0.0/16 (kind's docker network, familiar to learners). */
  nodeIP: string;
}

const ZONES = ['zone-a', 'zone-b', 'zone-c'];

/** 10.244.1.0/24, 10.244.2.0/24, ...; past 255 nodes the next /16 (10.245.0.0/24, ...). */
const MAX_NODES = 256 * 12 - 1;

export function podCIDRFor(index: number): string {
  const n = index + 1;
  return `10.${244 + Math.floor(n / 256)}.${n % 256}.0/24`;
}

export function resolveNodeSpecs(nodes: number | NodeSpec[] | undefined): ResolvedNodeSpec[] {
  const specs: NodeSpec[] = typeof nodes === 'number' ? Array.from({ length: nodes }, () => ({})) : (nodes ?? []);
  if (specs.length > MAX_NODES) throw new RangeError(`createCluster: at most ${MAX_NODES} nodes fit the pod network, got ${specs.length}`);
  const names = new Set<string>();
  return specs.map((s, i) => {
    const name = s.name ?? `node-${i + 1}`;
    if (names.has(name)) throw new Error(`createCluster: two nodes are named ${name}`);
    names.add(name);
    return {
      name,
      cpu: s.cpu ?? '4',
      memory: s.memory ?? '8Gi',
      pods: s.pods ?? 110,
      labels: {
        'topology.kubernetes.io/region': s.region ?? 'region-1',
        'topology.kubernetes.io/zone': s.zone ?? (ZONES[i % ZONES.length] as string),
        ...s.labels,
      },
      taints: s.taints ?? [],
      podCIDR: podCIDRFor(i),
      nodeIP: `172.18.${Math.floor((i + 2) / 256)}.${(i + 2) % 256}`,
    };
  });
}
