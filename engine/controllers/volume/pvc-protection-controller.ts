/**
 * PVC protection (upstream: pkg/controller/volume/pvcprotection/pvc_protection_controller.go;
 * website concepts/storage/persistent-volumes.md "Storage Object in Use Protection").
 *
 * Every claim carries the finalizer `kubernetes.io/pvc-protection` (upstream the
 * StorageObjectInUseProtection admission adds it on create; this controller adds it to any claim
 * missing it). `kubectl delete pvc` on a claim that a pod uses only sets deletionTimestamp — the
 * claim shows Terminating — and the finalizer is removed once no scheduled pod references the
 * claim any more, which is when the apiserver really deletes it.
 */
import { isNotFound } from '../../api/errors.ts';
import type { corev1 } from '../../api/types.ts';
import { type Client, type Lister } from '../../client/index.ts';
import { deepCopy } from '../../util/deep-freeze.ts';
import type { ControllerContext, ControllerFactory } from '../context.ts';
import { VolumeLoopController } from './volume-loop-controller.ts';
import { PVC_PROTECTION_FINALIZER } from './annotations.ts';

export const PVC_PROTECTION_CONTROLLER = 'persistentvolumeclaim-protection-controller';

export function pvcProtectionController(): ControllerFactory {
  return (ctx) => new PVCProtectionController(ctx);
}

/** podUsesPVC: only a scheduled pod uses a claim (the kubelet refuses a claim being deleted). */
export function podUsesClaim(pod: corev1.Pod, claimName: string): boolean {
  if (!pod.spec?.nodeName) return false;
  return (pod.spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claimName);
}

export class PVCProtectionController extends VolumeLoopController {
  readonly name = PVC_PROTECTION_CONTROLLER;
  private readonly client: Client;
  private readonly claims: Lister<corev1.PersistentVolumeClaim>;
  private readonly pods: Lister<corev1.Pod>;

  constructor(ctx: ControllerContext) {
    super(ctx, PVC_PROTECTION_CONTROLLER);
    this.client = ctx.client;
    const pvc = ctx.informers.persistentvolumeclaims();
    const pods = ctx.informers.pods();
    this.claims = pvc.lister();
    this.pods = pods.lister();
    pvc.addEventHandler({ onAdd: (c) => this.loop.enqueueObject(c), onUpdate: (_o, c) => this.loop.enqueueObject(c) });
    // A pod going away (or changing) may free the claims it referenced.
    const onPod = (p: corev1.Pod) => {
      for (const v of p.spec?.volumes ?? []) if (v.persistentVolumeClaim?.claimName) this.loop.enqueue(`${p.metadata?.namespace}/${v.persistentVolumeClaim.claimName}`);
    };
    pods.addEventHandler({ onUpdate: (_o, p) => onPod(p), onDelete: (p) => onPod(p) });
  }

  protected async sync(key: string): Promise<void> {
    const claim = this.claims.getByKey(key);
    if (!claim) return;
    const finalizers = claim.metadata?.finalizers ?? [];
    const has = finalizers.includes(PVC_PROTECTION_FINALIZER);
    const ns = claim.metadata?.namespace ?? '';
    const name = claim.metadata?.name ?? '';
    try {
      if (!claim.metadata?.deletionTimestamp) {
        if (has) return;
        const next = deepCopy(claim);
        next.metadata = { ...next.metadata, finalizers: [...finalizers, PVC_PROTECTION_FINALIZER] };
        await this.client.persistentvolumeclaims(ns).update(next);
        return;
      }
      if (!has) return;
      if (this.pods.namespace(ns).list().some((p) => podUsesClaim(p, name))) return;
      // Upstream double-checks with a live list: the cache may not have seen a new pod yet.
      const live = await this.client.pods(ns).list();
      if (live.items.some((p) => podUsesClaim(p as corev1.Pod, name))) return;
      const next = deepCopy(claim);
      next.metadata = { ...next.metadata, finalizers: finalizers.filter((f) => f !== PVC_PROTECTION_FINALIZER) };
      await this.client.persistentvolumeclaims(ns).update(next);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
