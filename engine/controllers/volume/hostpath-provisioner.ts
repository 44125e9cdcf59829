/**
 * The simulated dynamic provisioner `tinykube.io/hostpath` — what rancher.io/local-path (kind's
 * default StorageClass `standard`) does, built on sig-storage-lib-external-provisioner's
 * controller. It runs beside the PV controller, like any external provisioner:
 *
 *  - a claim annotated `volume.kubernetes.io/storage-provisioner: tinykube.io/hostpath` by the PV
 *    controller, still unbound and not being deleted, whose class names this provisioner, gets a
 *    PersistentVolume `pvc-<claim uid>`: capacity = the request, the claim's access modes and
 *    volume mode, the class's reclaimPolicy (default Delete), storageClassName, a claimRef to the
 *    claim (pre-bound: the PV controller then binds the pair), annotation
 *    `pv.kubernetes.io/provisioned-by`, and a hostPath under /var/local-path-provisioner. Events
 *    on the claim: Normal `Provisioning` then `ProvisioningSucceeded`.
 *  - a volume it provisioned that is `Released` with reclaimPolicy Delete is deleted: first its
 *    data (the simulated disk), then the PersistentVolume object.
 */
import { isAlreadyExists, isNotFound } from '../../api/errors.ts';
import type { corev1, storagev1 } from '../../api/types.ts';
import { type Client, type EventRecorder, type Lister } from '../../client/index.ts';
import type { SimulatedDisks } from '../../runtime/simulated-disks.ts';
import type { ControllerContext, ControllerFactory } from '../context.ts';
import { VolumeLoopController } from './volume-loop-controller.ts';
import { ANN_DYNAMICALLY_PROVISIONED, ANN_STORAGE_PROVISIONER, classOf, Reasons } from './annotations.ts';

export const HOSTPATH_PROVISIONER = 'tinykube.io/hostpath';
export const HOSTPATH_PROVISIONER_CONTROLLER = 'hostpath-provisioner';
/** Where local-path-provisioner keeps its volumes on the node. */
export const HOSTPATH_PROVISIONER_DIR = '/var/local-path-provisioner';

export interface HostPathProvisionerOptions {
  /** The cluster's disks: a deleted volume's data goes with it. */
  disks?: SimulatedDisks;
}

export function hostPathProvisionerController(options: HostPathProvisionerOptions = {}): ControllerFactory {
  return (ctx) => new HostPathProvisioner(ctx, options);
}

const CLAIM = 'claim:';
const VOLUME = 'volume:';

export class HostPathProvisioner extends VolumeLoopController {
  readonly name = HOSTPATH_PROVISIONER_CONTROLLER;
  private readonly client: Client;
  private readonly recorder: EventRecorder;
  private readonly claims: Lister<corev1.PersistentVolumeClaim>;
  private readonly volumes: Lister<corev1.PersistentVolume>;
  private readonly classes: Lister<storagev1.StorageClass>;

  constructor(ctx: ControllerContext, private readonly options: HostPathProvisionerOptions) {
    super(ctx, HOSTPATH_PROVISIONER_CONTROLLER);
    this.client = ctx.client;
    this.recorder = ctx.recorder;
    const pvc = ctx.informers.persistentvolumeclaims();
    const pv = ctx.informers.persistentvolumes();
    this.claims = pvc.lister();
    this.volumes = pv.lister();
    this.classes = ctx.informers.storageclasses().lister();
    const onClaim = (c: corev1.PersistentVolumeClaim) => this.loop.enqueue(`${CLAIM}${c.metadata?.namespace}/${c.metadata?.name}`);
    pvc.addEventHandler({ onAdd: onClaim, onUpdate: (_o, c) => onClaim(c) });
    const onVolume = (v: corev1.PersistentVolume) => this.loop.enqueue(`${VOLUME}${v.metadata?.name}`);
    pv.addEventHandler({ onAdd: onVolume, onUpdate: (_o, v) => onVolume(v) });
  }

  protected async sync(key: string): Promise<void> {
    if (key.startsWith(CLAIM)) return this.provision(key.slice(CLAIM.length));
    return this.deleteIfReleased(key.slice(VOLUME.length));
  }

  private async provision(key: string): Promise<void> {
    const claim = this.claims.getByKey(key);
    if (!claim || claim.metadata?.deletionTimestamp || claim.spec?.volumeName) return;
    if (claim.metadata?.annotations?.[ANN_STORAGE_PROVISIONER] !== HOSTPATH_PROVISIONER) return;
    const sc = this.classes.get(classOf(claim));
    if (!sc || sc.provisioner !== HOSTPATH_PROVISIONER) return;
    const name = `pvc-${claim.metadata?.uid}`;
    if (this.volumes.get(name)) return;
    const ns = claim.metadata?.namespace ?? '';
    const claimName = claim.metadata?.name ?? '';
    this.recorder.event(claim, 'Normal', Reasons.Provisioning, `External provisioner is provisioning volume for claim "${ns}/${claimName}"`);
    const pv: corev1.PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name, annotations: { [ANN_DYNAMICALLY_PROVISIONED]: HOSTPATH_PROVISIONER } },
      spec: {
        capacity: { storage: claim.spec?.resources?.requests?.['storage'] ?? '0' },
        accessModes: [...(claim.spec?.accessModes ?? [])],
        volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: sc.metadata?.name ?? '',
        claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: ns, name: claimName, uid: claim.metadata?.uid ?? '', resourceVersion: claim.metadata?.resourceVersion ?? '' },
        hostPath: { path: `${HOSTPATH_PROVISIONER_DIR}/${name}_${ns}_${claimName}`, type: 'DirectoryOrCreate' },
      },
    };
    if (sc.mountOptions?.length) pv.spec!.mountOptions = [...sc.mountOptions];
    try {
      await this.client.persistentvolumes().create(pv);
    } catch (err) {
      if (isAlreadyExists(err)) return;
      throw err;
    }
    this.options.disks?.persistentVolume(name);
    this.recorder.event(claim, 'Normal', Reasons.ProvisioningSucceeded, `Successfully provisioned volume ${name}`);
  }

  private async deleteIfReleased(name: string): Promise<void> {
    const pv = this.volumes.get(name);
    if (!pv || pv.metadata?.deletionTimestamp) return;
    if (pv.metadata?.annotations?.[ANN_DYNAMICALLY_PROVISIONED] !== HOSTPATH_PROVISIONER) return;
    if (pv.status?.phase !== 'Released' || pv.spec?.persistentVolumeReclaimPolicy !== 'Delete') return;
    this.options.disks?.deletePersistentVolume(name);
    try {
      await this.client.persistentvolumes().delete(name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
