import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../util/clock.ts';
import { Lessor } from './lease.ts';

function setup() {
  const clock = new VirtualClock();
  const expired: number[] = [];
  const lessor = new Lessor(clock, (id) => expired.push(id));
  return { clock, expired, lessor };
}

describe('Lessor', () => {
  it('reports a lease as expired exactly when its TTL has passed on the clock', async () => {
    const { clock, expired, lessor } = setup();
    lessor.grant(1, 10);
    await clock.advance(9_999);
    expect(expired).toEqual([]);
    await clock.advance(1);
    expect(expired).toEqual([1]);
  });

  it('keep-alive restarts the TTL from now', async () => {
    const { clock, expired, lessor } = setup();
    lessor.grant(1, 10);
    await clock.advance(8_000);
    expect(lessor.keepAlive(1)?.ttl).toBe(10);
    await clock.advance(8_000);
    expect(expired).toEqual([]);
    await clock.advance(2_000);
    expect(expired).toEqual([1]);
  });

  it('an expired lease cannot be kept alive', async () => {
    const { clock, lessor } = setup();
    lessor.grant(1, 1);
    await clock.advance(1_000);
    expect(lessor.keepAlive(1)).toBeUndefined();
    expect(lessor.remaining(1)).toBe(-1);
  });

  it('remaining TTL is in whole seconds, truncated; -1 for unknown leases', async () => {
    const { clock, lessor } = setup();
    lessor.grant(1, 10);
    expect(lessor.remaining(1)).toBe(10);
    await clock.advance(1);
    expect(lessor.remaining(1)).toBe(9);
    expect(lessor.remaining(2)).toBe(-1);
  });

  it('expires many leases in deadline order with a single clock timer', async () => {
    const { clock, expired, lessor } = setup();
    for (let id = 1; id <= 1000; id++) lessor.grant(id, 1 + ((id * 37) % 50));
    expect(clock.pending()).toBe(1);
    await clock.advance(60_000);
    expect(expired).toHaveLength(1000);
    const ttlOf = (id: number) => 1 + ((id * 37) % 50);
    for (let i = 1; i < expired.length; i++) {
      const [a, b] = [expired[i - 1]!, expired[i]!];
      expect(ttlOf(a) < ttlOf(b) || (ttlOf(a) === ttlOf(b) && a < b)).toBe(true);
    }
  });

  it('a revoked lease never expires and returns its keys', async () => {
    const { clock, expired, lessor } = setup();
    lessor.grant(1, 5);
    lessor.attach(1, '/b');
    lessor.attach(1, '/a');
    lessor.detach(1, '/b');
    expect(lessor.revoke(1)).toEqual(['/a']);
    await clock.advance(10_000);
    expect(expired).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  it('picks ids that are not in use', () => {
    const { lessor } = setup();
    lessor.grant(2, 5);
    expect(lessor.nextId()).toBe(3);
    expect(lessor.nextId()).toBe(4);
  });
});
