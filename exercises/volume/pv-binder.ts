/**
 * Exercise `volume.binder`: choose the PersistentVolume a PersistentVolumeClaim binds to. Read
 * engine/controllers/volume/pv-binder.ts for the rules and a worked example.
 *
 * Handy: parseQuantity (engine/api/quantity.ts) turns `1Gi` into bytes; tryLabelSelectorAsSelector
 * (engine/api/labels.ts) turns a claim's spec.selector into something with `matches(labels)`.
 */
import type { corev1 } from '../../engine/api/types.ts';

export function findBestMatch(claim: corev1.PersistentVolumeClaim, volumes: readonly corev1.PersistentVolume[]): corev1.PersistentVolume | undefined {
  void claim, volumes;
  // TODO: skip volumes being deleted and volumes whose volumeMode differs from the claim's.
  // TODO: a volume whose claimRef names this claim is its volume, if it is big enough.
  // TODO: otherwise consider only free volumes that match the claim's selector, storage class,
  //       access modes and requested size.
  // TODO: among those, return the one that fits best — or undefined when none fits.
  throw new Error('TODO: volume.binder findBestMatch');
}
