/**
 * The OpenAPI documents kube-apiserver serves (apiserver pkg/server/routes/openapi.go and
 * kube-openapi handler3): `/openapi/v3` lists one document per group/version with a content hash
 * in its URL (clients cache by it), `/openapi/v3/<path>` is that OpenAPI 3.0 document, and
 * `/openapi/v2` is the whole API as one Swagger 2.0 document.
 *
 * Documents are large: each is built on first request and memoised (the inputs never change at
 * run time).
 */
import { RESOURCES, apiVersionOf, type ResourceInfo } from '../resources.ts';
import { resourcePaths } from './paths.ts';
import { KUBERNETES_VERSION } from '../version.ts';
import { META, definitionOfKind, listSchema, publishDefinition, reachable, type Schema } from './schemas.ts';

const INFO = { title: 'Kubernetes', version: KUBERNETES_VERSION.gitVersion };

/** `api/v1` for the core group, `apis/<group>/<version>` otherwise. */
export function groupVersionPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function groupVersions(): Array<{ group: string; version: string }> {
  const seen = new Map<string, { group: string; version: string }>();
  for (const r of RESOURCES) seen.set(groupVersionPath(r.group, r.version), { group: r.group, version: r.version });
  return [...seen.values()];
}

function kindDefinition(r: ResourceInfo): string {
  const name = definitionOfKind(apiVersionOf(r), r.kind);
  if (!name) throw new Error(`no generated schema for ${apiVersionOf(r)} ${r.kind}: run npm run gen:schemas`);
  return name;
}

const listName = (def: string) => `${def}List`;

function subresourceDefinition(r: ResourceInfo, sub: string): string {
  if (sub === 'scale') return 'io.k8s.api.autoscaling.v1.Scale';
  if (sub === 'binding') return 'io.k8s.api.core.v1.Binding';
  return kindDefinition(r);
}

/** Schemas and paths of one group/version, refs in the `#/definitions/` form. */
function buildGroupVersion(group: string, version: string): { schemas: Record<string, Schema>; lists: Record<string, Schema>; paths: Record<string, Schema> } {
  const infos = RESOURCES.filter((r) => r.group === group && r.version === version);
  const lists: Record<string, Schema> = {};
  const paths: Record<string, Schema> = {};
  const roots: string[] = [`${META}.Status`, `${META}.DeleteOptions`];
  const ref = (name: string) => ({ $ref: `#/definitions/${name}` });
  for (const r of infos) {
    const def = kindDefinition(r);
    lists[listName(def)] = listSchema(r.group, r.version, r.kind, def);
    roots.push(def, listName(def), ...r.subresources.filter((s) => s !== 'log').map((s) => subresourceDefinition(r, s)));
    Object.assign(paths, resourcePaths(r, def, listName(def), (s) => subresourceDefinition(r, s), ref));
  }
  const schemas: Record<string, Schema> = {};
  for (const n of reachable(roots, lists)) schemas[n] = publishDefinition(n, 3, lists) as Schema;
  return { schemas, lists, paths };
}

function toV3Refs(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(toV3Refs);
  if (!x || typeof x !== 'object') return x;
  const out: Schema = {};
  for (const [k, v] of Object.entries(x as Schema)) out[k] = k === '$ref' && typeof v === 'string' ? v.replace('#/definitions/', '#/components/schemas/') : toV3Refs(v);
  return out;
}

const v3Docs = new Map<string, object>();

/** The OpenAPI 3.0 document of one group/version path (`api/v1`, `apis/apps/v1`), or undefined. */
export function openApiV3Document(path: string): object | undefined {
  const p = path.replace(/^\/+|\/+$/g, '');
  if (!v3Docs.has(p)) {
    const gv = groupVersions().find((x) => groupVersionPath(x.group, x.version) === p);
    if (!gv) return undefined;
    const { schemas, paths } = buildGroupVersion(gv.group, gv.version);
    v3Docs.set(p, {
      openapi: '3.0.0',
      info: INFO,
      paths: toV3Refs(paths),
      components: {
        schemas,
        securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } },
      },
      security: [{ BearerToken: [] }],
    });
  }
  return v3Docs.get(p);
}

/** A short content hash (two interleaved 32-bit FNV-1a lanes), upper-case hex like upstream's. */
export function contentHash(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).toUpperCase();
}

let v3Index: { paths: Record<string, { serverRelativeURL: string }> } | undefined;

/** `GET /openapi/v3`: each group/version path with the URL (and content hash) of its document. */
export function openApiV3Paths(): { paths: Record<string, { serverRelativeURL: string }> } {
  if (!v3Index) {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const { group, version } of groupVersions()) {
      const p = groupVersionPath(group, version);
      paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${contentHash(JSON.stringify(openApiV3Document(p)))}` };
    }
    v3Index = { paths };
  }
  return structuredClone(v3Index);
}

let v2Doc: object | undefined;

/**
 * `GET /openapi/v2`: Swagger 2.0 with every served kind's `definitions`, paths empty. kubectl
 * 1.27+ reads operations, field-validation support and `explain` from v3.
 *
 * The definitions deliberately carry NO `x-kubernetes-group-version-kind`: when v3 does not
 * advertise strategic merge patch (see paths.ts), kubectl apply asks v2 next
 * (patcher getPatchTypeFromOpenAPI: a kind found there means "strategic merge patch with this
 * schema's patch metadata"), and our schemas lack the patch strategies, so lists like
 * `containers` would be replaced instead of merged. Not finding the kind makes kubectl use its
 * compiled-in types, which patch exactly as upstream.
 */
export function openApiV2(): object {
  if (!v2Doc) {
    const definitions: Record<string, Schema> = {};
    for (const { group, version } of groupVersions()) {
      const { schemas, lists } = buildGroupVersion(group, version);
      for (const n of Object.keys(schemas)) {
        if (definitions[n]) continue;
        const d = publishDefinition(n, 2, lists) as Schema;
        delete d['x-kubernetes-group-version-kind'];
        definitions[n] = d;
      }
    }
    v2Doc = {
      swagger: '2.0',
      info: INFO,
      paths: {},
      definitions: Object.fromEntries(Object.keys(definitions).sort().map((k) => [k, definitions[k]])),
      securityDefinitions: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } },
      security: [{ BearerToken: [] }],
    };
  }
  return v2Doc;
}
