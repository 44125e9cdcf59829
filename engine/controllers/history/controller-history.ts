/**
 * ControllerRevisions: the template history of DaemonSets and StatefulSets (upstream
 * pkg/controller/history: NewControllerRevision, ControllerRevisionName, and the
 * create-or-renumber steps of daemon/update.go constructHistory and statefulset
 * getStatefulSetRevisions).
 *
 * A revision is named `<owner>-<hash>` (owner name cut to 223 characters), owned by its workload
 * (controller reference), labelled with the template's labels plus `controller-revision-hash:
 * <hash>`, and its `data` is the patch that restores the template (`{spec: {template: {...,
 * $patch: replace}}}`); `revision` orders them. The revision of the current template is always
 * the newest: going back to an old template renumbers its revision instead of creating another.
 */
import { isAlreadyExists, isNotFound } from '../../api/errors.ts';
import type { appsv1, corev1, metav1 } from '../../api/types.ts';
import type { Client } from '../../client/index.ts';
import { deepCopy } from '../../client/cache/deep-freeze.ts';
import { newControllerRef } from '../controller-ref.ts';

/** apps/v1 ControllerRevisionHashLabelKey. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';

export interface RevisionOwner {
  kind: 'DaemonSet' | 'StatefulSet';
  metadata?: metav1.ObjectMeta;
  spec?: { template?: corev1.PodTemplateSpec };
}

export function controllerRevisionName(owner: RevisionOwner, hash: string): string {
  return `${(owner.metadata?.name ?? '').slice(0, 223)}-${hash}`;
}

/**
 * Makes `existing` (the revision already recorded for the current template, if any) the newest,
 * or creates the revision of the owner's current template with the next number.
 */
export async function ensureNewestRevision(client: Client, owner: RevisionOwner, hash: string, revisions: readonly appsv1.ControllerRevision[], existing: appsv1.ControllerRevision | undefined): Promise<void> {
  const ns = owner.metadata?.namespace ?? '';
  const crs = client.controllerrevisions(ns);
  const max = revisions.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
  if (existing) {
    if ((existing.revision ?? 0) < max) await crs.update({ ...deepCopy(existing), revision: max + 1 } as appsv1.ControllerRevision);
    return;
  }
  const template = deepCopy(owner.spec?.template ?? {}) as Record<string, unknown>;
  const revision: appsv1.ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: controllerRevisionName(owner, hash),
      namespace: ns,
      labels: { ...(owner.spec?.template?.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ownerReferences: [newControllerRef({ apiVersion: 'apps/v1', kind: owner.kind, metadata: owner.metadata })],
    },
    data: { spec: { template: { ...template, $patch: 'replace' } } },
    revision: max + 1,
  };
  try {
    await crs.create(revision);
  } catch (err) {
    // Same name, different content would be a hash collision (upstream bumps collisionCount);
    // with a canonical-JSON hash it is the same template written by an earlier attempt whose
    // event has not arrived yet.
    if (!isAlreadyExists(err)) throw err;
  }
}

/** Deletes the oldest of `candidates` (revisions nothing needs any more) beyond `limit`. */
export async function deleteOldestRevisions(client: Client, candidates: readonly appsv1.ControllerRevision[], limit: number): Promise<void> {
  const old = [...candidates].sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  for (const r of old.slice(0, Math.max(0, old.length - limit))) {
    try {
      await client.controllerrevisions(r.metadata?.namespace ?? '').delete(r.metadata?.name ?? '');
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
