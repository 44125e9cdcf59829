import { describe, expect, it } from 'vitest';
import { decodeWalEntry, encodeWalEntry, isWalRecord } from './wal-entry.ts';
import type { WalRecord } from '../../store/backend.ts';

describe('wal entry', () => {
  it('round-trips every record type with its log index', () => {
    const records: WalRecord[] = [
      { type: 'txn', revision: 2, ops: [{ op: 'put', key: '/a', value: 'ü\n"x"', lease: 7 }, { op: 'delete', key: '/b' }] },
      { type: 'compact', revision: 2 },
      { type: 'leaseGrant', id: 7, ttl: 30 },
      { type: 'leaseRevoke', id: 7 },
    ];
    records.forEach((record, k) => {
      expect(decodeWalEntry(encodeWalEntry({ index: k + 1, record }))).toEqual({ index: k + 1, record });
    });
  });

  it('rejects payloads that are not JSON or not a WAL entry, with a reason', () => {
    expect(decodeWalEntry(Buffer.from('{"i":1,'))).toBe('payload is not valid JSON');
    expect(decodeWalEntry(Buffer.from('{"i":0,"r":{"type":"compact","revision":1}}'))).toBe('payload is not a WAL entry');
    expect(decodeWalEntry(Buffer.from('{"i":1,"r":{"type":"nope"}}'))).toBe('payload is not a WAL entry');
  });

  it('checks the shape of each record type', () => {
    expect(isWalRecord({ type: 'txn', revision: 3, ops: [{ op: 'put', key: 'k', value: 1, lease: 0 }] })).toBe(false);
    expect(isWalRecord({ type: 'txn', revision: 3, ops: [{ op: 'put', key: 'k', value: 'v' }] })).toBe(false);
    expect(isWalRecord({ type: 'leaseGrant', id: 1 })).toBe(false);
    expect(isWalRecord({ type: 'compact', revision: -1 })).toBe(false);
    expect(isWalRecord({ type: 'txn', revision: 3, ops: [] })).toBe(true);
  });
});
