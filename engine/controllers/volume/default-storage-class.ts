/**
 * The cluster's default StorageClass `standard`, as kind installs one: annotated
 * `storageclass.kubernetes.io/is-default-class: "true"`, provisioner `tinykube.io/hostpath`
 * (the simulated twin of kind's rancher.io/local-path), reclaimPolicy Delete.
 *
 * volumeBindingMode is Immediate, not kind's WaitForFirstConsumer: tinykube's scheduler has no
 * VolumeBinding plugin to provision for the node it picks, and with network-like simulated disks
 * (engine/runtime/simulated-disks.ts) binding early loses nothing.
 */
import { isAlreadyExists } from '../../api/errors.ts';
import type { storagev1 } from '../../api/types.ts';
import type { Client } from '../../client/index.ts';
import { ANN_IS_DEFAULT_CLASS } from './annotations.ts';
import { HOSTPATH_PROVISIONER } from './hostpath-provisioner.ts';

export const DEFAULT_STORAGE_CLASS = 'standard';

export function defaultStorageClass(): storagev1.StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: DEFAULT_STORAGE_CLASS, annotations: { [ANN_IS_DEFAULT_CLASS]: 'true' } },
    provisioner: HOSTPATH_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
  };
}

/** Creates the default class unless a class of that name exists (a restarted cluster keeps its own). */
export async function ensureDefaultStorageClass(client: Client): Promise<void> {
  try {
    await client.storageclasses().create(defaultStorageClass());
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
}
