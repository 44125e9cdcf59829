/**
 * Reading manifests the way kubectl's resource builder does (k8s.io/cli-runtime/pkg/resource:
 * builder.go, mapper.go, visitor.go) and printing outcomes in kubectl's words
 * (kubectl pkg/cmd/util/helpers.go `AddSourceToErr`, `StandardErrorMessage`).
 *
 * A YAML stream is split on `---`; empty documents are skipped; a `kind: List` is expanded into
 * its items. Each object is mapped to a resource by apiVersion and kind (the RESTMapper); an
 * object of a namespaced kind without a namespace gets the default one, which is why the
 * last-applied annotation records `"namespace":"default"`. A YAML syntax error stops everything
 * before any request is sent; a mapping error is reported and the other objects still go ahead.
 */
import { parseAllDocuments } from 'yaml';
import { isStatusError } from '../../api/errors.ts';
import { findResourceByKind, type ResourceInfo } from '../../api/resources.ts';
import { isJsonObject, sortedJson, type JsonObject } from '../../apiserver/patch/json-value.ts';
import type { Client } from '../client.ts';
import type { DynamicResourceInterface } from '../resource-client.ts';
import type { ApiObject } from '../object-like.ts';

export interface ManifestResult {
  /** False when anything failed (kubectl's exit code 1). */
  ok: boolean;
  /** What kubectl prints, one line per entry: `deployment.apps/web created`, errors with their causes. */
  lines: string[];
}

export interface ManifestOptions {
  /** The input's name in messages; kubectl says STDIN for `-f -`. Default 'STDIN'. */
  source?: string;
  /** The namespace of objects that name none. Default 'default'. */
  namespace?: string;
}

/**
 * Runs `each` on every object of the manifests in order, as kubectl visits resource infos with
 * ContinueOnError: a failed object does not stop the others; the objects that could not be
 * mapped are reported after the rest. `command` names kubectl's command for the empty case.
 */
export async function forEachManifest(
  yamlText: string,
  options: ManifestOptions,
  command: string,
  each: (m: ManifestObject, source: string) => Promise<ManifestResult>,
): Promise<ManifestResult> {
  const source = options.source ?? 'STDIN';
  const read = readManifests(yamlText, source, options.namespace);
  if (!read.ok) return { ok: false, lines: read.lines };
  if (read.objects.length === 0 && read.errors.length === 0) return { ok: false, lines: [`error: no objects passed to ${command}`] };
  const lines: string[] = [];
  let ok = read.errors.length === 0;
  for (const m of read.objects) {
    const outcome = await each(m, source);
    lines.push(...outcome.lines);
    ok &&= outcome.ok;
  }
  lines.push(...read.errors);
  return { ok, lines };
}

/** One object of a manifest, mapped to its resource. */
export interface ManifestObject {
  info: ResourceInfo;
  /** The object as written, with metadata.namespace filled in for a namespaced kind. */
  object: JsonObject;
  name: string;
  /** '' for a cluster-scoped kind. */
  namespace: string;
}

export type ReadResult =
  | { ok: true; objects: ManifestObject[]; /** kubectl's lines for documents that could not be mapped */ errors: string[] }
  | { ok: false; /** why nothing can be done: a YAML syntax error */ lines: string[] };

/** `source` names the input in messages (a file name; kubectl says STDIN for `-f -`). */
export function readManifests(text: string, source: string, defaultNamespace = 'default'): ReadResult {
  // kubectl reads manifests with sigs.k8s.io/yaml, which is go-yaml v2: YAML 1.1, where
  // `defaultMode: 0400` is octal (256) — YAML 1.2 would read it as the decimal 400.
  const docs = parseAllDocuments(text, { version: '1.1' });
  const broken = docs.flatMap((d) => d.errors);
  if (broken.length > 0) {
    const first = broken[0]?.message.split('\n')[0] ?? 'invalid YAML';
    return { ok: false, lines: [`error: error parsing ${source}: ${first}`] };
  }
  const objects: ManifestObject[] = [];
  const errors: string[] = [];
  const visit = (value: unknown): void => {
    if (value === null || value === undefined) return;
    if (!isJsonObject(value)) {
      errors.push(`error: unable to decode "${source}": json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type map[string]interface {}`);
      return;
    }
    const apiVersion = typeof value['apiVersion'] === 'string' ? value['apiVersion'] : '';
    const kind = typeof value['kind'] === 'string' ? value['kind'] : '';
    // Upstream UnstructuredJSONScheme: NewMissingKindErr / NewMissingVersionErr.
    if (!kind || !apiVersion) {
      errors.push(`error: unable to decode "${source}": Object '${kind ? 'apiVersion' : 'Kind'}' is missing in '${sortedJson(value)}'`);
      return;
    }
    if (kind === 'List' && Array.isArray(value['items'])) {
      for (const item of value['items']) visit(item);
      return;
    }
    const metadata = isJsonObject(value['metadata']) ? value['metadata'] : {};
    const name = typeof metadata['name'] === 'string' ? metadata['name'] : '';
    const written = typeof metadata['namespace'] === 'string' ? metadata['namespace'] : '';
    const info = findResourceByKind(apiVersion, kind);
    if (!info) {
      errors.push(
        `error: resource mapping not found for name: "${name}" namespace: "${written}" from "${source}": no matches for kind "${kind}" in version "${apiVersion}"`,
        'ensure CRDs are installed first',
      );
      return;
    }
    if (!name) {
      errors.push('error: resource name may not be empty');
      return;
    }
    const namespace = info.namespaced ? written || defaultNamespace : '';
    const object = info.namespaced ? { ...value, metadata: { ...metadata, namespace } } : value;
    objects.push({ info, object, name, namespace });
  };
  for (const doc of docs) visit(doc.toJS());
  return { ok: true, objects, errors };
}

/** The verbs of the object's resource in its namespace. */
export function verbsFor(client: Client, m: ManifestObject): DynamicResourceInterface<ApiObject> {
  const resource = client.resource<ApiObject>(m.info);
  return m.info.namespaced ? resource.namespace(m.namespace) : resource;
}

/** How kubectl names an object in `created`/`configured` lines: `deployment.apps/web`, `service/web`. */
export function kindLabel(info: ResourceInfo): string {
  return info.kind.toLowerCase() + (info.group ? `.${info.group}` : '');
}

/** How kubectl names a resource in messages: `deployments.apps/web` (resource.Info `ObjectName`). */
export function resourceLabel(info: ResourceInfo, name: string): string {
  return `${info.plural}${info.group ? `.${info.group}` : ''}/${name}`;
}

/** resource.Info's String(): the mapping and the name, as kubectl prints it in patch errors. */
export function infoString(m: ManifestObject): string {
  const gv = `${m.info.group}/${m.info.version}`;
  return `Resource: "${gv}, Resource=${m.info.plural}", GroupVersionKind: "${gv}, Kind=${m.info.kind}"\nName: "${m.name}", Namespace: "${m.namespace}"`;
}

/**
 * A failed request in kubectl's words: `Error from server (<Reason>): error when <verb> "<source>":
 * <message>`, then each cause of a 422 on its own line (`* spec.replicas: Invalid value: ...`, the
 * bullets of kubectl's MultilineError). Anything that is not a StatusError is a bug here; it is
 * still reported rather than lost.
 */
export function errorLines(err: unknown, verb: string, source: string): string[] {
  if (!isStatusError(err)) return [`error: ${err instanceof Error ? err.message : String(err)}`];
  const head = err.reason ? `Error from server (${err.reason}): ` : 'Error from server: ';
  const causes = (err.status.details?.causes ?? []).map((c) => `* ${c.field ? `${c.field}: ` : ''}${c.message ?? c.reason ?? ''}`);
  return [...`${head}error when ${verb} "${source}": ${err.message}`.split('\n'), ...causes];
}
