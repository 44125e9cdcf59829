/**
 * A pod's `persistentVolumeClaim` volume (upstream: the kubelet volume manager's
 * desired_state_of_world_populator getPVCExtractPV, then the PV's volume plugin mounts it).
 *
 * The claim must exist in the pod's namespace and be Bound; its volume's disk (engine/runtime/
 * simulated-disks.ts, keyed by PV name) is what the containers mount, so files written there
 * outlive the pod and are seen by the next pod that mounts the claim — on any node (see
 * simulated-disks.ts for how real local volumes differ). Until then the pod waits in
 * ContainerCreating with a Warning `FailedMount` event, as the kubelet's WaitForAttachAndMount
 * does; it is retried every few seconds. The scheduler's VolumeBinding plugin
 * (engine/scheduler/plugins/volume-binding.ts) normally keeps such a pod unscheduled first —
 * `persistentvolumeclaim "x" not found` / `pod has unbound immediate PersistentVolumeClaims` — so
 * this wait is for pods bound by hand (spec.nodeName), claims of a WaitForFirstConsumer class, and
 * a claim deleted after scheduling.
 *
 * `persistentVolumeClaim.readOnly: true` makes every mount of the volume read-only (the volume is
 * mounted read-only whatever the volumeMount says): applyClaimReadOnly.
 */
import { isNotFound } from '../api/errors.ts';
import type { corev1 } from '../api/types.ts';
import type { Client } from '../client/client.ts';
import type { Mount } from '../runtime/cri.ts';
import type { SimulatedDisks } from '../runtime/simulated-disks.ts';
import type { Volume } from '../runtime/volume.ts';

/** The volume cannot be mounted yet: the pod stays ContainerCreating (event FailedMount). */
export class VolumeMountError extends Error {
  override name = 'VolumeMountError';
}

/** The kubelet's FailedMount message for volume `volumeName` (upstream volumemanager WaitForAttachAndMount). */
export function failedMountMessage(volumeName: string, cause: string): string {
  return `Unable to attach or mount volumes: unmounted volumes=[${volumeName}], unattached volumes=[], failed to process volumes=[${volumeName}]: ${cause}`;
}

/** The disk of the PersistentVolume bound to the claim `source.claimName`, or VolumeMountError. */
export async function claimVolume(client: Client, pod: corev1.Pod, volume: corev1.Volume, disks: SimulatedDisks | undefined): Promise<Volume> {
  const ns = pod.metadata?.namespace ?? 'default';
  const claimName = volume.persistentVolumeClaim?.claimName ?? '';
  let claim: corev1.PersistentVolumeClaim;
  try {
    claim = await client.persistentvolumeclaims(ns).get(claimName);
  } catch (err) {
    if (isNotFound(err)) throw new VolumeMountError(failedMountMessage(volume.name, `error processing PVC ${ns}/${claimName}: persistentvolumeclaim "${claimName}" not found`));
    throw err;
  }
  if (claim.metadata?.deletionTimestamp) throw new VolumeMountError(failedMountMessage(volume.name, `error processing PVC ${ns}/${claimName}: can't start pod because PVC ${ns}/${claimName} is being deleted`));
  const pvName = claim.spec?.volumeName;
  if (!pvName || claim.status?.phase !== 'Bound') throw new VolumeMountError(failedMountMessage(volume.name, `error processing PVC ${ns}/${claimName}: PVC is not bound`));
  if (!disks) throw new VolumeMountError(failedMountMessage(volume.name, 'this node has no storage attached'));
  return disks.persistentVolume(pvName);
}

/** Mounts of a volume whose claim source says readOnly become read-only. */
export function applyClaimReadOnly(pod: corev1.Pod, spec: corev1.Container, mounts: Mount[]): Mount[] {
  const readOnly = new Set((pod.spec?.volumes ?? []).filter((v) => v.persistentVolumeClaim?.readOnly).map((v) => v.name));
  if (readOnly.size === 0) return mounts;
  const byPath = new Map((spec.volumeMounts ?? []).map((m) => [m.mountPath, m.name]));
  return mounts.map((m) => (readOnly.has(byPath.get(m.containerPath) ?? '') ? { ...m, readonly: true } : m));
}
