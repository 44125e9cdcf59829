/**
 * The cluster's simulated storage: the contents of every PersistentVolume and every node's
 * hostPath directories, outside any one runtime or kubelet — so data survives a pod, a kubelet
 * restart and a node reboot, as data on a disk does.
 *
 *  - `persistentVolume(name)`: the disk behind the PersistentVolume `name`, created empty on first
 *    use. Every pod that mounts a claim bound to it sees the same files, on ANY node: the
 *    simulation behaves like network storage (NFS, a cloud disk that follows the pod). Real
 *    `hostPath` / `local` volumes — and kind's local-path provisioner that tinykube.io/hostpath
 *    mirrors — are bound to one node (a PV nodeAffinity); that part is not modelled.
 *  - `deletePersistentVolume(name)`: the provisioner's delete of the backing storage
 *    (reclaimPolicy Delete); Retain never calls it, so a released volume keeps its files.
 *  - `hostPaths(node)`: one node's hostPath directories by path, the same Map on every call.
 *
 * One instance per cluster, created by engine/cluster/create-cluster.ts and handed to the
 * controllers (the provisioner deletes data) and, through the node pool, to every kubelet.
 * It lives in memory: a cluster restarted from its data directory keeps its PersistentVolume
 * objects (they are in the store) but not their files.
 */
import { Volume } from './volume.ts';

export class SimulatedDisks {
  private readonly pvs = new Map<string, Volume>();
  private readonly nodes = new Map<string, Map<string, Volume>>();

  /** The disk of PersistentVolume `name` (created empty on first use). */
  persistentVolume(name: string): Volume {
    let v = this.pvs.get(name);
    if (!v) this.pvs.set(name, (v = new Volume()));
    return v;
  }

  /** Whether PersistentVolume `name` has a disk (it was used, and not deleted since). */
  hasPersistentVolume(name: string): boolean {
    return this.pvs.has(name);
  }

  /** Deletes PersistentVolume `name`'s disk and its files; false when it had none. */
  deletePersistentVolume(name: string): boolean {
    return this.pvs.delete(name);
  }

  /** Node `node`'s hostPath directories, by path. */
  hostPaths(node: string): Map<string, Volume> {
    let m = this.nodes.get(node);
    if (!m) this.nodes.set(node, (m = new Map()));
    return m;
  }
}

export function createSimulatedDisks(): SimulatedDisks {
  return new SimulatedDisks();
}
