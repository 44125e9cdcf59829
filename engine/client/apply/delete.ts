/**
 * `kubectl delete -f` (kubernetes/kubectl pkg/cmd/delete/delete.go `DeleteResult`): one DELETE
 * per object of the manifest, with kubectl's default cascade (`--cascade=background`, i.e.
 * propagationPolicy Background: the object goes now, the garbage collector removes its
 * dependents). Prints `deployment.apps "web" deleted`; a missing object is an error,
 * `Error from server (NotFound): error when deleting "STDIN": deployments.apps "web" not found`,
 * and the other objects are still deleted.
 */
import type { Client } from '../client.ts';
import { errorLines, forEachManifest, kindLabel, verbsFor, type ManifestOptions, type ManifestResult } from './manifests.ts';

export async function deleteManifests(client: Client, yamlText: string, options: ManifestOptions = {}): Promise<ManifestResult> {
  return forEachManifest(yamlText, options, 'delete', async (m, source) => {
    try {
      await verbsFor(client, m).delete(m.name, { propagationPolicy: 'Background' });
      return { ok: true, lines: [`${kindLabel(m.info)} "${m.name}" deleted`] };
    } catch (err) {
      return { ok: false, lines: errorLines(err, 'deleting', source) };
    }
  });
}
