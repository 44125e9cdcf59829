/**
 * The REST paths of one resource as kube-apiserver's OpenAPI lists them
 * (apiserver pkg/endpoints/installer.go registerResourceHandlers): collection and item paths,
 * namespaced and all-namespaces, and the subresources. Every operation carries
 * `x-kubernetes-action` and `x-kubernetes-group-version-kind`.
 *
 * PATCH advertises `fieldValidation` (kubectl's QueryParamVerifier reads it: when present kubectl
 * sends `fieldValidation=Strict` and leaves validation to the server). It deliberately does NOT
 * list `application/strategic-merge-patch+json` among PATCH bodies: our schemas lost the
 * `x-kubernetes-patch-strategy` / `-merge-key` facts (kubernetes-types does not carry them), and
 * kubectl apply computes a strategic merge patch from the OpenAPI only when the document
 * advertises it (kubectl apply patcher gvkSupportsPatchOpenAPIV3); otherwise it falls back to its
 * compiled-in Go types, which carry the exact upstream patch strategies.
 */
import { apiVersionOf, type ResourceInfo } from '../resources.ts';
import type { Schema } from './schemas.ts';

type Ref = (name: string) => Schema;

const q = (name: string, description: string, type = 'string'): Schema => ({ name, in: 'query', description, schema: { type, uniqueItems: true } });
const DRY_RUN = q('dryRun', 'When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed');
const FIELD_MANAGER = q('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.');
const FIELD_VALIDATION = q('fieldValidation', 'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: Ignore, Warn, Strict.');
const FORCE = q('force', 'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people.', 'boolean');
const PRETTY = q('pretty', "If 'true', then the output is pretty printed.");
const LIST_PARAMS = ['allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion', 'resourceVersionMatch', 'sendInitialEvents', 'timeoutSeconds', 'watch'].map((n) =>
  q(n, `${n} (see the list and watch options of the Kubernetes API).`, n === 'limit' || n === 'timeoutSeconds' ? 'integer' : n === 'watch' || n === 'allowWatchBookmarks' || n === 'sendInitialEvents' ? 'boolean' : 'string'),
);
const pathParam = (name: string, description: string): Schema => ({ name, in: 'path', required: true, description, schema: { type: 'string', uniqueItems: true } });

const json = (schema: Schema) => ({ 'application/json': { schema }, 'application/yaml': { schema } });

/** The `paths` entries of one resource. `kindDef` / `listDef` are definition names. */
export function resourcePaths(r: ResourceInfo, kindDef: string, listDef: string, subKindDef: (sub: string) => string, ref: Ref): Record<string, Schema> {
  const gvk = { group: r.group, version: r.version, kind: r.kind };
  const root = r.group ? `/apis/${apiVersionOf(r)}` : '/api/v1';
  const scope = r.namespaced ? 'Namespaced' : '';
  const opId = (verb: string, suffix = '') => `${verb}${r.group ? r.group.split('.')[0]?.replace(/^./, (c) => c.toUpperCase()) : 'Core'}${r.version.replace(/^./, (c) => c.toUpperCase())}${scope}${r.kind}${suffix}`;
  const op = (action: string, verb: string, extra: Schema, suffix = '', kind = gvk): Schema => ({
    description: `${action} ${r.kind}${suffix ? ` ${suffix}` : ''}`,
    operationId: opId(verb, suffix),
    tags: [r.group ? `${r.group.split('.')[0]}_${r.version}` : 'core_v1'],
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': kind,
    responses: { '200': { description: 'OK', content: json(extra.responseSchema as Schema) }, '401': { description: 'Unauthorized' } },
    ...(extra.parameters ? { parameters: extra.parameters } : {}),
    ...(extra.requestBody ? { requestBody: extra.requestBody } : {}),
  });
  const body = (schema: Schema) => ({ required: true, content: { '*/*': { schema } } });
  const patchBody = { required: true, content: { 'application/apply-patch+yaml': { schema: { type: 'object' } }, 'application/json-patch+json': { schema: { type: 'object' } }, 'application/merge-patch+json': { schema: { type: 'object' } } } };
  const obj = ref(kindDef);
  const list = ref(listDef);
  const nsParam = r.namespaced ? [pathParam('namespace', 'object name and auth scope, such as for teams and projects')] : [];
  const collection = r.namespaced ? `${root}/namespaces/{namespace}/${r.plural}` : `${root}/${r.plural}`;
  const item = `${collection}/{name}`;
  const out: Record<string, Schema> = {};
  out[collection] = {
    parameters: [...nsParam, PRETTY],
    get: op('list', 'list', { responseSchema: list, parameters: LIST_PARAMS }),
    post: op('post', 'create', { responseSchema: obj, parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], requestBody: body(obj) }),
    delete: op('deletecollection', 'deleteCollection', { responseSchema: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Status'), parameters: [DRY_RUN, ...LIST_PARAMS] }),
  };
  out[item] = {
    parameters: [pathParam('name', `name of the ${r.kind}`), ...nsParam, PRETTY],
    get: op('get', 'read', { responseSchema: obj }),
    put: op('put', 'replace', { responseSchema: obj, parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], requestBody: body(obj) }),
    patch: op('patch', 'patch', { responseSchema: obj, parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE], requestBody: patchBody }),
    delete: op('delete', 'delete', { responseSchema: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Status'), parameters: [DRY_RUN, q('gracePeriodSeconds', 'The duration in seconds before the object should be deleted.', 'integer'), q('propagationPolicy', "Whether and how garbage collection will be performed: 'Orphan', 'Background' or 'Foreground'.")], requestBody: { content: { '*/*': { schema: ref('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions') } } } }),
  };
  if (r.namespaced) out[`${root}/${r.plural}`] = { parameters: [PRETTY], get: op('list', 'list', { responseSchema: list, parameters: LIST_PARAMS }, 'ForAllNamespaces') };
  for (const sub of r.subresources as readonly string[]) {
    const subDef = subKindDef(sub);
    const s = ref(subDef);
    const cap = sub.replace(/^./, (c) => c.toUpperCase());
    const subGvk = subDef.endsWith('.Scale') ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : subDef.endsWith('.Binding') ? { group: '', version: 'v1', kind: 'Binding' } : gvk;
    const p: Schema = { parameters: [pathParam('name', `name of the ${cap}`), ...nsParam, PRETTY] };
    if (sub === 'log') p.get = op('get', 'read', { responseSchema: { type: 'string' } }, 'Log');
    else if (sub === 'binding' || sub === 'eviction') p.post = op('post', 'create', { responseSchema: s, parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], requestBody: body(s) }, cap, subGvk);
    else if (sub === 'finalize') p.put = op('put', 'replace', { responseSchema: s, parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], requestBody: body(s) }, cap, subGvk);
    else {
      p.get = op('get', 'read', { responseSchema: s }, cap, subGvk);
      p.put = op('put', 'replace', { responseSchema: s, parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], requestBody: body(s) }, cap, subGvk);
      p.patch = op('patch', 'patch', { responseSchema: s, parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE], requestBody: patchBody }, cap, subGvk);
    }
    out[`${item}/${sub}`] = p;
  }
  return out;
}
