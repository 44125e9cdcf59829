import { describe, expect, it } from 'vitest';
import { Random } from '../../util/random.ts';
import { generateName, NAME_SUFFIX_ALPHABET, rfc3339 } from './names.ts';

describe('generateName', () => {
  it('appends 5 characters from bcdfghjklmnpqrstvwxz2456789 and is repeatable from the seed', () => {
    const a = generateName('web-', new Random('s'));
    expect(a).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(generateName('web-', new Random('s'))).toBe(a);
    expect(NAME_SUFFIX_ALPHABET).toBe('bcdfghjklmnpqrstvwxz2456789');
  });

  it('cuts a long prefix so that the name fits 63 characters', () => {
    expect(generateName('x'.repeat(80), new Random(1))).toHaveLength(63);
  });
});

describe('rfc3339', () => {
  it('prints whole seconds in UTC with a Z', () => {
    expect(rfc3339(Date.UTC(2025, 0, 1, 12, 30, 5, 999))).toBe('2025-01-01T12:30:05Z');
  });
});
