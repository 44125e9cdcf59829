/**
 * The payload of one log frame: `{"i": <log index>, "r": <WalRecord>}` as JSON.
 *
 * The log index counts frames from 1 across all segments, like a raft log index in etcd's WAL
 * (each raftpb.Entry carries its Index). It lets the reader prove nothing is missing: frames in a
 * segment must be consecutive and a segment must start where its file name says
 * (segment-name.ts), and a snapshot records the last index it covers (snapshotter.ts) — records
 * with a higher index are the ones to replay after it.
 *
 * JSON keeps the log readable with `strings` or a text editor, which suits a course; the CRC in
 * the frame (frame.ts) guards it, and `decodeWalEntry` re-checks the shape so that a frame with a
 * valid CRC but nonsense inside (a bug, a stray file) is reported instead of replayed.
 */
import type { WalOp, WalRecord } from '../../store/backend.ts';

export interface WalEntry {
  index: number;
  record: WalRecord;
}

export function encodeWalEntry(entry: WalEntry): Buffer {
  return Buffer.from(JSON.stringify({ i: entry.index, r: entry.record }), 'utf8');
}

/** The entry, or a reason why the payload is not one. */
export function decodeWalEntry(payload: Buffer): WalEntry | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    return 'payload is not valid JSON';
  }
  if (!isObject(parsed) || !isIndex(parsed.i) || !isWalRecord(parsed.r)) return 'payload is not a WAL entry';
  return { index: parsed.i, record: parsed.r };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isIndex(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 1;
}

function isRevision(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

function isWalOp(x: unknown): x is WalOp {
  if (!isObject(x) || typeof x.key !== 'string') return false;
  if (x.op === 'delete') return true;
  return x.op === 'put' && typeof x.value === 'string' && isRevision(x.lease);
}

/** Structural check of a WalRecord as defined in engine/store/backend.ts. */
export function isWalRecord(x: unknown): x is WalRecord {
  if (!isObject(x)) return false;
  switch (x.type) {
    case 'txn':
      return isRevision(x.revision) && Array.isArray(x.ops) && x.ops.every(isWalOp);
    case 'compact':
      return isRevision(x.revision);
    case 'leaseGrant':
      return isRevision(x.id) && typeof x.ttl === 'number' && Number.isFinite(x.ttl);
    case 'leaseRevoke':
      return isRevision(x.id);
    default:
      return false;
  }
}
