/**
 * Names the volume controllers share, spelled as upstream (pkg/controller/volume/persistentvolume
 * pv_controller.go, k8s.io/component-helpers storage/volume, pkg/apis/storage/util).
 */
import type { corev1 } from '../../api/types.ts';
import { defaultStorageClassOf } from '../../api/storage-class.ts';

/** On a claim once the controller finished binding it (both sides written). */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** On a claim / volume whose volumeName / claimRef the controller (not a user) set. */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** On a claim: the provisioner expected to create its volume (GA and beta spellings). */
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** On a volume a provisioner created: who, so that the same provisioner deletes it. */
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
export { ANN_IS_DEFAULT_CLASS } from '../../api/storage-class.ts';

/** Finalizers (pkg/volume/util: PVCProtectionFinalizer, PVProtectionFinalizer). */
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

/** Event reasons (pkg/controller/volume/events). */
export const Reasons = {
  FailedBinding: 'FailedBinding',
  VolumeMismatch: 'VolumeMismatch',
  ExternalProvisioning: 'ExternalProvisioning',
  WaitForFirstConsumer: 'WaitForFirstConsumer',
  ClaimLost: 'ClaimLost',
  ClaimMisbound: 'ClaimMisbound',
  VolumeFailedDelete: 'VolumeFailedDelete',
  VolumeFailedRecycle: 'VolumeFailedRecycle',
  Provisioning: 'Provisioning',
  ProvisioningSucceeded: 'ProvisioningSucceeded',
} as const;

/** GetPersistentVolumeClaimClass / GetPersistentVolumeClass: unset and "" both mean no class. */
export function classOf(obj: corev1.PersistentVolume | corev1.PersistentVolumeClaim): string {
  return obj.spec?.storageClassName ?? '';
}

/** The default StorageClass (several defaults: the newest wins, as upstream GetDefaultClass). */
export const defaultClass = defaultStorageClassOf;
