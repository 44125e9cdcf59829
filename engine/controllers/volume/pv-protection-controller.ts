/**
 * PV protection (upstream: pkg/controller/volume/pvprotection/pv_protection_controller.go).
 *
 * Every PersistentVolume carries the finalizer `kubernetes.io/pv-protection`; deleting a volume
 * that is still Bound to a claim only marks it Terminating. Once it is no longer Bound (its
 * claim was deleted: Released, or it failed, or was never bound) the finalizer is removed and
 * the volume goes.
 */
import { isNotFound } from '../../api/errors.ts';
import type { corev1 } from '../../api/types.ts';
import { type Client, type Lister } from '../../client/index.ts';
import { deepCopy } from '../../util/deep-freeze.ts';
import type { ControllerContext, ControllerFactory } from '../context.ts';
import { VolumeLoopController } from './volume-loop-controller.ts';
import { PV_PROTECTION_FINALIZER } from './annotations.ts';

export const PV_PROTECTION_CONTROLLER = 'persistentvolume-protection-controller';

export function pvProtectionController(): ControllerFactory {
  return (ctx) => new PVProtectionController(ctx);
}

export class PVProtectionController extends VolumeLoopController {
  readonly name = PV_PROTECTION_CONTROLLER;
  private readonly client: Client;
  private readonly volumes: Lister<corev1.PersistentVolume>;

  constructor(ctx: ControllerContext) {
    super(ctx, PV_PROTECTION_CONTROLLER);
    this.client = ctx.client;
    const pv = ctx.informers.persistentvolumes();
    this.volumes = pv.lister();
    pv.addEventHandler({ onAdd: (v) => this.loop.enqueueObject(v), onUpdate: (_o, v) => this.loop.enqueueObject(v) });
  }

  protected async sync(name: string): Promise<void> {
    const pv = this.volumes.get(name);
    if (!pv) return;
    const finalizers = pv.metadata?.finalizers ?? [];
    const has = finalizers.includes(PV_PROTECTION_FINALIZER);
    let next: corev1.PersistentVolume | undefined;
    if (!pv.metadata?.deletionTimestamp) {
      if (has) return;
      next = deepCopy(pv);
      next.metadata = { ...next.metadata, finalizers: [...finalizers, PV_PROTECTION_FINALIZER] };
    } else {
      // isVolumeUsed: a Bound volume is in use by its claim.
      if (!has || pv.status?.phase === 'Bound') return;
      next = deepCopy(pv);
      next.metadata = { ...next.metadata, finalizers: finalizers.filter((f) => f !== PV_PROTECTION_FINALIZER) };
    }
    try {
      await this.client.persistentvolumes().update(next);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
