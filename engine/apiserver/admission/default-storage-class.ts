/**
 * DefaultStorageClass (upstream: plugin/pkg/admission/storage/storageclass/setdefault).
 *
 * A new PersistentVolumeClaim that names no storage class at all (spec.storageClassName unset —
 * not "", which explicitly means "no class") gets the cluster's default StorageClass, so that
 * it is dynamically provisioned. With no default class the claim is left alone (the PV
 * controller assigns one later if a default appears: retroactive default StorageClass).
 */
import type { KubeObject } from '../../api/object.ts';
import { defaultStorageClassOf } from '../../api/storage-class.ts';
import type { AdmissionAttributes, AdmissionPlugin } from './types.ts';

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

export function defaultStorageClassAdmission(listStorageClasses: () => readonly Readonly<KubeObject>[]): AdmissionPlugin {
  return {
    name: 'DefaultStorageClass',
    admit(a: AdmissionAttributes) {
      if (a.operation !== 'CREATE' || a.subresource !== '' || a.resource.group !== '' || a.resource.resource !== 'persistentvolumeclaims') return undefined;
      const pvc = a.object;
      if (!pvc) return undefined;
      const spec = (pvc.spec ??= {}) as { storageClassName?: string | null };
      if (spec.storageClassName !== undefined && spec.storageClassName !== null) return undefined;
      const annotations = (pvc.metadata as { annotations?: Record<string, string> } | undefined)?.annotations;
      if (annotations?.[BETA_CLASS_ANNOTATION] !== undefined) return undefined;
      const def = defaultStorageClassOf(listStorageClasses() as readonly { metadata?: { name?: string; creationTimestamp?: string; annotations?: Record<string, string> } }[]);
      if (def?.metadata?.name) spec.storageClassName = def.metadata.name;
      return undefined;
    },
  };
}
