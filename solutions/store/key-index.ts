/**
 * Reference implementation of the part `store.mvcc` (the interface and a worked example are in
 * engine/store/key-index.ts). It follows etcd's keyIndex (server/storage/mvcc/key_index.go):
 * a list of generations, the last one always the "current" one (empty while the key is deleted).
 */
import type { KeyIndex, KeyIndexGetResult } from '../../engine/store/key-index.ts';
import { compareRevision, formatRevision, type Revision } from '../../engine/store/revision.ts';

interface Generation {
  /**
   * How many puts this generation has seen, counting those compacted away. It is NOT
   * revs.length: after compaction the list is shorter but the versions of the surviving
   * revisions must not change, so the count is kept separately.
   */
  version: number;
  created: Revision;
  /** Ascending; the last one is a tombstone unless this is the last generation. */
  revs: Revision[];
}

const NO_REVISION: Revision = { main: 0, sub: 0 };

/** The index of the last revision with main <= atRev, or -1. Revisions are ascending, so binary search. */
function lastAtOrBefore(revs: readonly Revision[], atRev: number): number {
  let lo = 0;
  let hi = revs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (revs[mid]!.main <= atRev) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

export class ReferenceKeyIndex implements KeyIndex {
  /** Never empty: the last generation is where the next put goes. */
  private generations: Generation[] = [{ version: 0, created: NO_REVISION, revs: [] }];
  private modified: Revision = NO_REVISION;

  constructor(readonly key: string) {}

  put(rev: Revision): void {
    // Revisions only move forward: a put at or below the last one would rewrite history, which
    // is always a bug in the store (etcd panics here too).
    if (compareRevision(rev, this.modified) <= 0) {
      throw new Error(`keyIndex ${this.key}: put at ${formatRevision(rev)} is not after ${formatRevision(this.modified)}`);
    }
    const g = this.current();
    if (g.revs.length === 0) g.created = rev; // the first put of a generation creates the key
    g.revs.push(rev);
    g.version++;
    this.modified = rev;
  }

  tombstone(rev: Revision): void {
    if (this.current().revs.length === 0) {
      throw new Error(`keyIndex ${this.key}: tombstone at ${formatRevision(rev)} but the key is not live`);
    }
    // A tombstone is recorded like a put (so reads at its revision land on it and see "deleted"
    // because it ends its generation), then a fresh empty generation awaits re-creation.
    this.put(rev);
    this.generations.push({ version: 0, created: NO_REVISION, revs: [] });
  }

  restore(created: Revision, modified: Revision, version: number): void {
    if (this.modified.main !== 0) throw new Error(`keyIndex ${this.key}: restore on a non-empty index`);
    this.generations = [{ version, created, revs: [modified] }];
    this.modified = modified;
  }

  get(atRev: number): KeyIndexGetResult | undefined {
    const g = this.findGeneration(atRev);
    if (!g) return undefined;
    const n = lastAtOrBefore(g.revs, atRev);
    if (n < 0) return undefined;
    // The last revision of a generation has version g.version; each step back is one less.
    return { modified: g.revs[n]!, created: g.created, version: g.version - (g.revs.length - 1 - n) };
  }

  since(rev: number): Revision[] {
    const out: Revision[] = [];
    for (const g of this.generations) {
      for (const r of g.revs) {
        if (r.main < rev) continue;
        // Several changes to one key inside one txn: a reader only ever sees the last of them.
        if (out.length > 0 && out[out.length - 1]!.main === r.main) out[out.length - 1] = r;
        else out.push(r);
      }
    }
    return out;
  }

  compact(atRev: number): Revision[] {
    // Skip every generation that ended (tombstone) strictly before atRev: at atRev the key was
    // already deleted in that life, so nothing in it can ever be read again. The last
    // generation is never skipped: it is where future puts go.
    let gi = 0;
    while (gi < this.generations.length - 1) {
      const g = this.generations[gi]!;
      if (g.revs[g.revs.length - 1]!.main >= atRev) break;
      gi++;
    }
    this.generations = this.generations.slice(gi);
    const g = this.generations[0]!;
    // Inside the first surviving generation keep the newest revision <= atRev (what a read at
    // atRev returns, or the tombstone at exactly atRev) and everything after it.
    const n = lastAtOrBefore(g.revs, atRev);
    if (n < 0) return [];
    g.revs = g.revs.slice(n);
    return [g.revs[0]!];
  }

  isEmpty(): boolean {
    return this.generations.length === 1 && this.generations[0]!.revs.length === 0;
  }

  /**
   * The generation the key was in at atRev, or undefined when it did not exist then. Walking
   * from the newest generation back: if an older generation's tombstone is <= atRev, the key
   * had already been deleted at atRev (and not yet re-created, or we would have stopped at a
   * newer generation), so there is nothing to read.
   */
  private findGeneration(atRev: number): Generation | undefined {
    const last = this.generations.length - 1;
    for (let i = last; i >= 0; i--) {
      const g = this.generations[i]!;
      if (g.revs.length === 0) continue;
      if (i !== last && g.revs[g.revs.length - 1]!.main <= atRev) return undefined;
      if (g.revs[0]!.main <= atRev) return g;
    }
    return undefined;
  }

  private current(): Generation {
    return this.generations[this.generations.length - 1]!;
  }
}

/** The KeyIndexFactory that createCluster uses by default (engine/cluster/default-parts.ts). */
export function newKeyIndex(key: string): KeyIndex {
  return new ReferenceKeyIndex(key);
}
