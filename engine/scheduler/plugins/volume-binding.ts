/**
 * VolumeBinding, reduced to its PreFilter (KK plugins/volumebinding/volume_binding.go,
 * binder.go GetPodVolumeClaims): a pod's persistentVolumeClaim volumes must name claims that
 * exist, are not being deleted, and — unless their StorageClass binds WaitForFirstConsumer — are
 * already bound by the PV controller. Otherwise no node can take the pod:
 *
 *   0/2 nodes are available: persistentvolumeclaim "data" not found. preemption: ...
 *   0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: ...
 *
 * The pod is retried when a claim is added or updated (bound) or a StorageClass appears. Volume
 * topology (PV nodeAffinity) and WaitForFirstConsumer provisioning are not modelled: such a pod
 * passes, and the kubelet waits for its claim (engine/kubelet/pvc-volume.ts).
 */
import type { EnqueueExtensions, Handle, PreFilterPlugin } from '../framework/interface.ts';
import { success, unresolvable } from '../framework/status.ts';
import { Names } from './names.ts';

export const ErrReasonBindConflict = 'pod has unbound immediate PersistentVolumeClaims';

export function newVolumeBinding(handle: Handle): PreFilterPlugin & EnqueueExtensions {
  return {
    name: Names.VolumeBinding,
    preFilter(_state, pod) {
      const ns = pod.metadata?.namespace ?? 'default';
      let unbound = false;
      for (const v of pod.spec?.volumes ?? []) {
        const name = v.persistentVolumeClaim?.claimName;
        if (!name || !handle.persistentVolumeClaim) continue;
        const pvc = handle.persistentVolumeClaim(ns, name);
        if (!pvc) return unresolvable(`persistentvolumeclaim "${name}" not found`);
        if (pvc.metadata?.deletionTimestamp) return unresolvable(`persistentvolumeclaim "${name}" is being deleted`);
        if (pvc.spec?.volumeName) continue;
        const cls = pvc.spec?.storageClassName ?? '';
        if (cls && handle.storageClassBindingMode?.(cls) === 'WaitForFirstConsumer') continue;
        unbound = true;
      }
      return unbound ? unresolvable(ErrReasonBindConflict) : success();
    },
    eventsToRegister: () => ['PvcAdd', 'PvcUpdate', 'StorageClassAdd'],
  };
}


