import { describe, expect, it } from 'vitest';
import { computeHash, fnv32a, safeEncodeString } from './pod-template-hash.ts';

describe('pod-template-hash', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };

  it('is FNV-32a (the standard test vectors)', () => {
    const bytes = (s: string) => [...s].map((c) => c.charCodeAt(0));
    expect(fnv32a([])).toBe(0x811c9dc5);
    expect(fnv32a(bytes('a'))).toBe(0xe40c292c);
    expect(fnv32a(bytes('foobar'))).toBe(0xbf9cf968);
  });

  it('encodes the decimal sum with the safe alphabet (no vowels, no 0/1/3)', () => {
    // '0' is byte 48, 48 % 27 = 21 → '4': upstream hashes only ever use 4-9 and b, c, d, f.
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    expect(computeHash(template)).toMatch(/^[456789bcdf]{1,10}$/);
  });

  it('is the same for equal templates whatever the key order, and differs when the template changes', () => {
    const reordered = { spec: { containers: [{ image: 'nginx:1.27', name: 'nginx' }] }, metadata: { labels: { app: 'web' } } };
    expect(computeHash(reordered)).toBe(computeHash(template));
    expect(computeHash({ ...template, spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } })).not.toBe(computeHash(template));
  });

  it('moves with the collision count', () => {
    expect(computeHash(template, 1)).not.toBe(computeHash(template));
    expect(computeHash(template, 1)).not.toBe(computeHash(template, 2));
    expect(computeHash(template, 0)).not.toBe(computeHash(template));
  });
});
