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
import { isAlreadyExists, isNotFound } from '../../api/errors.ts';
import type { appsv1 } from '../../api/types.ts';
import type { Client } from '../../client/index.ts';
import { deepCopy } from '../../client/cache/deep-freeze.ts';
import { computeHash } from '../deployment/pod-template-hash.ts';
import { newControllerRef } from '../controller-ref.ts';
import { CONTROLLER_REVISION_HASH_LABEL } from './daemon-pod.ts';

export function daemonSetHash(ds: appsv1.DaemonSet): string {
  return computeHash(ds.spec?.template, ds.status?.collisionCount);
}

export function revisionName(ds: appsv1.DaemonSet, hash: string): string {
  return `${(ds.metadata?.name ?? '').slice(0, 223)}-${hash}`;
}

/** constructHistory: ensures the current revision exists and is the newest; returns its hash. */
export async function ensureCurrentRevision(client: Client, ds: appsv1.DaemonSet, revisions: readonly appsv1.ControllerRevision[]): Promise<string> {
  const hash = daemonSetHash(ds);
  const ns = ds.metadata?.namespace ?? '';
  const crs = client.controllerrevisions(ns);
  const max = revisions.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
  const current = revisions.find((r) => r.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash || r.metadata?.name === revisionName(ds, hash));
  if (current) {
    if ((current.revision ?? 0) < max) await crs.update({ ...deepCopy(current), revision: max + 1 } as appsv1.ControllerRevision);
    return hash;
  }
  const template = deepCopy(ds.spec?.template ?? {}) as Record<string, unknown>;
  const revision: appsv1.ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: revisionName(ds, hash),
      namespace: ns,
      labels: { ...(ds.spec?.template?.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ownerReferences: [newControllerRef({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: ds.metadata })],
    },
    data: { spec: { template: { ...template, $patch: 'replace' } } },
    revision: max + 1,
  };
  try {
    await crs.create(revision);
  } catch (err) {
    // Same name, different content would be a hash collision (upstream bumps collisionCount);
    // with a canonical-JSON hash it is the same template created by an earlier attempt.
    if (!isAlreadyExists(err)) throw err;
  }
  return hash;
}

export async function cleanupHistory(client: Client, ds: appsv1.DaemonSet, revisions: readonly appsv1.ControllerRevision[], currentHash: string, liveHashes: ReadonlySet<string>): Promise<void> {
  const limit = ds.spec?.revisionHistoryLimit ?? 10;
  const old = revisions
    .filter((r) => {
      const h = r.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
      return h !== currentHash && !liveHashes.has(h);
    })
    .sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  for (const r of old.slice(0, Math.max(0, old.length - limit))) {
    try {
      await client.controllerrevisions(r.metadata?.namespace ?? '').delete(r.metadata?.name ?? '');
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
