/**
 * host-local IPAM, as the CNI plugin of the same name allocates pod IPs from a node's podCIDR
 * (containernetworking/plugins plugins/ipam/host-local/backend/allocator): the first address is
 * the network, `.1` the gateway (the node's cni0 bridge), the last the broadcast address; pods
 * get the others. Allocation continues after the last address handed out and wraps around, so
 * a just-released IP is not reused at once (which keeps stale endpoints from hitting a new pod).
 */

export interface Ipam {
  /** The next free IP, or undefined when the range is exhausted. */
  allocate(owner: string): string | undefined;
  release(ip: string): void;
  /** Live allocations: ip → owner. */
  allocated(): ReadonlyMap<string, string>;
  readonly rangeDescription: string;
}

export function parseCidr(cidr: string): { base: number; bits: number } {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m) throw new RangeError(`invalid CIDR address: ${cidr}`);
  const bits = Number(m[5]);
  const ip = (((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0) as number;
  if (bits < 8 || bits > 30) throw new RangeError(`podCIDR /${bits} is not supported (use /8 to /30)`);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: (ip & mask) >>> 0, bits };
}

export function formatIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function createHostLocalIpam(podCIDR: string): Ipam {
  const { base, bits } = parseCidr(podCIDR);
  const size = 2 ** (32 - bits);
  const first = 2; // .0 network, .1 gateway
  const last = size - 2; // size-1 is broadcast
  const used = new Map<string, string>();
  let lastReserved = first - 1;
  return {
    rangeDescription: `${formatIp(base + 1)}-${formatIp(base + last)}`,
    allocate(owner) {
      const count = last - first + 1;
      for (let k = 1; k <= count; k++) {
        const offset = first + ((lastReserved - first + k) % count);
        const ip = formatIp(base + offset);
        if (!used.has(ip)) {
          used.set(ip, owner);
          lastReserved = offset;
          return ip;
        }
      }
      return undefined;
    },
    release(ip) {
      used.delete(ip);
    },
    allocated: () => used,
  };
}
