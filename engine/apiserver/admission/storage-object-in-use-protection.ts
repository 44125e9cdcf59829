/**
 * StorageObjectInUseProtection (upstream: plugin/pkg/admission/storage/storageobjectinuseprotection).
 *
 * Every new PersistentVolumeClaim gets the finalizer `kubernetes.io/pvc-protection` and every new
 * PersistentVolume `kubernetes.io/pv-protection`, so that deleting one that is still in use only
 * marks it Terminating; the pvc-protection and pv-protection controllers
 * (engine/controllers/volume) remove the finalizer once nothing uses it.
 */
import type { AdmissionAttributes, AdmissionPlugin } from './types.ts';

const FINALIZERS: Record<string, string> = {
  persistentvolumeclaims: 'kubernetes.io/pvc-protection',
  persistentvolumes: 'kubernetes.io/pv-protection',
};

export function storageObjectInUseProtection(): AdmissionPlugin {
  return {
    name: 'StorageObjectInUseProtection',
    admit(a: AdmissionAttributes) {
      if (a.operation !== 'CREATE' || a.subresource !== '' || a.resource.group !== '') return undefined;
      const finalizer = FINALIZERS[a.resource.resource];
      if (!finalizer || !a.object) return undefined;
      const meta = (a.object.metadata ??= {}) as { finalizers?: string[] };
      const list = (meta.finalizers ??= []);
      if (!list.includes(finalizer)) list.push(finalizer);
      return undefined;
    },
  };
}
