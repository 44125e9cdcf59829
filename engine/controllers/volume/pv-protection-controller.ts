/**
 * PV protection (upstream: pkg/controller/volume/pvprotection/pv_protection_controller.go).
 *
 * Every PersistentVolume carries the finalizer `kubernetes.io/pv-protection`; deleting a volume
 * that is still Bound to a claim only marks it Terminating. Once it is no longer Bound (its
 * claim was deleted: Released, or it failed, or was never bound) the finalizer is removed and
 * the volume goes.
 */
import { isConflict, isNotFound } from '../../api/errors.ts';
import type { corev1 } from '../../api/types.ts';
import { ReconcileLoop, type Client, type Lister } from '../../client/index.ts';
import { deepCopy } from '../../util/deep-freeze.ts';
import type { Controller, ControllerContext, ControllerFactory } from '../context.ts';
import { PV_PROTECTION_FINALIZER } from './annotations.ts';

export const PV_PROTECTION_CONTROLLER = 'persistentvolume-protection-controller';

export function pvProtectionController(): ControllerFactory {
  return (ctx) => new PVProtectionController(ctx);
}

export class PVProtectionController implements Controller {
  readonly name = PV_PROTECTION_CONTROLLER;
  readonly loop: ReconcileLoop;
  private readonly client: Client;
  private readonly volumes: Lister<corev1.PersistentVolume>;

  constructor(ctx: ControllerContext) {
    this.client = ctx.client;
    this.loop = new ReconcileLoop({ name: this.name, clock: ctx.clock, reconcile: (key) => this.sync(key).catch((err: unknown) => this.retryOnConflict(key, err)), onError: (_k, err) => ctx.reportError?.(err) });
    const pv = ctx.informers.persistentvolumes();
    this.volumes = pv.lister();
    pv.addEventHandler({ onAdd: (v) => this.loop.enqueueObject(v), onUpdate: (_o, v) => this.loop.enqueueObject(v) });
  }

  start(): Promise<void> {
    return this.loop.start();
  }

  /** A 409 means our cache was behind: run the key again (the informer brings the news). */
  private retryOnConflict(key: string, err: unknown): void {
    if (!isConflict(err)) throw err;
    this.loop.queue.addRateLimited(key);
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async sync(name: string): Promise<void> {
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
