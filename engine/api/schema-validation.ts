/**
 * Structural validation: does an object have the shape of its kind's schema (types, required
 * fields, apiVersion/kind literals)? The schemas are engine/api/schemas/definitions.json, derived
 * from the upstream OpenAPI by scripts/gen-schemas.ts.
 *
 * - validateSchema(obj) → FieldErrors in Kubernetes paths, with the wording of upstream's
 *   structural-schema validation (apiextensions-apiserver, kube-openapi validate):
 *   `spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"`,
 *   `spec.selector: Required value`.
 * - findUnknownFields(obj) → paths the schema does not know (`spec.foo`), for
 *   fieldValidation=Strict (400 `strict decoding error: unknown field "spec.foo"`) and Warn.
 * - pruneUnknownFields(obj) removes them in place (what the decoder does with Warn/Ignore).
 *
 * A JSON `null` counts as an absent field, as Go's decoder treats it (kubectl's generated YAML
 * carries `creationTimestamp: null`). None of these functions throw on any JSON input; kinds
 * without a schema give no errors and no unknown fields.
 *
 * Validators are compiled by ajv lazily, once per kind, on first use.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import schemaDoc from './schemas/definitions.json' with { type: 'json' };
import { fieldErrors, type FieldError } from './field-errors.ts';
import type { KubeObject } from './object.ts';

type Schema = {
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema;
  items?: Schema;
  required?: string[];
  enum?: string[];
  anyOf?: Schema[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
};

const DOC = schemaDoc as unknown as { kinds: Record<string, string>; definitions: Record<string, Schema> };
const SCHEMA_ID = 'k8s';

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function getAjv(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
    ajv.addVocabulary(['x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-group-version-kind']);
    ajv.addSchema({ $id: SCHEMA_ID, definitions: DOC.definitions });
  }
  return ajv;
}

/** The definition name for apiVersion + kind (`apps/v1` + `Deployment` → `io.k8s.api.apps.v1.Deployment`). */
export function definitionNameFor(apiVersion: unknown, kind: unknown): string | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  return Object.prototype.hasOwnProperty.call(DOC.kinds, `${apiVersion}/${kind}`) ? DOC.kinds[`${apiVersion}/${kind}`] : undefined;
}

/** True when the engine has a schema for this apiVersion/kind. */
export function hasSchema(apiVersion: unknown, kind: unknown): boolean {
  return definitionNameFor(apiVersion, kind) !== undefined;
}

/** The schema definition by name (for openapi/explain), or undefined. */
export function getDefinition(name: string): Readonly<Schema> | undefined {
  return Object.prototype.hasOwnProperty.call(DOC.definitions, name) ? DOC.definitions[name] : undefined;
}

function validatorFor(defName: string): ValidateFunction {
  let v = compiled.get(defName);
  if (!v) {
    v = getAjv().compile({ $ref: `${SCHEMA_ID}#/definitions/${defName}` });
    compiled.set(defName, v);
  }
  return v;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A deep copy without null-valued object members (Go decodes `null` as "not set"). */
function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = dropNulls(x);
    return out;
  }
  return v;
}

function resolve(s: Schema | undefined): Schema | undefined {
  let cur = s;
  for (let i = 0; cur?.$ref && i < 10; i++) cur = DOC.definitions[cur.$ref.slice('#/definitions/'.length)];
  return cur;
}

const isMap = (s: Schema | undefined) => !!s && !!s.additionalProperties && !s.properties;

/** Turns ajv's JSON pointer into a Kubernetes path: `spec.containers[0].env[1].name`, `metadata.labels[app]`. */
function kubePath(defName: string, pointer: string): string {
  if (pointer === '') return '';
  const segs = pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let schema = resolve({ $ref: `#/definitions/${defName}` });
  let out = '';
  for (const seg of segs) {
    if (schema?.type === 'array' || (schema?.items && /^\d+$/.test(seg))) {
      out += `[${seg}]`;
      schema = resolve(schema?.items);
    } else if (isMap(schema)) {
      out += `[${seg}]`;
      schema = resolve(schema?.additionalProperties);
    } else {
      out += out === '' ? seg : `.${seg}`;
      schema = resolve(schema?.properties?.[seg]);
    }
  }
  return out;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let cur: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isRecord(cur)) cur = Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg] : undefined;
    else return undefined;
  }
  return cur;
}

function toFieldError(defName: string, data: unknown, e: ErrorObject): FieldError | undefined {
  const path = kubePath(defName, e.instancePath);
  switch (e.keyword) {
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      return fieldErrors.required(path ? `${path}.${missing}` : missing, '');
    }
    case 'type': {
      const actual = jsonType(valueAt(data, e.instancePath));
      const t = (e.params as { type: string | string[] }).type;
      const want = Array.isArray(t) ? t.join(' or ') : String(t).replace(',', ' or ');
      const where = path || 'body';
      return fieldErrors.typeInvalid(where, actual, `${where} in body must be of type ${want}: ${JSON.stringify(actual)}`);
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      return fieldErrors.notSupported(path || 'body', valueAt(data, e.instancePath), allowed);
    }
    case 'anyOf':
    case 'if':
      return undefined; // the branch errors say more
    default:
      return fieldErrors.invalid(path || 'body', valueAt(data, e.instancePath), e.message ?? e.keyword);
  }
}

/**
 * Checks `obj` against its kind's schema. Errors come sorted by path, duplicates removed.
 * A non-object body gives one error at `body`; a kind without a schema gives none.
 */
export function validateSchema(obj: KubeObject): FieldError[] {
  if (!isRecord(obj)) return [fieldErrors.typeInvalid('body', jsonType(obj), `body in body must be of type object: ${JSON.stringify(jsonType(obj))}`)];
  const defName = definitionNameFor(obj.apiVersion, obj.kind);
  if (!defName) return [];
  const data = dropNulls(obj);
  const validate = validatorFor(defName);
  if (validate(data)) return [];
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    const fe = toFieldError(defName, data, e);
    if (!fe) continue;
    const key = `${fe.type}|${fe.field}|${fe.detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(fe);
  }
  return out;
}

/** Walks `value` along `schema`, calling `onUnknown` for each member the schema does not declare. */
function walkUnknown(value: unknown, schema: Schema | undefined, path: string, onUnknown: (path: string, parent: Record<string, unknown>, key: string) => void): void {
  const s = resolve(schema);
  if (!s || s['x-kubernetes-preserve-unknown-fields']) return;
  if (Array.isArray(value)) {
    if (s.items) value.forEach((v, i) => walkUnknown(v, s.items, `${path}[${i}]`, onUnknown));
    return;
  }
  if (!isRecord(value)) return;
  if (s.properties) {
    for (const k of Object.keys(value)) {
      const p = path ? `${path}.${k}` : k;
      if (Object.prototype.hasOwnProperty.call(s.properties, k)) walkUnknown(value[k], s.properties[k], p, onUnknown);
      else onUnknown(p, value, k);
    }
  } else if (s.additionalProperties) {
    for (const k of Object.keys(value)) walkUnknown(value[k], s.additionalProperties, `${path}[${k}]`, onUnknown);
  }
}

/**
 * Paths of fields the kind's schema does not know, in document order: `spec.foo`,
 * `spec.template.spec.containers[0].imagePullPolcy`. Kinds without a schema report none.
 */
export function findUnknownFields(obj: KubeObject): string[] {
  if (!isRecord(obj)) return [];
  const defName = definitionNameFor(obj.apiVersion, obj.kind);
  if (!defName) return [];
  const out: string[] = [];
  walkUnknown(obj, { $ref: `#/definitions/${defName}` }, '', (p) => out.push(p));
  return out;
}

/** Removes unknown fields in place (the decoder's behaviour for fieldValidation Ignore/Warn); returns their paths. */
export function pruneUnknownFields(obj: KubeObject): string[] {
  if (!isRecord(obj)) return [];
  const defName = definitionNameFor(obj.apiVersion, obj.kind);
  if (!defName) return [];
  const found: Array<{ path: string; parent: Record<string, unknown>; key: string }> = [];
  walkUnknown(obj, { $ref: `#/definitions/${defName}` }, '', (path, parent, key) => found.push({ path, parent, key }));
  for (const f of found) delete f.parent[f.key];
  return found.map((f) => f.path);
}
