/**
 * `kubectl apply -f` (client-side apply), as kubernetes/kubectl pkg/cmd/apply/apply.go
 * `applyOneObject` and pkg/cmd/apply/patcher.go `Patch`/`patchSimple` do it, for each object:
 *
 *   1. GET the live object.
 *   2. Not found → POST the manifest carrying the last-applied-configuration annotation
 *      (`CreateApplyAnnotation`): `deployment.apps/web created`.
 *   3. Found → compute the three-way patch (three-way-patch.ts) from original = the live
 *      object's annotation, modified = the manifest with its new annotation, current = the live
 *      object. An empty patch sends nothing: `deployment.apps/web unchanged`. Otherwise PATCH it
 *      (strategic merge for kinds with patch metadata, JSON merge otherwise):
 *      `deployment.apps/web configured`.
 *   4. A 409 Conflict on the PATCH → GET again and recompute, once. (Upstream tries up to 5
 *      times and sleeps a second before every try after the first; with no clock here, only the
 *      try that needs no back-off is kept.)
 *
 * A live object without the annotation (made by `kubectl create` or `replace`) has no original:
 * nothing is deleted, and kubectl warns that the annotation will be patched in.
 */
import { isConflict, isNotFound } from '../../api/errors.ts';
import { sortedJson, type JsonObject } from '../../apiserver/patch/json-value.ts';
import { PLAIN, patchMetaForKind } from '../../apiserver/patch/patch-meta.ts';
import type { Client } from '../client.ts';
import { hasLastApplied, LAST_APPLIED_CONFIG_ANNOTATION, modifiedConfiguration, originalConfiguration } from './last-applied.ts';
import {
  errorLines,
  forEachManifest,
  infoString,
  kindLabel,
  resourceLabel,
  verbsFor,
  type ManifestObject,
  type ManifestOptions,
  type ManifestResult,
} from './manifests.ts';
import { createThreeWayMergePatch, MissingMergeKeyError } from './three-way-patch.ts';

/** Conflicts retried with a fresh GET (see 4. above). */
const CONFLICT_RETRIES = 1;

export async function applyManifests(client: Client, yamlText: string, options: ManifestOptions = {}): Promise<ManifestResult> {
  return forEachManifest(yamlText, options, 'apply', (m, source) => applyOne(client, m, source));
}

async function applyOne(client: Client, m: ManifestObject, source: string): Promise<ManifestResult> {
  const verbs = verbsFor(client, m);
  const label = `${kindLabel(m.info)}/${m.name}`;
  const modified = modifiedConfiguration(m.object);
  let live: JsonObject;
  try {
    live = (await verbs.get(m.name)) as unknown as JsonObject;
  } catch (err) {
    if (!isNotFound(err)) return failed(errorLines(err, `retrieving current configuration of:\n${infoString(m)}\nfrom server for:`, source));
    try {
      await verbs.create(modified as never);
      return { ok: true, lines: [`${label} created`] };
    } catch (createErr) {
      return failed(errorLines(createErr, 'creating', source));
    }
  }

  const warnings = hasLastApplied(live) ? [] : [missingAnnotationWarning(m)];
  const schema = patchMetaForKind(m.info);
  for (let attempt = 0; ; attempt++) {
    let patch: JsonObject;
    try {
      patch = createThreeWayMergePatch(originalConfiguration(live), modified, live, schema ?? PLAIN);
    } catch (err) {
      if (err instanceof MissingMergeKeyError) return failed([...warnings, `error: ${err.message}`]);
      throw err;
    }
    if (Object.keys(patch).length === 0) return { ok: true, lines: [...warnings, `${label} unchanged`] };
    try {
      await verbs.patch(m.name, schema ? 'strategic' : 'merge', patch);
      return { ok: true, lines: [...warnings, `${label} configured`] };
    } catch (err) {
      if (isConflict(err) && attempt < CONFLICT_RETRIES) {
        try {
          live = (await verbs.get(m.name)) as unknown as JsonObject;
          continue;
        } catch (getErr) {
          return failed([...warnings, ...errorLines(getErr, 'retrieving current configuration of', source)]);
        }
      }
      // apply.go wraps the patcher's error with the patch and the object it was for.
      const verb = `applying patch:\n${sortedJson(patch)}\nto:\n${infoString(m)}\nfor: "${source}": error when patching`;
      return failed([...warnings, ...errorLines(err, verb, source)]);
    }
  }
}

/** The warning kubectl prints (apply.go `warningNoLastAppliedConfigAnnotation`) before patching the annotation in. */
function missingAnnotationWarning(m: ManifestObject): string {
  return (
    `Warning: resource ${resourceLabel(m.info, m.name)} is missing the ${LAST_APPLIED_CONFIG_ANNOTATION} annotation which is required by kubectl apply. ` +
    'kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. ' +
    'The missing annotation will be patched automatically.'
  );
}

function failed(lines: string[]): ManifestResult {
  return { ok: false, lines };
}
