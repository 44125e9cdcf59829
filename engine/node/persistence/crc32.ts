/**
 * CRC-32 (IEEE 802.3, the zip/PNG polynomial 0xEDB88320) of a byte range.
 *
 * The checksum only has to catch accidental damage — a half-written frame, a flipped bit, a block
 * of zeros where data should be — not an adversary. etcd's WAL uses CRC-32C (Castagnoli) for the
 * same job (server/storage/wal/wal.go, `crcTable`); Node ships the IEEE variant natively as
 * zlib.crc32 (Node ≥ 20.15), which is fast enough that checksumming never shows up in the
 * benchmarks.
 *
 * Check value (the standard test vector): crc32("123456789") === 0xCBF43926.
 */
import { crc32 as zlibCrc32 } from 'node:zlib';

/** Unsigned 32-bit CRC of `data`. */
export function crc32(data: Uint8Array): number {
  return zlibCrc32(data) >>> 0;
}
