/**
 * The playground's live cluster: the engine built in the browser (engine/ is isomorphic). Loaded
 * only inside the playground's preview iframe, as part of /playground-runtime/tinykube.js (engine-entry.ts).
 *
 * Time is a RealClock running SPEED times faster than the wall clock (engine/util/clock.ts), so
 * image pulls, probes and controller resyncs happen at a watchable pace. The seed makes names and
 * uids the same on every load. Apply and delete are kubectl's (engine/client/apply): a three-way
 * merge with the last-applied-configuration annotation, and `kubectl delete -f`.
 */
import { createCluster, type Cluster, type Parts } from '../../../../../../engine/cluster/index.ts';
import { RealClock } from '../../../../../../engine/util/clock.ts';
import { applyManifests, deleteManifests, type ManifestResult } from '../../../../../../engine/client/apply/index.ts';

export const SPEED = 10;
/** What kubectl names the file in its messages (`error when creating "manifests.yaml"`). */
const SOURCE = 'manifests.yaml';

export interface Simulation {
  cluster: Cluster<RealClock>;
  /** `kubectl apply -f manifests.yaml`. */
  apply(text: string): Promise<ManifestResult>;
  /** `kubectl delete -f manifests.yaml`. */
  delete(text: string): Promise<ManifestResult>;
  close(): Promise<void>;
}

/** A fresh 3-node cluster, with `parts` (the learner's code from the editor) over the reference ones. */
export async function startSimulation(parts: Partial<Parts> = {}): Promise<Simulation> {
  const cluster = await createCluster({ clock: new RealClock(SPEED), seed: 'playground', nodes: 3, parts });
  const client = cluster.client('kubectl');
  return {
    cluster,
    apply: (text) => applyManifests(client.withReason('kubectl apply'), text, { source: SOURCE }),
    delete: (text) => deleteManifests(client.withReason('kubectl delete'), text, { source: SOURCE }),
    close: () => cluster.close(),
  };
}
