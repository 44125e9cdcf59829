/**
 * OpenAPI component schemas built from the generated JSON Schemas (engine/api/schemas/, see
 * scripts/gen-schemas.ts) with their descriptions merged back in, shaped like the upstream
 * kube-apiserver documents (k8s.io/kube-openapi builder3 for v3, builder for v2): names like
 * `io.k8s.api.core.v1.Pod`, `x-kubernetes-group-version-kind` on the top-level kinds, and a
 * described `$ref` property wrapped as `allOf: [{$ref}]` beside its description (OpenAPI 3.0
 * ignores siblings of `$ref`).
 *
 * Pure and isomorphic; the prose (descriptions.json, ~320 KB) is only imported here, so code that
 * merely validates does not carry it.
 */
import schemaDoc from '../schemas/definitions.json' with { type: 'json' };
import descDoc from '../schemas/descriptions.json' with { type: 'json' };

export type Schema = Record<string, unknown>;

const DEFS = (schemaDoc as unknown as { definitions: Record<string, Schema> }).definitions;
const KINDS = (schemaDoc as unknown as { kinds: Record<string, string> }).kinds;
const DESCS = (descDoc as unknown as { definitions: Record<string, { description?: string; properties?: Record<string, string> }> }).definitions;

export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** The OpenAPI name of a kind (`apps/v1/Deployment` → `io.k8s.api.apps.v1.Deployment`). */
export function definitionOfKind(apiVersion: string, kind: string): string | undefined {
  return KINDS[`${apiVersion}/${kind}`];
}

/** Definitions the apiserver's own responses need that no served kind reaches. */
const EXTRA: Record<string, Schema> = {
  [`${META}.ListMeta`]: {
    type: 'object',
    description: 'ListMeta describes metadata that synthetic resources must have, including lists and various status objects.',
    properties: {
      continue: { type: 'string', description: 'continue may be set if the user set a limit on the number of items returned.' },
      remainingItemCount: { type: 'integer', format: 'int64', description: 'remainingItemCount is the number of subsequent items in the list which are not included in this list response.' },
      resourceVersion: { type: 'string', description: "String that identifies the server's internal version of this object." },
      selfLink: { type: 'string', description: 'Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.' },
    },
  },
  [`${META}.Status`]: {
    type: 'object',
    description: 'Status is a return value for calls that do not return other objects.',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { $ref: `#/definitions/${META}.ListMeta` },
      status: { type: 'string', description: 'Status of the operation. One of: "Success" or "Failure".' },
      message: { type: 'string', description: 'A human-readable description of the status of this operation.' },
      reason: { type: 'string', description: 'A machine-readable description of why this operation is in the "Failure" status.' },
      details: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      code: { type: 'integer', format: 'int32', description: 'Suggested HTTP return code for this status, 0 if not set.' },
    },
    'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Status' }],
  },
  [`${META}.DeleteOptions`]: {
    type: 'object',
    description: 'DeleteOptions may be provided when deleting an API object.',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      dryRun: { type: 'array', items: { type: 'string' } },
      gracePeriodSeconds: { type: 'integer', format: 'int64' },
      preconditions: { type: 'object', properties: { resourceVersion: { type: 'string' }, uid: { type: 'string' } } },
      propagationPolicy: { type: 'string', description: "Whether and how garbage collection will be performed: 'Orphan', 'Background' or 'Foreground'." },
    },
  },
};

/** `<Kind>List` of a served kind, as upstream defines one per kind. */
export function listSchema(group: string, version: string, kind: string, itemDef: string): Schema {
  return {
    type: 'object',
    description: `${kind}List is a list of ${kind} objects.`,
    properties: {
      apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' },
      items: { type: 'array', items: { $ref: `#/definitions/${itemDef}` }, description: `List of ${kind} objects.` },
      kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' },
      metadata: { $ref: `#/definitions/${META}.ListMeta` },
    },
    required: ['items'],
    'x-kubernetes-group-version-kind': [{ group, version, kind: `${kind}List` }],
  };
}

/** A raw definition (validation shape, `#/definitions/` refs), generated or extra. */
export function rawDefinition(name: string): Schema | undefined {
  return Object.prototype.hasOwnProperty.call(DEFS, name) ? DEFS[name] : EXTRA[name];
}

/** Every definition name reachable from `roots` through `$ref`s (roots included). */
export function reachable(roots: string[], extra: Record<string, Schema> = {}): string[] {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop() as string;
    if (seen.has(n)) continue;
    const s = extra[n] ?? rawDefinition(n);
    if (!s) continue;
    seen.add(n);
    JSON.stringify(s, (k, v) => {
      if (k === '$ref' && typeof v === 'string') stack.push(v.slice(v.lastIndexOf('/') + 1));
      return v;
    });
  }
  return [...seen].sort();
}

/** The publishable forms of the special scalar definitions (the validator's forms are looser). */
function special(name: string, version: 2 | 3): Schema | undefined {
  switch (name) {
    case 'io.k8s.apimachinery.pkg.api.resource.Quantity':
      return version === 3 ? { oneOf: [{ type: 'string' }, { type: 'number' }] } : { type: 'string', format: 'quantity' };
    case 'io.k8s.apimachinery.pkg.util.intstr.IntOrString':
      return { type: 'string', format: 'int-or-string' };
    case `${META}.Time`:
      return { type: 'string', format: 'date-time' };
    case `${META}.MicroTime`:
      return { type: 'string', format: 'date-time' };
  }
  return undefined;
}

function rewriteRefs(s: unknown, prefix: string): unknown {
  if (Array.isArray(s)) return s.map((x) => rewriteRefs(x, prefix));
  if (!s || typeof s !== 'object') return s;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s as Schema)) out[k] = k === '$ref' && typeof v === 'string' ? `${prefix}${v.slice(v.lastIndexOf('/') + 1)}` : rewriteRefs(v, prefix);
  return out;
}

/**
 * One published definition: refs pointing at `prefix` (`#/components/schemas/` or
 * `#/definitions/`), descriptions merged, described refs wrapped in allOf (v3) as upstream does.
 */
export function publishDefinition(name: string, version: 2 | 3, extra: Record<string, Schema> = {}): Schema | undefined {
  const raw = extra[name] ?? rawDefinition(name);
  if (!raw) return undefined;
  const prefix = version === 3 ? '#/components/schemas/' : '#/definitions/';
  const base = (special(name, version) ?? rewriteRefs(raw, prefix)) as Schema;
  const desc = DESCS[name];
  const out: Schema = {};
  if (desc?.description) out.description = desc.description;
  Object.assign(out, base);
  if (base.properties && typeof base.properties === 'object') {
    const props: Record<string, Schema> = {};
    for (let [p, ps] of Object.entries(base.properties as Record<string, Schema>)) {
      const d = desc?.properties?.[p];
      // apiVersion/kind are plain strings upstream; the generated enum is the validator's business.
      if ((p === 'apiVersion' || p === 'kind') && Array.isArray(ps.enum)) ps = { type: 'string' };
      if (!d) props[p] = ps;
      else if (typeof ps.$ref === 'string') props[p] = version === 3 ? { allOf: [{ $ref: ps.$ref }], description: d } : { $ref: ps.$ref, description: d };
      else props[p] = { description: d, ...ps };
    }
    out.properties = props;
  }
  return out;
}
