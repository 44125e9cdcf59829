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
import type { appsv1 } from '../../api/types.ts';
import type { Client } from '../../client/index.ts';
import { computeHash } from '../deployment/pod-template-hash.ts';
import { CONTROLLER_REVISION_HASH_LABEL, controllerRevisionName, deleteOldestRevisions, ensureNewestRevision } from '../history/controller-history.ts';

export { CONTROLLER_REVISION_HASH_LABEL };

export function statefulSetRevisionName(set: appsv1.StatefulSet, hash: string): string {
  return controllerRevisionName({ ...set, kind: 'StatefulSet' }, hash);
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
  await ensureNewestRevision(client, { ...set, kind: 'StatefulSet' }, hash, revisions, revisions.find((r) => r.metadata?.name === name));
  const cur = set.status?.currentRevision;
  const current = cur && (cur === name || revisions.some((r) => r.metadata?.name === cur)) ? cur : name;
  return { current, update: name, collisionCount };
}

/** truncateHistory: keeps at most revisionHistoryLimit revisions outside `keep`. */
export async function truncateHistory(client: Client, set: appsv1.StatefulSet, revisions: readonly appsv1.ControllerRevision[], keep: ReadonlySet<string>): Promise<void> {
  await deleteOldestRevisions(client, revisions.filter((r) => !keep.has(r.metadata?.name ?? '')), set.spec?.revisionHistoryLimit ?? 10);
}
