/**
 * The part cases of the `service.ipalloc` part: grader/tests/service-ipalloc.ts runs them against
 * the learner's part, the self-check against the reference, the stub and the mutants, and
 * ip-allocator.test.ts against the reference. Each case throws on failure.
 */
import { expect } from 'vitest';
import { Random } from '../../util/random.ts';
import { formatIPv4, isAllocation, parseIPv4, type ClusterIPAllocation, type ClusterIPAllocator } from './ip-allocator.ts';

export interface IpAllocCase {
  name: string;
  run(allocate: ClusterIPAllocator): void;
}

/** The address it got, or a failure that shows the refusal. */
function ipOf(a: ClusterIPAllocation): string {
  if (!isAllocation(a)) throw new Error(`expected an address, got a refusal: ${a.refused} (${a.message})`);
  return a.ip;
}

/** Allocates until refused; returns the addresses in order and the refusal. */
function drain(allocate: ClusterIPAllocator, cidr: string, seed: string, max = 300): { ips: string[]; last: ClusterIPAllocation } {
  const random = new Random(seed);
  const used = new Set<string>();
  const ips: string[] = [];
  for (let i = 0; i < max; i++) {
    const a = allocate({ cidr, used: new Set(used), random });
    if (!isAllocation(a)) return { ips, last: a };
    ips.push(a.ip);
    used.add(a.ip);
  }
  throw new Error(`still handing out addresses after ${max} allocations from ${cidr}`);
}

const range = (from: string, to: string) => {
  const out: string[] = [];
  for (let n = parseIPv4(from)!; n <= parseIPv4(to)!; n++) out.push(formatIPv4(n));
  return out;
};

export const ipAllocCases: readonly IpAllocCase[] = [
  {
    name: 'a requested free address of the range is kept as asked',
    run(allocate) {
      const a = allocate({ cidr: '10.96.0.0/12', used: new Set(['10.96.0.1']), requested: '10.96.0.10', random: new Random(1) });
      expect(a).toEqual({ ip: '10.96.0.10' });
      expect(allocate({ cidr: '10.96.0.0/12', used: new Set(), requested: '10.111.255.254', random: new Random(1) })).toEqual({ ip: '10.111.255.254' });
    },
  },
  {
    name: 'a requested address another Service holds is refused: "provided IP is already allocated"',
    run(allocate) {
      const a = allocate({ cidr: '10.96.0.0/12', used: new Set(['10.96.0.10', '10.96.0.1']), requested: '10.96.0.10', random: new Random(1) });
      expect(a).toEqual({ refused: 'Allocated', message: 'provided IP is already allocated' });
    },
  },
  {
    name: 'a requested address outside the range is refused with the valid range in the message',
    run(allocate) {
      expect(allocate({ cidr: '10.96.0.0/12', used: new Set(), requested: '10.112.0.1', random: new Random(1) })).toEqual({
        refused: 'NotInRange',
        message: 'the provided IP (10.112.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
      });
      expect(allocate({ cidr: '10.0.0.0/24', used: new Set(), requested: '192.168.0.7', random: new Random(1) })).toMatchObject({ refused: 'NotInRange' });
    },
  },
  {
    name: "the range's network and broadcast addresses can be neither requested nor handed out",
    run(allocate) {
      for (const ip of ['10.96.0.0', '10.111.255.255']) {
        expect(allocate({ cidr: '10.96.0.0/12', used: new Set(), requested: ip, random: new Random(1) })).toMatchObject({ refused: 'NotInRange' });
      }
      const { ips } = drain(allocate, '10.0.0.0/29', 'edges');
      expect(ips).not.toContain('10.0.0.0');
      expect(ips).not.toContain('10.0.0.7');
    },
  },
  {
    name: 'picked addresses are never ones already held, and a small range is used up address by address',
    run(allocate) {
      const { ips, last } = drain(allocate, '10.0.0.0/28', 'small');
      expect([...ips].sort((a, b) => parseIPv4(a)! - parseIPv4(b)!)).toEqual(range('10.0.0.1', '10.0.0.14'));
      expect(last).toEqual({ refused: 'Full', message: 'range is full' });
    },
  },
  {
    name: 'a full range is refused with "range is full", and a freed address is handed out again',
    run(allocate) {
      const all = new Set(range('10.0.0.1', '10.0.0.6'));
      expect(allocate({ cidr: '10.0.0.0/29', used: all, random: new Random(2) })).toEqual({ refused: 'Full', message: 'range is full' });
      all.delete('10.0.0.4');
      expect(allocate({ cidr: '10.0.0.0/29', used: all, random: new Random(2) })).toEqual({ ip: '10.0.0.4' });
    },
  },
  {
    name: 'random picks avoid the static band at the start of the range until the rest is full',
    run(allocate) {
      // /24: 256 addresses, static band 256/16 = 16 → 10.0.0.1 … 10.0.0.16 are picked last.
      const { ips, last } = drain(allocate, '10.0.0.0/24', 'bands');
      expect(ips).toHaveLength(254);
      const firstUpper = ips.slice(0, 238);
      expect(firstUpper.filter((ip) => parseIPv4(ip)! <= parseIPv4('10.0.0.16')!)).toEqual([]);
      expect([...ips.slice(238)].sort((a, b) => parseIPv4(a)! - parseIPv4(b)!)).toEqual(range('10.0.0.1', '10.0.0.16'));
      expect(last).toMatchObject({ refused: 'Full' });
    },
  },
  {
    name: 'picks are random (seeded): different seeds spread over the range, the same seed repeats',
    run(allocate) {
      const pick = (seed: string) => ipOf(allocate({ cidr: '10.96.0.0/12', used: new Set(), random: new Random(seed) }));
      const picks = new Set(['a', 'b', 'c', 'd', 'e', 'f'].map(pick));
      expect(picks.size).toBeGreaterThan(3);
      expect(pick('a')).toBe(pick('a'));
      for (const ip of picks) {
        const n = parseIPv4(ip)!;
        expect(n).toBeGreaterThan(parseIPv4('10.96.0.255')!);
        expect(n).toBeLessThan(parseIPv4('10.111.255.255')!);
      }
    },
  },
  {
    name: 'the used set is only read, never changed',
    run(allocate) {
      const used = new Set(['10.0.0.1']);
      ipOf(allocate({ cidr: '10.0.0.0/24', used, random: new Random(3) }));
      allocate({ cidr: '10.0.0.0/24', used, requested: '10.0.0.9', random: new Random(3) });
      expect([...used]).toEqual(['10.0.0.1']);
    },
  },
];
