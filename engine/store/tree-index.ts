/**
 * The store's sorted index of keys, etcd's treeIndex (server/storage/mvcc/index.go, a B-tree of
 * keyIndex). Ranges walk keys in order, so the index must be sorted; point lookups go through a
 * Map.
 *
 * The order is JavaScript string order (UTF-16 code units). etcd compares bytes; the two agree
 * for ASCII keys, which is all the apiserver writes (/registry/<resource>/<ns>/<name>).
 *
 * Sorted keys live in chunks of at most CHUNK_MAX keys (a one-level B-tree): inserting a key
 * shifts at most one chunk, and a range seeks with two binary searches.
 */
import type { KeyIndex, KeyIndexFactory } from './key-index.ts';

const CHUNK_MAX = 512;

export class TreeIndex {
  private readonly byKey = new Map<string, KeyIndex>();
  /** Non-empty sorted chunks; every key of chunk i is < every key of chunk i+1. */
  private chunks: string[][] = [];

  constructor(private readonly factory: KeyIndexFactory) {}

  get size(): number {
    return this.byKey.size;
  }

  get(key: string): KeyIndex | undefined {
    return this.byKey.get(key);
  }

  /** The key's index, created (empty) through the factory if the key is new. */
  getOrCreate(key: string): KeyIndex {
    let ki = this.byKey.get(key);
    if (!ki) {
      ki = this.factory(key);
      this.byKey.set(key, ki);
      this.insertSorted(key);
    }
    return ki;
  }

  /** Forgets a key entirely (after compaction emptied its index). */
  remove(key: string): void {
    if (!this.byKey.delete(key)) return;
    const ci = this.chunkFor(key);
    const chunk = this.chunks[ci]!;
    const i = lowerBound(chunk, key);
    if (chunk[i] === key) chunk.splice(i, 1);
    if (chunk.length === 0) this.chunks.splice(ci, 1);
  }

  /**
   * Visits the indexes of the keys in [key, end) in key order; `end` undefined means just `key`,
   * "\0" means every key >= key (etcd's conventions). `visit` returns false to stop early.
   */
  range(key: string, end: string | undefined, visit: (ki: KeyIndex) => boolean | void): void {
    if (end === undefined || end === '') {
      const ki = this.byKey.get(key);
      if (ki) visit(ki);
      return;
    }
    const unbounded = end === '\0';
    if (!unbounded && end <= key) return;
    let ci = this.chunkFor(key);
    if (ci >= this.chunks.length) return;
    let i = lowerBound(this.chunks[ci]!, key);
    for (; ci < this.chunks.length; ci++, i = 0) {
      const chunk = this.chunks[ci]!;
      for (; i < chunk.length; i++) {
        const k = chunk[i]!;
        if (!unbounded && k >= end) return;
        if (visit(this.byKey.get(k)!) === false) return;
      }
    }
  }

  /** Every key index, in key order. */
  all(): KeyIndex[] {
    const out: KeyIndex[] = [];
    for (const chunk of this.chunks) for (const k of chunk) out.push(this.byKey.get(k)!);
    return out;
  }

  /** The chunk that holds `key` or where it would go: the last chunk whose first key <= key. */
  private chunkFor(key: string): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.chunks[mid]![0]! <= key) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  private insertSorted(key: string): void {
    if (this.chunks.length === 0) {
      this.chunks.push([key]);
      return;
    }
    const ci = this.chunkFor(key);
    const chunk = this.chunks[ci]!;
    chunk.splice(lowerBound(chunk, key), 0, key);
    if (chunk.length > CHUNK_MAX) {
      this.chunks.splice(ci + 1, 0, chunk.splice(chunk.length >> 1));
    }
  }
}

/** First index whose element is >= key. */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
