/**
 * DaemonSet history (upstream: pkg/controller/daemon/update.go constructHistory, snapshot,
 * dedupCurHistories, cleanupHistory; pkg/controller/history).
 *
 * Every template a DaemonSet has had is kept as an apps/v1 ControllerRevision named
 * `<ds>-<hash>` (hash = ComputeHash(template, status.collisionCount)), owned by the DaemonSet,
 * labelled with `controller-revision-hash: <hash>`, whose `data` is the patch that restores the
 * template (`{spec: {template: {..., $patch: replace}}}`) and whose `revision` orders them. The
 * current template's revision always has the highest number: rolling back to an old template
 * renumbers its existing revision instead of creating a duplicate. `kubectl rollout history/undo
 * daemonset` read these.
 *
 * cleanupHistory keeps at most spec.revisionHistoryLimit (default 10) old revisions, never one
 * that a live pod still runs.
 */
import type { appsv1 } from '../../api/types.ts';
import type { Client } from '../../client/index.ts';
import { computeHash } from '../deployment/pod-template-hash.ts';
import { CONTROLLER_REVISION_HASH_LABEL, controllerRevisionName, deleteOldestRevisions, ensureNewestRevision } from '../history/controller-history.ts';

export function daemonSetHash(ds: appsv1.DaemonSet): string {
  return computeHash(ds.spec?.template, ds.status?.collisionCount);
}

export function revisionName(ds: appsv1.DaemonSet, hash: string): string {
  return controllerRevisionName({ ...ds, kind: 'DaemonSet' }, hash);
}

/** constructHistory: ensures the current revision exists and is the newest; returns its hash. */
export async function ensureCurrentRevision(client: Client, ds: appsv1.DaemonSet, revisions: readonly appsv1.ControllerRevision[]): Promise<string> {
  const hash = daemonSetHash(ds);
  const existing = revisions.find((r) => r.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash || r.metadata?.name === revisionName(ds, hash));
  await ensureNewestRevision(client, { ...ds, kind: 'DaemonSet' }, hash, revisions, existing);
  return hash;
}

/** cleanupHistory: never a revision that is current or that a live pod still runs. */
export async function cleanupHistory(client: Client, ds: appsv1.DaemonSet, revisions: readonly appsv1.ControllerRevision[], currentHash: string, liveHashes: ReadonlySet<string>): Promise<void> {
  const old = revisions.filter((r) => {
    const h = r.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
    return h !== currentHash && !liveHashes.has(h);
  });
  await deleteOldestRevisions(client, old, ds.spec?.revisionHistoryLimit ?? 10);
}
