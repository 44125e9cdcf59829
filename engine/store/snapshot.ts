/**
 * Whole-state snapshots for the durability contract of backend.ts: what the store hands to
 * Backend.saveSnapshot, and how it rebuilds itself from one on open (etcd rebuilds its key index
 * from the bolt "key" bucket the same way: server/storage/mvcc/kvstore.go restore →
 * keyIndex.restore for the oldest retained version of each key, then put/tombstone).
 */
import type { StoreSnapshot, SnapshotEntry } from './backend.ts';
import { toKeyValue, type KvStore, type StoredVersion } from './kv-store.ts';
import type { Lessor } from './lease.ts';

export function buildSnapshot(kv: KvStore, lessor: Lessor): StoreSnapshot {
  const entries: SnapshotEntry[] = [];
  const mains = [...kv.versions.keys()].sort((a, b) => a - b);
  for (const main of mains) {
    for (const v of kv.versions.get(main)!) {
      if (!v) continue;
      const e: SnapshotEntry = {
        key: v.key,
        value: v.value,
        createRevision: v.createRevision,
        modRevision: v.modRevision,
        version: v.version,
        lease: v.lease,
      };
      if (v.deleted) e.deleted = true;
      entries.push(e);
    }
  }
  return { format: 1, revision: kv.currentRevision, compactRevision: kv.compactRevision, entries, leases: lessor.list() };
}

/**
 * Loads a snapshot into an empty store. Entries must be in modRevision order; entries sharing a
 * modRevision are one txn, in their original order (their sub revisions are re-numbered from 0,
 * which only matters for ordering).
 *
 * A key whose oldest retained entry is a tombstone (compaction at exactly its deletion keeps
 * it, see key-index.ts) is not given an index for it: a deleted key reads the same as an unknown
 * key at every revision the store can still serve.
 */
export function restoreSnapshot(kv: KvStore, lessor: Lessor, snapshot: StoreSnapshot): void {
  if (snapshot.format !== 1) throw new Error(`mvcc: unsupported snapshot format ${String(snapshot.format)}`);
  if (kv.currentRevision !== 1 || kv.versions.size !== 0) throw new Error('mvcc: restore into a non-empty store');
  const latest = new Map<string, StoredVersion>();
  const entries = snapshot.entries;
  let i = 0;
  while (i < entries.length) {
    const main = entries[i]!.modRevision;
    const changes: StoredVersion[] = [];
    for (; i < entries.length && entries[i]!.modRevision === main; i++) {
      const e = entries[i]!;
      const rev = { main, sub: changes.length };
      const before = latest.get(e.key);
      const live = before && !before.deleted ? before : undefined;
      const deleted = e.deleted === true;
      const v: StoredVersion = {
        key: e.key,
        value: deleted ? '' : e.value,
        createRevision: deleted ? 0 : e.createRevision,
        modRevision: main,
        version: deleted ? 0 : e.version,
        lease: deleted ? 0 : e.lease,
        deleted,
        prev: live ? Object.freeze(toKeyValue(live)) : undefined,
      };
      changes.push(v);
      latest.set(e.key, v);
      const ki = kv.tree.get(e.key);
      if (!ki || ki.isEmpty()) {
        if (deleted) continue;
        kv.tree.getOrCreate(e.key).restore({ main: e.createRevision, sub: 0 }, rev, e.version);
      } else if (deleted) {
        ki.tombstone(rev);
      } else {
        ki.put(rev);
      }
    }
    if (main <= kv.currentRevision && kv.versions.size > 0) throw new Error(`mvcc: snapshot entries out of order at revision ${main}`);
    kv.versions.set(main, changes);
    kv.currentRevision = main;
  }
  if (snapshot.revision < kv.currentRevision) throw new Error('mvcc: snapshot revision is older than its entries');
  kv.currentRevision = snapshot.revision;
  kv.compactRevision = snapshot.compactRevision;
  for (const { id, ttl } of snapshot.leases) lessor.grant(id, ttl);
  for (const v of latest.values()) if (!v.deleted && v.lease !== 0) lessor.attach(v.lease, v.key);
}
