/**
 * The `volume.binder` part: which PersistentVolume a PersistentVolumeClaim should bind to —
 * upstream FindMatchingVolume (k8s.io/component-helpers storage/volume/pv_helpers.go, formerly
 * pkg/controller/volume/persistentvolume/util), called by the PV controller's syncUnboundClaim
 * through its access-mode index (pkg/controller/volume/persistentvolume/index.go findByClaim).
 * Website: concepts/storage/persistent-volumes.md ("Binding").
 *
 *   findBestMatch(claim, volumes) → the volume to bind, or undefined (the claim stays Pending).
 *
 * Rules, for each volume (the list is in name order; never modify what you are given):
 *  - a volume being deleted (metadata.deletionTimestamp set) never matches;
 *  - the volume modes must be equal (an unset volumeMode means `Filesystem` on both sides);
 *  - PRE-BOUND: a volume whose spec.claimRef names this claim (namespace and name, and uid when
 *    the claimRef has one) is returned at once if its capacity is enough — whatever its phase
 *    and class: an administrator (or a provisioner) reserved it for this claim;
 *  - otherwise the volume must be free: status.phase `Available` and no spec.claimRef;
 *  - the claim's spec.selector (matchLabels / matchExpressions), when set, must match the
 *    volume's labels;
 *  - the storage classes must be equal: spec.storageClassName, where unset and "" both mean
 *    "no class" (a claim created with no class at all was given the default class by the
 *    DefaultStorageClass admission before it got here);
 *  - the volume's accessModes must include every access mode the claim asks for (a superset);
 *  - capacity.storage ≥ the claim's resources.requests.storage (quantities: `1Gi`, `500Mi`);
 *  - among the volumes that fit, the SMALLEST capacity wins (first in the list on a tie), so
 *    that a 1Gi claim does not take the 100Gi volume another claim will need.
 *
 * Worked example — claim `data` (default/data, uid u1) asks 1Gi, ReadWriteOnce, class "":
 *
 *   pv-a  10Gi RWO       class ""      Available          fits (10Gi)
 *   pv-b   2Gi RWO,ROX   class ""      Available          fits (2Gi)   ← smallest fit
 *   pv-c 500Mi RWO       class ""      Available          too small
 *   pv-d   1Gi ROX       class ""      Available          lacks ReadWriteOnce
 *   pv-e   1Gi RWO       class "fast"  Available          other class
 *   pv-f   1Gi RWO       class ""      Bound to other/x   not free
 *   → pv-b. If pv-a had claimRef {namespace: default, name: data}, pv-a (pre-bound) instead.
 */
import type { corev1 } from '../../api/types.ts';

/** The part's signature. */
// #region find-best-match
export type FindBestMatch = (claim: corev1.PersistentVolumeClaim, volumes: readonly corev1.PersistentVolume[]) => corev1.PersistentVolume | undefined;
// #endregion find-best-match
