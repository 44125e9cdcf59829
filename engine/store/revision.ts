/**
 * A revision names one change in the store: `main` is the store revision of the mutation (one per
 * put, delete range or whole txn) and `sub` is the change's position inside it (0 for the first
 * put/delete of a txn, 1 for the next...). etcd orders every stored version by this pair
 * (etcd server/storage/mvcc/revision.go), which is what lets one txn touch several keys while
 * all its events share one `main` revision.
 *
 * Only `main` is ever shown to clients (createRevision, modRevision, header.revision); `sub` is
 * internal bookkeeping that keeps the changes of one txn in order.
 */
export interface Revision {
  readonly main: number;
  readonly sub: number;
}

export function revision(main: number, sub = 0): Revision {
  return { main, sub };
}

/** Negative when a < b, zero when equal, positive when a > b; main first, then sub. */
export function compareRevision(a: Revision, b: Revision): number {
  return a.main !== b.main ? a.main - b.main : a.sub - b.sub;
}

export function revisionGreater(a: Revision, b: Revision): boolean {
  return compareRevision(a, b) > 0;
}

export function revisionEqual(a: Revision, b: Revision): boolean {
  return a.main === b.main && a.sub === b.sub;
}

/** "main.sub", the notation of etcd's key_index.go comments: `3.0`, `3.1`. */
export function formatRevision(r: Revision): string {
  return `${r.main}.${r.sub}`;
}

/**
 * A string usable as a Map key that sorts like the revision itself (etcd's backend keys are the
 * 8+1+8 byte encoding of the pair for the same reason). Only for lookup; order is not relied upon.
 */
export function revisionKey(r: Revision): string {
  return `${r.main}_${r.sub}`;
}
