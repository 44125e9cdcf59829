/**
 * Node-only entry point: createCluster with an optional data directory. The store then keeps a
 * write-ahead log and snapshots in `dataDir`, so a restarted cluster finds every object.
 */
import type { Clock, VirtualClock } from '../util/clock.ts';
import { createCluster as createIsomorphicCluster, type Cluster, type ClusterOptions } from '../cluster/index.ts';
import { createFileBackend } from './persistence/index.ts';

export interface NodeClusterOptions<C extends Clock = VirtualClock> extends ClusterOptions<C> {
  /** Keep the store in this directory (created if missing). */
  dataDir?: string;
  /** fsync every write (slower; survives power loss, not only a process kill). */
  fsync?: boolean;
  /** Where the store's recovery warnings go (e.g. a torn log tail was cut). Default: stderr. */
  onWarning?: (message: string) => void;
}

export async function createCluster<C extends Clock = VirtualClock>(options: NodeClusterOptions<C> = {}): Promise<Cluster<C>> {
  const { dataDir, fsync, onWarning, ...rest } = options;
  if (dataDir && rest.kv) throw new Error('createCluster: give either dataDir (the embedded store on disk) or kv (an external store), not both');
  if (!dataDir) return createIsomorphicCluster(rest);
  const backend = await createFileBackend(dataDir, {
    fsync,
    onWarning: onWarning ?? ((m: string) => process.stderr.write(`tinykube: ${m}\n`)),
  });
  return createIsomorphicCluster({ ...rest, backend });
}
