/**
 * StatefulSet history (upstream: pkg/controller/statefulset/stateful_set_control.go
 * getStatefulSetRevisions, truncateHistory; stateful_set_utils.go newRevision, getPatch;
 * pkg/controller/history NewControllerRevision, ControllerRevisionName).
 *
 * Every template the set has had is an apps/v1 ControllerRevision named `<set>-<hash>`, owned by
 * the set (controller reference), labelled with the template's labels and
 * `controller-revision-hash: <hash>`, whose `data` is the patch that restores the template
 * (`{spec: {template: {..., $patch: replace}}}`) and whose `revision` number orders them.
 *
 * Unlike a Deployment's or a DaemonSet's, a StatefulSet pod's `controller-revision-hash` label —
 * and status.currentRevision / status.updateRevision — hold the revision's NAME (`web-6c5b…`),
 * not the bare hash.
 *
 * The update revision is the one matching the current template (created if missing; when an
 * older revision matches — a rollback — it is renumbered to be the newest). The current revision
 * is status.currentRevision when that revision still exists, else the update revision.
 * truncateHistory keeps at most spec.revisionHistoryLimit (default 10) revisions that no live pod
 * runs and that are neither current nor update.
 */
import { isAlreadyExists, isNotFound } from '../../api/errors.ts';
import type { appsv1 } from '../../api/types.ts';
import type { Client } from '../../client/index.ts';
import { deepCopy } from '../../client/cache/deep-freeze.ts';
import { computeHash } from '../deployment/pod-template-hash.ts';
import { newControllerRef } from '../controller-ref.ts';
import { CONTROLLER_REVISION_HASH_LABEL } from '../daemonset/daemon-pod.ts';

// The label every workload controller with ControllerRevisions uses (apps/v1 ControllerRevisionHashLabelKey).
export { CONTROLLER_REVISION_HASH_LABEL };

export function statefulSetRevisionName(set: appsv1.StatefulSet, hash: string): string {
  return `${(set.metadata?.name ?? '').slice(0, 223)}-${hash}`;
}

export interface StatefulSetRevisions {
  /** Name of the revision the pods below the partition keep. */
  current: string;
  /** Name of the revision matching spec.template. */
  update: string;
  collisionCount: number;
}

/** getStatefulSetRevisions: ensures the update revision exists and is the newest. */
export async function ensureRevisions(client: Client, set: appsv1.StatefulSet, revisions: readonly appsv1.ControllerRevision[]): Promise<StatefulSetRevisions> {
  const collisionCount = set.status?.collisionCount ?? 0;
  const hash = computeHash(set.spec?.template, collisionCount);
  const name = statefulSetRevisionName(set, hash);
  const ns = set.metadata?.namespace ?? '';
  const crs = client.controllerrevisions(ns);
  const max = revisions.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
  const existing = revisions.find((r) => r.metadata?.name === name);
  if (existing) {
    if ((existing.revision ?? 0) < max) await crs.update({ ...deepCopy(existing), revision: max + 1 } as appsv1.ControllerRevision);
  } else {
    const template = deepCopy(set.spec?.template ?? {}) as Record<string, unknown>;
    const revision: appsv1.ControllerRevision = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        namespace: ns,
        labels: { ...(set.spec?.template?.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
        ownerReferences: [newControllerRef({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: set.metadata })],
      },
      data: { spec: { template: { ...template, $patch: 'replace' } } },
      revision: max + 1,
    };
    try {
      await crs.create(revision);
    } catch (err) {
      // The same template written by an earlier attempt whose event we have not seen yet.
      if (!isAlreadyExists(err)) throw err;
    }
  }
  const cur = set.status?.currentRevision;
  const current = cur && (cur === name || revisions.some((r) => r.metadata?.name === cur)) ? cur : name;
  return { current, update: name, collisionCount };
}

/** truncateHistory. */
export async function truncateHistory(client: Client, set: appsv1.StatefulSet, revisions: readonly appsv1.ControllerRevision[], keep: ReadonlySet<string>): Promise<void> {
  const limit = set.spec?.revisionHistoryLimit ?? 10;
  const old = revisions.filter((r) => !keep.has(r.metadata?.name ?? '')).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  for (const r of old.slice(0, Math.max(0, old.length - limit))) {
    try {
      await client.controllerrevisions(r.metadata?.namespace ?? '').delete(r.metadata?.name ?? '');
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
