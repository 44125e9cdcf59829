import { describe, expect, it } from 'vitest';
import { createHostLocalIpam } from './ipam.ts';

describe('host-local IPAM', () => {
  it('skips the network address and the .1 gateway, never hands out the broadcast address', () => {
    const ipam = createHostLocalIpam('10.244.2.0/30');
    expect(ipam.allocate('a')).toBe('10.244.2.2');
    expect(ipam.allocate('b')).toBeUndefined();
  });

  it('never gives one IP to two live owners, and reuses a released IP only after wrapping around', () => {
    const ipam = createHostLocalIpam('10.0.0.0/29');
    const got = ['a', 'b', 'c', 'd', 'e'].map((o) => ipam.allocate(o));
    expect(new Set(got).size).toBe(5);
    ipam.release('10.0.0.4');
    expect(ipam.allocate('f')).toBe('10.0.0.4');
    ipam.release('10.0.0.2');
    ipam.release('10.0.0.5');
    expect(ipam.allocate('g')).toBe('10.0.0.5');
    expect(ipam.allocate('h')).toBe('10.0.0.2');
    expect([...ipam.allocated().values()].sort()).toEqual(['b', 'e', 'f', 'g', 'h']);
  });

  it('rejects a malformed CIDR', () => {
    expect(() => createHostLocalIpam('10.0.0.0')).toThrow(/invalid CIDR/);
  });
});
