/**
 * The PersistentVolume binder (upstream: pkg/controller/volume/persistentvolume/pv_controller.go,
 * run by kube-controller-manager as `persistentvolume-binder-controller`). Website:
 * concepts/storage/persistent-volumes.md (Binding, Reclaiming, Phase), dynamic-provisioning.md.
 *
 * Claims (syncClaim):
 *  - a claim with no storageClassName at all gets the default StorageClass (the DefaultStorageClass
 *    admission does it on create; this retroactive assignment, GA in 1.28, covers claims created
 *    before a default class existed);
 *  - unbound (no `pv.kubernetes.io/bind-completed`): with spec.volumeName, bind to that volume if
 *    it fits (else `VolumeMismatch` / `FailedBinding`); without, ask the `volume.binder` part
 *    (FindMatchingVolume) for the best volume and bind it. No volume: class "" → Warning
 *    `FailedBinding` "no persistent volumes available for this claim and no storage class is
 *    set"; a class whose provisioner is external → annotate the claim
 *    `volume.kubernetes.io/storage-provisioner` and Normal `ExternalProvisioning`; the claim stays
 *    Pending until a volume appears.
 *  - bound: keep both sides consistent; a claim whose volume vanished is `Lost` (`ClaimLost`).
 * Binding writes the volume first (claimRef, `bound-by-controller`, phase Bound), then the claim
 * (volumeName, `bind-completed`, `bound-by-controller`; status Bound with the volume's capacity
 * and access modes) — the order that lets a crash between the two be finished by the next sync.
 *
 * Volumes (syncVolume): no claimRef → `Available`; a claimRef without uid (pre-bound by hand) →
 * Available, waiting for its claim; the claim is gone (or is a new claim of the same name) →
 * `Released`, then reclaim: Retain keeps the volume and its data; Delete leaves the deletion to
 * the provisioner that created the volume (`pv.kubernetes.io/provisioned-by`), a volume nobody
 * provisioned goes `Failed` with `VolumeFailedDelete`; Recycle (deprecated) is not supported here
 * and fails with `VolumeFailedRecycle`.
 */
import { isConflict, isNotFound } from '../../api/errors.ts';
import type { corev1, storagev1 } from '../../api/types.ts';
import { type Client, type EventRecorder, type Lister } from '../../client/index.ts';
import { deepCopy } from '../../util/deep-freeze.ts';
import type { ControllerContext, ControllerFactory } from '../context.ts';
import { VolumeLoopController } from './volume-loop-controller.ts';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_DYNAMICALLY_PROVISIONED,
  ANN_STORAGE_PROVISIONER,
  classOf,
  defaultClass,
  Reasons,
} from './annotations.ts';
import type { FindBestMatch } from './pv-binder.ts';
import { refersTo, unsatisfied } from './binding-checks.ts';

export const PERSISTENTVOLUME_BINDER_CONTROLLER = 'persistentvolume-binder-controller';

export interface PersistentVolumeControllerOptions {
  /** The `volume.binder` part. */
  findBestMatch: FindBestMatch;
}

export function persistentVolumeBinderController(options: PersistentVolumeControllerOptions): ControllerFactory {
  return (ctx) => new PersistentVolumeController(ctx, options);
}

type PV = corev1.PersistentVolume;
type PVC = corev1.PersistentVolumeClaim;

const CLAIM = 'claim:';
const VOLUME = 'volume:';
const claimKey = (ns: string, name: string) => `${CLAIM}${ns}/${name}`;
const keyOfClaim = (c: PVC) => claimKey(c.metadata?.namespace ?? '', c.metadata?.name ?? '');

export class PersistentVolumeController extends VolumeLoopController {
  readonly name = PERSISTENTVOLUME_BINDER_CONTROLLER;
  private readonly client: Client;
  private readonly recorder: EventRecorder;
  private readonly volumes: Lister<PV>;
  private readonly claims: Lister<PVC>;
  private readonly classes: Lister<storagev1.StorageClass>;
  private readonly findBestMatch: FindBestMatch;

  constructor(ctx: ControllerContext, options: PersistentVolumeControllerOptions) {
    super(ctx, PERSISTENTVOLUME_BINDER_CONTROLLER);
    this.client = ctx.client;
    this.recorder = ctx.recorder;
    this.findBestMatch = options.findBestMatch;
    const pvInformer = ctx.informers.persistentvolumes();
    const pvcInformer = ctx.informers.persistentvolumeclaims();
    const scInformer = ctx.informers.storageclasses();
    this.volumes = pvInformer.lister();
    this.claims = pvcInformer.lister();
    this.classes = scInformer.lister();
    const onVolume = (pv: PV) => {
      this.loop.enqueue(`${VOLUME}${pv.metadata?.name ?? ''}`);
      // A new or changed volume may be what a pending claim waits for (upstream resyncs claims
      // periodically; here the volume's arrival wakes the claims that could use it).
      const ref = pv.spec?.claimRef;
      if (ref?.name) this.loop.enqueue(claimKey(ref.namespace ?? '', ref.name));
      else this.enqueueUnboundClaims();
    };
    pvInformer.addEventHandler({ onAdd: onVolume, onUpdate: (_o, pv) => onVolume(pv), onDelete: (pv) => onVolume(pv) });
    const onClaim = (c: PVC) => {
      this.loop.enqueue(keyOfClaim(c));
      if (c.spec?.volumeName) this.loop.enqueue(`${VOLUME}${c.spec.volumeName}`);
    };
    pvcInformer.addEventHandler({
      onAdd: onClaim,
      onUpdate: (_o, c) => onClaim(c),
      // A deleted claim releases its volume.
      onDelete: (c) => {
        for (const pv of this.volumes.list()) if (refersTo(pv, c)) this.loop.enqueue(`${VOLUME}${pv.metadata?.name ?? ''}`);
      },
    });
    // A new (default) class may let pending claims provision.
    scInformer.addEventHandler({ onAdd: () => this.enqueueUnboundClaims() });
  }

  /** Claims not yet bound (with or without a volumeName they wait for). */
  private enqueueUnboundClaims(): void {
    for (const c of this.claims.list()) if (!c.metadata?.annotations?.[ANN_BIND_COMPLETED]) this.loop.enqueue(keyOfClaim(c));
  }

  protected async sync(key: string): Promise<void> {
    try {
      if (key.startsWith(CLAIM)) await this.syncClaim(key.slice(CLAIM.length));
      else await this.syncVolume(key.slice(VOLUME.length));
    } catch (err) {
      // The object just went away: the informer will bring the news (409s are retried by the loop).
      if (isNotFound(err)) return;
      throw err;
    }
  }

  // ---- claims ------------------------------------------------------------------------------

  private async syncClaim(key: string): Promise<void> {
    const claim = this.claims.getByKey(key);
    if (!claim) return;
    if (claim.spec?.storageClassName === undefined && !claim.spec?.volumeName) {
      const def = defaultClass(this.classes.list());
      if (def) {
        const c = deepCopy(claim);
        c.spec = { ...c.spec, storageClassName: def.metadata?.name ?? '' };
        await this.client.persistentvolumeclaims(c.metadata?.namespace).update(c);
        return;
      }
    }
    if (claim.metadata?.annotations?.[ANN_BIND_COMPLETED]) await this.syncBoundClaim(claim);
    else await this.syncUnboundClaim(claim);
  }

  private async syncUnboundClaim(claim: PVC): Promise<void> {
    const volumeName = claim.spec?.volumeName ?? '';
    if (volumeName === '') {
      const all = [...this.volumes.list()].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
      const pv = this.findBestMatch(claim, all);
      if (pv) return this.bind(pv, claim);
      await this.noVolumeFor(claim);
      return this.setClaimPhase(claim, 'Pending');
    }
    // The user asked for a volume by name (or a provisioner did, through claimRef).
    const pv = this.volumes.get(volumeName);
    if (!pv) return this.setClaimPhase(claim, 'Pending');
    if (!pv.spec?.claimRef || refersTo(pv, claim)) {
      const mismatch = unsatisfied(pv, claim);
      if (mismatch) {
        this.recorder.event(claim, 'Warning', Reasons.VolumeMismatch, `Cannot bind to requested volume "${volumeName}": ${mismatch}`);
        return this.setClaimPhase(claim, 'Pending');
      }
      return this.bind(pv, claim);
    }
    this.recorder.event(claim, 'Warning', Reasons.FailedBinding, `volume "${volumeName}" already bound to a different claim.`);
    return this.setClaimPhase(claim, 'Pending');
  }

  /** No existing volume fits: say why, or ask the class's provisioner for one. */
  private async noVolumeFor(claim: PVC): Promise<void> {
    const cls = classOf(claim);
    if (cls === '') {
      this.recorder.event(claim, 'Warning', Reasons.FailedBinding, 'no persistent volumes available for this claim and no storage class is set');
      return;
    }
    const sc = this.classes.get(cls);
    if (!sc) {
      this.recorder.event(claim, 'Warning', Reasons.FailedBinding, `storageclass.storage.k8s.io "${cls}" not found`);
      return;
    }
    if (sc.volumeBindingMode === 'WaitForFirstConsumer') {
      // Binding waits for the scheduler to pick a node for a pod using the claim; tinykube's
      // scheduler has no VolumeBinding plugin, so such a claim stays Pending.
      this.recorder.event(claim, 'Normal', Reasons.WaitForFirstConsumer, 'waiting for first consumer to be created before binding');
      return;
    }
    const provisioner = sc.provisioner;
    if (claim.metadata?.annotations?.[ANN_STORAGE_PROVISIONER] !== provisioner) {
      const c = deepCopy(claim);
      c.metadata = { ...c.metadata, annotations: { ...c.metadata?.annotations, [ANN_STORAGE_PROVISIONER]: provisioner, [ANN_BETA_STORAGE_PROVISIONER]: provisioner } };
      await this.client.persistentvolumeclaims(c.metadata?.namespace).update(c);
    }
    this.recorder.event(
      claim,
      'Normal',
      Reasons.ExternalProvisioning,
      `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    );
  }

  private async syncBoundClaim(claim: PVC): Promise<void> {
    const volumeName = claim.spec?.volumeName ?? '';
    const pv = volumeName ? this.volumes.get(volumeName) : undefined;
    if (!pv) {
      if (claim.status?.phase !== 'Lost') this.recorder.event(claim, 'Warning', Reasons.ClaimLost, 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
      return this.setClaimPhase(claim, 'Lost');
    }
    if (!pv.spec?.claimRef || refersTo(pv, claim)) return this.bind(pv, claim);
    if (claim.status?.phase !== 'Lost') this.recorder.event(claim, 'Warning', Reasons.ClaimMisbound, 'Two claims are bound to the same volume, this one is bound incorrectly');
    return this.setClaimPhase(claim, 'Lost');
  }

  /** bind(): volume first, then claim; each step skipped when already done. */
  private async bind(volume: PV, claim: PVC): Promise<void> {
    const ns = claim.metadata?.namespace ?? '';
    let pv = volume;
    if (!pv.spec?.claimRef?.uid || !refersTo(pv, claim)) {
      const next = deepCopy(pv);
      const byController = !pv.spec?.claimRef;
      next.spec = {
        ...next.spec,
        claimRef: { kind: 'PersistentVolumeClaim', namespace: ns, name: claim.metadata?.name ?? '', uid: claim.metadata?.uid ?? '', apiVersion: 'v1', resourceVersion: claim.metadata?.resourceVersion ?? '' },
      };
      if (byController) next.metadata = { ...next.metadata, annotations: { ...next.metadata?.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' } };
      pv = await this.client.persistentvolumes().update(next);
    }
    if (pv.status?.phase !== 'Bound') {
      pv = await this.client.persistentvolumes().updateStatus({ ...deepCopy(pv), status: { ...pv.status, phase: 'Bound' } });
    }
    let c = claim;
    const annotations = c.metadata?.annotations ?? {};
    if (c.spec?.volumeName !== pv.metadata?.name || annotations[ANN_BIND_COMPLETED] !== 'yes') {
      const next = deepCopy(c);
      const add: Record<string, string> = { [ANN_BIND_COMPLETED]: 'yes' };
      if (!c.spec?.volumeName) add[ANN_BOUND_BY_CONTROLLER] = 'yes';
      next.spec = { ...next.spec, volumeName: pv.metadata?.name ?? '' };
      next.metadata = { ...next.metadata, annotations: { ...annotations, ...add } };
      c = await this.client.persistentvolumeclaims(ns).update(next);
    }
    const capacity = pv.spec?.capacity ?? {};
    const accessModes = pv.spec?.accessModes ?? [];
    const s = c.status ?? {};
    if (s.phase !== 'Bound' || JSON.stringify(s.capacity ?? {}) !== JSON.stringify(capacity) || JSON.stringify(s.accessModes ?? []) !== JSON.stringify(accessModes)) {
      await this.client.persistentvolumeclaims(ns).updateStatus({ ...deepCopy(c), status: { ...s, phase: 'Bound', capacity: { ...capacity }, accessModes: [...accessModes] } });
    }
  }

  private async setClaimPhase(claim: PVC, phase: string): Promise<void> {
    if (claim.status?.phase === phase) return;
    await this.client.persistentvolumeclaims(claim.metadata?.namespace).updateStatus({ ...deepCopy(claim), status: { ...claim.status, phase } });
  }

  // ---- volumes -----------------------------------------------------------------------------

  private async syncVolume(name: string): Promise<void> {
    const pv = this.volumes.get(name);
    if (!pv) return;
    const ref = pv.spec?.claimRef;
    if (!ref) return this.setVolumePhase(pv, 'Available');
    if (!ref.uid) {
      // Pre-bound by a user to a claim that has not bound yet: on offer to that claim only.
      this.loop.enqueue(claimKey(ref.namespace ?? '', ref.name ?? ''));
      return this.setVolumePhase(pv, 'Available');
    }
    let claim = this.claims.get(ref.namespace ?? '', ref.name ?? '');
    if (claim && claim.metadata?.uid !== ref.uid) claim = undefined; // a new claim of the same name
    if (!claim) {
      // Double-check with the apiserver before releasing (upstream does the same: the cache may
      // not have seen a claim created a moment ago).
      try {
        const live = await this.client.persistentvolumeclaims(ref.namespace).get(ref.name ?? '');
        if (live.metadata?.uid === ref.uid) return;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed') {
        await this.setVolumePhase(pv, 'Released');
        return; // the update brings the volume back here for reclaim
      }
      if (pv.status?.phase === 'Released') await this.reclaim(pv);
      return;
    }
    if (!claim.spec?.volumeName) {
      // Reserved for this claim (by a provisioner, or half-way through our own bind): the
      // claim's sync finishes the binding.
      this.loop.enqueue(keyOfClaim(claim));
      return;
    }
    if (claim.spec.volumeName === name) return this.setVolumePhase(pv, 'Bound');
    // The claim went to another volume: give this one back if we were the ones who bound it.
    if (pv.metadata?.annotations?.[ANN_BOUND_BY_CONTROLLER]) {
      const next = deepCopy(pv);
      delete next.spec!.claimRef;
      delete next.metadata!.annotations![ANN_BOUND_BY_CONTROLLER];
      await this.client.persistentvolumes().update(next);
    }
  }

  private async reclaim(pv: PV): Promise<void> {
    const policy = pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
    if (policy === 'Retain') return; // the administrator decides what happens to the data
    if (policy === 'Recycle') {
      this.recorder.event(pv, 'Warning', Reasons.VolumeFailedRecycle, 'No recycler plugin found for the volume!');
      return this.setVolumePhase(pv, 'Failed');
    }
    // Delete: a dynamically provisioned volume is deleted by its (external) provisioner.
    if (pv.metadata?.annotations?.[ANN_DYNAMICALLY_PROVISIONED]) return;
    this.recorder.event(pv, 'Warning', Reasons.VolumeFailedDelete, `error getting deleter volume plugin for volume "${pv.metadata?.name}": no deletable volume plugin matched`);
    return this.setVolumePhase(pv, 'Failed');
  }

  private async setVolumePhase(pv: PV, phase: string): Promise<void> {
    if (pv.status?.phase === phase) return;
    try {
      await this.client.persistentvolumes().updateStatus({ ...deepCopy(pv), status: { ...pv.status, phase } });
    } catch (err) {
      if (!isConflict(err)) throw err;
      this.loop.enqueue(`${VOLUME}${pv.metadata?.name ?? ''}`);
    }
  }
}
