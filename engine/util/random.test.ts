import { describe, expect, it } from 'vitest';
import { Random } from './random.ts';

describe('Random', () => {
  it('gives the same sequence for the same seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    expect(Array.from({ length: 5 }, () => a.nextUint32())).toEqual(Array.from({ length: 5 }, () => b.nextUint32()));
  });

  it('gives different sequences for different seeds', () => {
    expect(new Random(1).nextUint32()).not.toBe(new Random(2).nextUint32());
  });

  it('forks independent, repeatable streams', () => {
    const a = new Random('seed').fork('scheduler');
    const b = new Random('seed').fork('scheduler');
    const c = new Random('seed').fork('kubelet');
    expect(a.float()).toBe(b.float());
    expect(new Random('seed').fork('scheduler').float()).not.toBe(c.float());
  });

  it('int stays in range and covers it', () => {
    const r = new Random(7);
    const seen = new Set<number>();
    for (let i = 0; i < 1_000; i++) {
      const n = r.int(5);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(5);
      seen.add(n);
    }
    expect(seen.size).toBe(5);
  });

  it('makes RFC 4122 v4 UUIDs', () => {
    const r = new Random(3);
    for (let i = 0; i < 50; i++) expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('shuffle keeps every element', () => {
    expect(new Random(9).shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
