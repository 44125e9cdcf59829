/**
 * Compaction: forgetting history (etcd server/storage/mvcc/kvstore_compaction.go and
 * kvstore.go compact/scheduleCompaction).
 *
 * compact(R) keeps, for every key, the newest version at or below R — exactly what a read at R
 * returns — plus everything after R, and drops every other version <= R. Afterwards reads and
 * watches below R fail with "mvcc: required revision has been compacted"; reading at R itself
 * still works and returns what it returned before.
 *
 * Which versions survive is the key index's decision (KeyIndex.compact, the `store.mvcc` part);
 * this file applies it to the stored versions. etcd does the same in two steps: treeIndex.Compact
 * collects the "available" revisions, then the backend deletes every other revision <= R.
 */
import { StoreError } from './errors.ts';
import type { KvStore } from './kv-store.ts';
import { revisionKey } from './revision.ts';

/**
 * Checks a compaction request as etcd's store.updateCompactRev does: a revision at or below the
 * current compact revision is "already compacted", one above the current revision is a future
 * revision.
 */
export function checkCompaction(store: KvStore, revision: number): void {
  if (revision <= store.compactRevision) throw new StoreError('Compacted', undefined, store.compactRevision);
  if (revision > store.currentRevision) throw new StoreError('FutureRevision');
}

export interface CompactionStats {
  /** Stored versions dropped. */
  removedVersions: number;
  /** Keys whose index became empty and were forgotten. */
  removedKeys: number;
}

/** Compacts at `revision` (already checked by checkCompaction). */
export function compactStore(store: KvStore, revision: number): CompactionStats {
  const keep = new Set<string>();
  let removedKeys = 0;
  for (const ki of store.tree.all()) {
    for (const r of ki.compact(revision)) keep.add(revisionKey(r));
    if (ki.isEmpty()) {
      store.tree.remove(ki.key);
      removedKeys++;
    }
  }
  let removedVersions = 0;
  // Walk only the revisions that still hold something at or below R.
  const mains = [...store.versions.keys()].filter((m) => m <= revision);
  for (const main of mains) {
    const changes = store.versions.get(main)!;
    let left = 0;
    for (let sub = 0; sub < changes.length; sub++) {
      const v = changes[sub];
      if (!v) continue;
      if (keep.has(revisionKey({ main, sub }))) {
        // Below R no watch will ever replay this revision again, so its previous value is dead
        // weight. (At R it stays: a watch may start at the compact revision itself.)
        if (main < revision) v.prev = undefined;
        left++;
      } else {
        changes[sub] = undefined;
        removedVersions++;
      }
    }
    if (left === 0) store.versions.delete(main);
  }
  store.compactRevision = revision;
  return { removedVersions, removedKeys };
}
