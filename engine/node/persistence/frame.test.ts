import { describe, expect, it } from 'vitest';
import { encodeFrame, FRAME_HEADER_BYTES, isFrameDamage, readFrame, type Frame, type FrameDamage } from './frame.ts';

const payload = Buffer.from('{"i":1,"r":{"type":"compact","revision":5}}');

function damage(x: ReturnType<typeof readFrame>): FrameDamage {
  if (x === undefined || !isFrameDamage(x)) throw new Error(`expected damage, got ${JSON.stringify(x)}`);
  return x;
}

describe('frame', () => {
  it('is an 8-byte header (little-endian length, CRC-32) followed by the payload', () => {
    const frame = encodeFrame(payload);
    expect(frame.length).toBe(FRAME_HEADER_BYTES + payload.length);
    expect(frame.readUInt32LE(0)).toBe(payload.length);
    expect(frame.subarray(FRAME_HEADER_BYTES).equals(payload)).toBe(true);
  });

  it('reads back consecutive frames and reports the end of the buffer', () => {
    const other = Buffer.from('{"x":2}');
    const buf = Buffer.concat([encodeFrame(payload), encodeFrame(other)]);
    const first = readFrame(buf, 0) as Frame;
    expect(first.payload.equals(payload)).toBe(true);
    const second = readFrame(buf, first.end) as Frame;
    expect(second.payload.equals(other)).toBe(true);
    expect(readFrame(buf, second.end)).toBeUndefined();
  });

  it('reports a cut at every byte of the frame as damage at the frame start', () => {
    const frame = encodeFrame(payload);
    for (let cut = 1; cut < frame.length; cut++) {
      const d = damage(readFrame(frame.subarray(0, cut), 0));
      expect(d.offset).toBe(0);
      expect(d.reason).toMatch(cut < FRAME_HEADER_BYTES ? /partial frame header/ : /runs past the end/);
    }
  });

  it('reports a flipped bit anywhere in the frame', () => {
    const frame = encodeFrame(payload);
    for (let byte = 0; byte < frame.length; byte++) {
      const bad = Buffer.from(frame);
      bad[byte]! ^= 0x10;
      expect(isFrameDamage(readFrame(bad, 0) ?? { offset: 0, end: 0, payload })).toBe(true);
    }
  });

  it('treats zeroed bytes as damage, not as an empty record', () => {
    expect(damage(readFrame(Buffer.alloc(64), 0)).reason).toMatch(/zero-length/);
  });

  it('refuses to encode an empty payload', () => {
    expect(() => encodeFrame(Buffer.alloc(0))).toThrow(/empty payload/);
  });
});
