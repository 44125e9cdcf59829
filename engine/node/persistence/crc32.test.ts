import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.ts';

describe('crc32', () => {
  it('gives the standard check value 0xCBF43926 for "123456789"', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('is 0 for no bytes and unsigned for every input', () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(Buffer.from([0xff, 0xff, 0xff, 0xff]))).toBeGreaterThanOrEqual(0);
  });

  it('changes when any single bit of the input flips', () => {
    const data = Buffer.from('{"i":1,"r":{"type":"txn","revision":2,"ops":[]}}');
    const good = crc32(data);
    for (let byte = 0; byte < data.length; byte++) {
      for (let bit = 0; bit < 8; bit++) {
        const damaged = Buffer.from(data);
        damaged[byte]! ^= 1 << bit;
        expect(crc32(damaged)).not.toBe(good);
      }
    }
  });
});
