/**
 * ControllerExpectations (upstream: pkg/controller/controller_utils.go ControllerExpectations and
 * UIDTrackingControllerExpectations): what a controller has asked for but not yet seen in its
 * informer. While a ReplicaSet's creates/deletes are in flight its cache lags behind, and counting
 * pods from it would create (or delete) them twice; so a sync that finds unmet expectations only
 * updates status and waits for the informer to catch up.
 *
 * Invariants: expectations are satisfied when nothing is pending (adds ≤ 0 and no deletions
 * outstanding), when none were ever set, or after EXPECTATIONS_TTL_MS (5 min) so a lost watch event
 * cannot wedge a controller forever.
 */
import type { Clock } from '../../util/clock.ts';

export const EXPECTATIONS_TTL_MS = 5 * 60 * 1000;

interface Entry {
  adds: number;
  /** Keys (namespace/name) of pods we asked to delete and have not seen go. */
  deletes: Set<string>;
  timestamp: number;
}

export class ControllerExpectations {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: Clock) {}

  /** True when the controller may trust its cache for `key` again. */
  satisfied(key: string): boolean {
    const e = this.entries.get(key);
    if (!e) return true;
    if (e.adds <= 0 && e.deletes.size === 0) return true;
    return this.clock.now() - e.timestamp > EXPECTATIONS_TTL_MS;
  }

  /** ExpectCreations: `n` creates are about to be sent. */
  expectCreations(key: string, n: number): void {
    this.entries.set(key, { adds: n, deletes: new Set(), timestamp: this.clock.now() });
  }

  /** ExpectDeletions (UID-tracking): these pods are about to be deleted. */
  expectDeletions(key: string, podKeys: readonly string[]): void {
    this.entries.set(key, { adds: 0, deletes: new Set(podKeys), timestamp: this.clock.now() });
  }

  /** CreationObserved (also used to lower the count for creates that were never sent or failed). */
  creationObserved(key: string): void {
    const e = this.entries.get(key);
    if (e) e.adds--;
  }

  /** DeletionObserved: the informer saw the pod go (or get a deletionTimestamp), or the delete failed. */
  deletionObserved(key: string, podKey: string): void {
    this.entries.get(key)?.deletes.delete(podKey);
  }

  /** DeleteExpectations: the controller object itself is gone. */
  delete(key: string): void {
    this.entries.delete(key);
  }
}
