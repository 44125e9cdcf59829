/**
 * Carrying out the StatefulSet controller's decisions (upstream: pkg/controller/statefulset/
 * stateful_pod_control.go CreateStatefulPod, DeleteStatefulPod, createPersistentVolumeClaims,
 * recordPodEvent, recordClaimEvent; stateful_set_utils.go newVersionedStatefulSetPod, ApplyRevision).
 *
 *   create ordinal k at revision r → the pod's missing claims first (a claim being deleted makes
 *     the create fail, to be retried once it is gone), then the pod, built by the identity part
 *     from the template stored in revision r, with the controller ownerReference and
 *     `controller-revision-hash: r`. An AlreadyExists for the pod is not an error: the cache has
 *     not seen it yet, or its predecessor of the same name is still terminating — the pod's own
 *     watch events bring the set back.
 *   delete pod p → deleted with a uid precondition, so a stale cache can never delete the pod
 *     that has meanwhile replaced p under the same name.
 *   a pod whose identity no longer matches (identityMatches false: its pod-name label was
 *     edited away) gets its identity labels back.
 *
 * Events, as upstream words them (reason SuccessfulCreate / SuccessfulDelete, or Failed*):
 *   create Claim www-web-0 Pod web-0 in StatefulSet web success
 *   create Pod web-0 in StatefulSet web successful
 *   delete Pod web-2 in StatefulSet web successful
 */
import { isAlreadyExists, isConflict, isNotFound } from '../../api/errors.ts';
import type { appsv1, corev1 } from '../../api/types.ts';
import type { Client, EventRecorder } from '../../client/index.ts';
import { deepCopy } from '../../client/cache/deep-freeze.ts';
import type { Lister } from '../../client/cache/lister.ts';
import { newControllerRef } from '../controller-ref.ts';
import { CONTROLLER_REVISION_HASH_LABEL } from './history.ts';
import { POD_INDEX_LABEL, STATEFULSET_POD_NAME_LABEL, type StatefulSetIdentity } from './identity.ts';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class StatefulPodControl {
  constructor(
    private readonly client: Client,
    private readonly recorder: EventRecorder,
    private readonly identity: StatefulSetIdentity,
    private readonly claims: Lister<corev1.PersistentVolumeClaim>,
  ) {}

  /** CreateStatefulPod for `ordinal` at `revision` (`versioned`: the set with that revision's template). */
  async createStatefulPod(set: appsv1.StatefulSet, versioned: appsv1.StatefulSet, ordinal: number, revision: string): Promise<void> {
    const ns = set.metadata?.namespace ?? '';
    const setName = set.metadata?.name ?? '';
    const pod = this.identity.newPod(versioned, ordinal);
    const podName = pod.metadata?.name ?? '';
    pod.metadata!.ownerReferences = [newControllerRef({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: set.metadata })];
    pod.metadata!.labels = { ...(pod.metadata!.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: revision };
    await this.createPersistentVolumeClaims(set, ordinal, podName);
    try {
      await this.client.pods(ns).create(pod);
      this.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${setName} successful`);
    } catch (err) {
      if (isAlreadyExists(err)) return;
      this.recorder.event(set, 'Warning', 'FailedCreate', `create Pod ${podName} in StatefulSet ${setName} failed error: ${message(err)}`);
      throw err;
    }
  }

  /** DeleteStatefulPod. */
  async deleteStatefulPod(set: appsv1.StatefulSet, pod: corev1.Pod): Promise<void> {
    const podName = pod.metadata?.name ?? '';
    const setName = set.metadata?.name ?? '';
    try {
      await this.client.pods(set.metadata?.namespace ?? '').delete(podName, { preconditions: { uid: pod.metadata?.uid } });
      this.recorder.event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${podName} in StatefulSet ${setName} successful`);
    } catch (err) {
      if (isNotFound(err)) return;
      this.recorder.event(set, 'Warning', 'FailedDelete', `delete Pod ${podName} in StatefulSet ${setName} failed error: ${message(err)}`);
      throw err;
    }
  }

  /**
   * UpdateStatefulPod, for a pod whose identity no longer matches (someone edited its labels):
   * the identity labels are put back as newPod would set them; nothing else is touched.
   */
  async restoreIdentity(set: appsv1.StatefulSet, pod: corev1.Pod, ordinal: number): Promise<void> {
    const podName = pod.metadata?.name ?? '';
    const setName = set.metadata?.name ?? '';
    const want = this.identity.newPod(set, ordinal).metadata?.labels ?? {};
    const copy = deepCopy(pod);
    copy.metadata!.labels = { ...(copy.metadata!.labels ?? {}) };
    let changed = false;
    for (const key of [STATEFULSET_POD_NAME_LABEL, POD_INDEX_LABEL]) {
      if (want[key] !== undefined && copy.metadata!.labels[key] !== want[key]) {
        copy.metadata!.labels[key] = want[key];
        changed = true;
      }
    }
    if (!changed) return; // nothing the labels can fix
    try {
      await this.client.pods(set.metadata?.namespace ?? '').update(copy);
      this.recorder.event(set, 'Normal', 'SuccessfulUpdate', `update Pod ${podName} in StatefulSet ${setName} successful`);
    } catch (err) {
      if (isNotFound(err) || isConflict(err)) return; // gone, or changed again: the next sync looks anew
      this.recorder.event(set, 'Warning', 'FailedUpdate', `update Pod ${podName} in StatefulSet ${setName} failed error: ${message(err)}`);
      throw err;
    }
  }

  /** createPersistentVolumeClaims: every missing claim of the pod, before the pod. */
  private async createPersistentVolumeClaims(set: appsv1.StatefulSet, ordinal: number, podName: string): Promise<void> {
    const ns = set.metadata?.namespace ?? '';
    const setName = set.metadata?.name ?? '';
    for (const claim of this.identity.claimsFor(set, ordinal)) {
      const claimName = claim.metadata?.name ?? '';
      const existing = this.claims.get(ns, claimName);
      if (existing) {
        // A claim on its way out must be gone before a pod may use the name again.
        if (existing.metadata?.deletionTimestamp) throw new Error(`pvc ${claimName} is being deleted`);
        continue;
      }
      try {
        await this.client.persistentvolumeclaims(ns).create(claim);
        this.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${claimName} Pod ${podName} in StatefulSet ${setName} success`);
      } catch (err) {
        if (isAlreadyExists(err)) continue;
        this.recorder.event(set, 'Warning', 'FailedCreate', `create Claim ${claimName} for Pod ${podName} in StatefulSet ${setName} failed error: ${message(err)}`);
        throw err;
      }
    }
  }
}

/**
 * ApplyRevision: the set with the pod template stored in `revision` (its data is
 * `{spec: {template: {..., $patch: replace}}}`); the set itself when the revision has none.
 */
export function applyRevision(set: appsv1.StatefulSet, revision: appsv1.ControllerRevision | undefined): appsv1.StatefulSet {
  const data = revision?.data as { spec?: { template?: Record<string, unknown> } } | undefined;
  if (!data?.spec?.template) return set;
  const template: Record<string, unknown> = deepCopy(data.spec.template);
  delete template.$patch;
  return { ...set, spec: { ...set.spec!, template: template as corev1.PodTemplateSpec } };
}
