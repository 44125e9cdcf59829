import { describe, expect, it } from 'vitest';
import { compareRevision, formatRevision, revision, revisionEqual, revisionGreater, revisionKey } from './revision.ts';

describe('revision', () => {
  it('orders by main revision first, then by position inside the txn', () => {
    expect(compareRevision(revision(2, 5), revision(3, 0))).toBeLessThan(0);
    expect(compareRevision(revision(3, 1), revision(3, 0))).toBeGreaterThan(0);
    expect(compareRevision(revision(3, 1), revision(3, 1))).toBe(0);
    expect(revisionGreater(revision(4), revision(3, 9))).toBe(true);
    expect(revisionGreater(revision(3), revision(3))).toBe(false);
  });

  it('sorts a shuffled list of revisions into txn order', () => {
    const revs = [revision(5, 1), revision(2), revision(5, 0), revision(3, 2), revision(3, 0)];
    expect(revs.sort(compareRevision).map(formatRevision)).toEqual(['2.0', '3.0', '3.2', '5.0', '5.1']);
  });

  it('has distinct lookup keys for distinct revisions and equal keys for equal ones', () => {
    expect(revisionKey(revision(1, 12))).not.toBe(revisionKey(revision(11, 2)));
    expect(revisionKey(revision(7, 3))).toBe(revisionKey({ main: 7, sub: 3 }));
    expect(revisionEqual(revision(7, 3), { main: 7, sub: 3 })).toBe(true);
    expect(revisionEqual(revision(7, 3), revision(7, 4))).toBe(false);
  });
});
