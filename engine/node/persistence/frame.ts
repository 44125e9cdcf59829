/**
 * Framing: how one record sits in a log segment (and how a snapshot sits in its file).
 *
 *   offset 0  u32 little-endian  payload length in bytes (> 0)
 *   offset 4  u32 little-endian  CRC-32 of the payload
 *   offset 8  payload            UTF-8 JSON
 *
 * A reader walks frames from the start of the file and stops at the first one that does not
 * check out. Why each check exists:
 *  - fewer than 8 bytes left: the process died while writing a header (a torn write);
 *  - length 0: a block of zeros (a file extended but never written, e.g. after a power loss)
 *    — a real payload is never empty, and the CRC of nothing is 0, so zeros would otherwise pass;
 *  - length running past the end of the file: the payload was torn, or the length itself is
 *    damaged;
 *  - CRC mismatch: the payload (or its length) is damaged.
 * Everything before the first bad frame is trustworthy; what to do with what follows is the
 * reader's decision (see wal-reader.ts).
 *
 * etcd frames its WAL the same way in spirit (server/storage/wal/encoder.go: an 8-byte length,
 * then a protobuf record carrying its CRC; decoder.go stops at io.ErrUnexpectedEOF for a torn
 * tail). etcd chains each CRC over all previous records; here every record also carries its log
 * index (wal-entry.ts), which gives the same protection against lost or reordered frames.
 */
import { crc32 } from './crc32.ts';

export const FRAME_HEADER_BYTES = 8;
/** Largest payload a reader accepts; a bigger length field is treated as damage. */
export const MAX_FRAME_PAYLOAD_BYTES = 512 * 1024 * 1024;

/** Header + payload, ready to be written. */
export function encodeFrame(payload: Uint8Array): Buffer {
  if (payload.length === 0) throw new Error('encodeFrame: empty payload');
  if (payload.length > MAX_FRAME_PAYLOAD_BYTES) throw new Error(`encodeFrame: payload of ${payload.length} bytes is over the limit`);
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  frame.writeUInt32LE(payload.length, 0);
  frame.writeUInt32LE(crc32(payload), 4);
  frame.set(payload, FRAME_HEADER_BYTES);
  return frame;
}

export interface Frame {
  /** Byte offset of the frame's header in the buffer. */
  offset: number;
  /** Byte offset just after the frame. */
  end: number;
  payload: Buffer;
}

export interface FrameDamage {
  /** Byte offset of the first frame that does not check out. */
  offset: number;
  reason: string;
}

/**
 * Reads one frame at `offset`. Returns undefined at the exact end of the buffer, a FrameDamage
 * when the bytes at `offset` are not a whole, intact frame.
 */
export function readFrame(buf: Buffer, offset: number): Frame | FrameDamage | undefined {
  const left = buf.length - offset;
  if (left === 0) return undefined;
  if (left < FRAME_HEADER_BYTES) return { offset, reason: `partial frame header (${left} of ${FRAME_HEADER_BYTES} bytes)` };
  const length = buf.readUInt32LE(offset);
  if (length === 0) return { offset, reason: 'zero-length frame (zeroed bytes)' };
  if (length > MAX_FRAME_PAYLOAD_BYTES) return { offset, reason: `frame length ${length} is over the ${MAX_FRAME_PAYLOAD_BYTES}-byte limit` };
  if (length > left - FRAME_HEADER_BYTES) {
    return { offset, reason: `frame length ${length} runs past the end of the file (${left - FRAME_HEADER_BYTES} bytes left)` };
  }
  const start = offset + FRAME_HEADER_BYTES;
  const payload = buf.subarray(start, start + length);
  if (crc32(payload) !== buf.readUInt32LE(offset + 4)) return { offset, reason: 'checksum mismatch' };
  return { offset, end: start + length, payload };
}

export function isFrameDamage(x: Frame | FrameDamage): x is FrameDamage {
  return 'reason' in x;
}
