/**
 * Reference `volume.binder`: upstream FindMatchingVolume (k8s.io/component-helpers
 * storage/volume/pv_helpers.go) as the PV controller uses it. See
 * engine/controllers/volume/pv-binder.ts for the contract and a worked example.
 */
import { tryLabelSelectorAsSelector } from '../../engine/api/labels.ts';
import { parseQuantity } from '../../engine/api/quantity.ts';
import type { corev1 } from '../../engine/api/types.ts';

const storageOf = (q: unknown) => parseQuantity(q) ?? 0;

/** GetPersistentVolumeClass / GetPersistentVolumeClaimClass: unset and "" are both "no class". */
const classOf = (spec: { storageClassName?: string } | undefined) => spec?.storageClassName ?? '';

/** IsVolumeBoundToClaim: the claimRef names this claim; a claimRef without uid matches any uid. */
function reservedFor(pv: corev1.PersistentVolume, claim: corev1.PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata?.name || (ref.namespace ?? '') !== (claim.metadata?.namespace ?? '')) return false;
  return !ref.uid || ref.uid === claim.metadata?.uid;
}

/** CheckAccessModes: every mode the claim asks for is one the volume offers. */
function offersModes(pv: corev1.PersistentVolume, claim: corev1.PersistentVolumeClaim): boolean {
  const offered = new Set(pv.spec?.accessModes ?? []);
  return (claim.spec?.accessModes ?? []).every((m) => offered.has(m));
}

export function findBestMatch(claim: corev1.PersistentVolumeClaim, volumes: readonly corev1.PersistentVolume[]): corev1.PersistentVolume | undefined {
  const requested = storageOf(claim.spec?.resources?.requests?.['storage']);
  const wantedMode = claim.spec?.volumeMode ?? 'Filesystem';
  // A selector that does not parse matches nothing (validation refuses such claims anyway).
  const parsed = claim.spec?.selector ? tryLabelSelectorAsSelector(claim.spec.selector) : undefined;
  if (parsed && !parsed.ok) return undefined;
  const selector = parsed?.value;

  let best: corev1.PersistentVolume | undefined;
  let bestSize = Infinity;
  for (const pv of volumes) {
    // CheckVolumeModeMismatches: a Block claim cannot use a Filesystem volume, and the reverse.
    if ((pv.spec?.volumeMode ?? 'Filesystem') !== wantedMode) continue;
    // A volume on its way out would leave the claim bound to nothing.
    if (pv.metadata?.deletionTimestamp) continue;
    const size = storageOf(pv.spec?.capacity?.['storage']);
    // Pre-bound (by an administrator, or by a provisioner for this very claim): it is this claim's
    // volume, class and phase notwithstanding; only the size still has to do.
    if (reservedFor(pv, claim)) {
      if (size >= requested) return pv;
      continue;
    }
    // Only free volumes: a volume in another phase (Pending, Released, Failed) or reserved for
    // another claim is not on offer. Upstream skips non-Available volumes rather than racing
    // the controller that is about to make them Available.
    if (pv.status?.phase !== 'Available' || pv.spec?.claimRef) continue;
    if (selector && !selector.matches(pv.metadata?.labels)) continue;
    if (classOf(pv.spec) !== classOf(claim.spec)) continue;
    if (!offersModes(pv, claim)) continue;
    if (size < requested) continue;
    // Smallest fit: leave the big volumes for the claims that need them.
    if (size < bestSize) {
      best = pv;
      bestSize = size;
    }
  }
  return best;
}
