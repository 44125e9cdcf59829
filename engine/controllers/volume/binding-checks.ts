/**
 * Checks the PV controller makes outside the `volume.binder` part (upstream
 * k8s.io/component-helpers storage/volume: IsVolumeBoundToClaim; pv_controller.go
 * checkVolumeSatisfyClaim).
 */
import { parseQuantity } from '../../api/quantity.ts';
import type { corev1 } from '../../api/types.ts';
import { classOf } from './annotations.ts';

/** IsVolumeBoundToClaim: the volume's claimRef names the claim (and its uid, when it has one). */
export function refersTo(pv: corev1.PersistentVolume, claim: corev1.PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref || ref.name !== claim.metadata?.name || (ref.namespace ?? '') !== (claim.metadata?.namespace ?? '')) return false;
  return !ref.uid || ref.uid === claim.metadata?.uid;
}

/** checkVolumeSatisfyClaim for a volume the claim names: why it does not fit, or undefined. */
export function unsatisfied(pv: corev1.PersistentVolume, claim: corev1.PersistentVolumeClaim): string | undefined {
  const req = parseQuantity(claim.spec?.resources?.requests?.['storage']) ?? 0;
  const cap = parseQuantity(pv.spec?.capacity?.['storage']) ?? 0;
  if (cap < req) return 'requested PV is too small';
  if (classOf(pv) !== classOf(claim)) return 'storageClassName does not match';
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (claim.spec?.volumeMode ?? 'Filesystem')) return 'incompatible volumeMode';
  return undefined;
}
