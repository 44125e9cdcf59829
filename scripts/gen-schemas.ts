/**
 * `npm run gen:schemas` — derives the JSON Schemas in engine/api/schemas/ from kubernetes-types.
 *
 * Why: the engine validates objects structurally with ajv against schemas shaped like the upstream
 * OpenAPI (`definitions` keyed `io.k8s.api.core.v1.PodSpec`). No installable package ships them as
 * plain JSON, but kubernetes-types' .d.ts files are generated from that OpenAPI and keep what we
 * need: property names and types, required-ness (`?`), doc comments, and the apiVersion/kind
 * literal types. This script reads them with the TypeScript compiler API (syntax only, no type
 * checker) and writes:
 *   - engine/api/schemas/definitions.json — validation schemas, only the types reachable from the
 *     kinds in engine/api/resources.ts plus autoscaling/v1 Scale and core/v1 Binding;
 *   - engine/api/schemas/descriptions.json — the doc comments, kept apart so the browser bundle
 *     that validates need not carry ~1 MB of prose (kubectl explain / openapi can load it lazily).
 *
 * Do not edit the output by hand: change the rules below and run the script again.
 */
import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { RESOURCES } from '../engine/api/resources.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const typesDir = dirname(require.resolve('kubernetes-types/package.json'));
const typesVersion = (JSON.parse(readFileSync(join(typesDir, 'package.json'), 'utf8')) as { version: string }).version;
const outDir = join(root, 'engine/api/schemas');

type Schema = Record<string, unknown>;

// ---- where each .d.ts lives in the OpenAPI name space ----

/** `core/v1.d.ts` → `io.k8s.api.core.v1`; apimachinery packages keep their Go package path. */
function packageOf(file: string): string {
  const rel = relative(typesDir, file).replace(/\\/g, '/').replace(/\.d\.ts$/, '');
  switch (rel) {
    case 'meta/v1':
      return 'io.k8s.apimachinery.pkg.apis.meta.v1';
    case 'api/resource':
      return 'io.k8s.apimachinery.pkg.api.resource';
    case 'runtime':
      return 'io.k8s.apimachinery.pkg.runtime';
    case 'version':
      return 'io.k8s.apimachinery.pkg.version';
    default:
      if (rel.startsWith('apiextensions/')) return `io.k8s.apiextensions-apiserver.pkg.apis.${rel.replace('/', '.')}`;
      return `io.k8s.api.${rel.replace('/', '.')}`;
  }
}

/** The .d.ts holding a group/version: the group's first DNS label (`networking.k8s.io` → networking). */
function fileOf(group: string, version: string): string {
  return join(typesDir, group === '' ? 'core' : (group.split('.')[0] as string), `${version}.d.ts`);
}

// ---- overrides: facts the .d.ts files lost ----

/**
 * Go's int32/int64 and float64 all became `number` in the .d.ts. The API conventions
 * (community api-conventions.md, "Primitive types": avoid floating-point values, never in spec)
 * mean every reachable number is an integer upstream, so `number` is emitted as `integer`
 * (replicas, ports, *Seconds, revisionHistoryLimit, ...). These definitions' fields are the
 * floating-point exceptions (JSON Schema's own numeric bounds in CRD schemas).
 */
const FLOAT_FIELDS = new Set([
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps.maximum',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps.minimum',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps.multipleOf',
]);

/** IntOrString (util/intstr) was inlined as `number | string`: emit it as the upstream definition. */
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

/** Definitions whose shape the .d.ts cannot tell; emitted as given here. */
const SPECIAL: Record<string, Schema> = {
  // Go's resource.Quantity: serialised as a string ("500m", "1Gi"), but its decoder also accepts a
  // bare JSON number (`cpu: 1` in YAML), and the upstream OpenAPI v3 says oneOf string/number.
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: ['string', 'number'] },
  // metav1.Time / MicroTime: RFC 3339 strings. No `format`: the apiserver's decoder is the judge.
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { type: 'string' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { type: 'string' },
  // runtime.RawExtension (ControllerRevision.data) and FieldsV1 (managedFields): any JSON object.
  'io.k8s.apimachinery.pkg.runtime.RawExtension': { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
  // apiextensions JSON: any JSON value.
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON': { 'x-kubernetes-preserve-unknown-fields': true },
  [INT_OR_STRING]: { type: ['integer', 'string'], 'x-kubernetes-int-or-string': true },
};

// ---- reading the declarations ----

interface Decl {
  name: string; // OpenAPI name
  node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration;
  file: FileInfo;
}
interface FileInfo {
  path: string;
  pkg: string;
  local: Map<string, ts.InterfaceDeclaration | ts.TypeAliasDeclaration>;
  /** imported name → OpenAPI name */
  imports: Map<string, string>;
}

function listDts(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...listDts(p));
    else if (e.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const files = new Map<string, FileInfo>();
for (const path of listDts(typesDir)) {
  const sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const info: FileInfo = { path, pkg: packageOf(path), local: new Map(), imports: new Map() };
  for (const st of sf.statements) {
    if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) info.local.set(st.name.text, st);
    if (ts.isImportDeclaration(st) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
      const target = join(dirname(path), `${(st.moduleSpecifier as ts.StringLiteral).text}.d.ts`);
      for (const el of st.importClause.namedBindings.elements) info.imports.set(el.name.text, `${packageOf(target)}.${(el.propertyName ?? el.name).text}`);
    }
  }
  files.set(path, info);
}
const decls = new Map<string, Decl>();
for (const f of files.values()) for (const [n, node] of f.local) decls.set(`${f.pkg}.${n}`, { name: `${f.pkg}.${n}`, node, file: f });

/** The doc comment of a node, whitespace kept as upstream wrote it. */
function docOf(node: ts.Node): string | undefined {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  if (!docs?.length) return undefined;
  const c = docs[docs.length - 1]?.comment;
  if (c === undefined) return undefined;
  return typeof c === 'string' ? c : c.map((x) => x.text).join('');
}

// ---- converting types ----

const definitions: Record<string, Schema> = {};
const descriptions: Record<string, { description?: string; properties?: Record<string, string> }> = {};
const queue: string[] = [];
const ref = (name: string): Schema => {
  if (!(name in definitions) && !queue.includes(name)) queue.push(name);
  return { $ref: `#/definitions/${name}` };
};

function resolveName(file: FileInfo, local: string): string {
  if (file.local.has(local)) return `${file.pkg}.${local}`;
  const imported = file.imports.get(local);
  if (!imported) throw new Error(`${file.path}: cannot resolve type ${local}`);
  return imported;
}

function convert(t: ts.TypeNode, file: FileInfo, fieldId: string): Schema {
  switch (t.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: 'string' };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    case ts.SyntaxKind.NumberKeyword:
      return { type: FLOAT_FIELDS.has(fieldId) ? 'number' : 'integer' };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return { 'x-kubernetes-preserve-unknown-fields': true };
  }
  if (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal)) return { type: 'string', enum: [t.literal.text] };
  if (ts.isParenthesizedTypeNode(t)) return convert(t.type, file, fieldId);
  if (ts.isArrayTypeNode(t)) return { type: 'array', items: convert(t.elementType, file, fieldId) };
  if (ts.isUnionTypeNode(t)) {
    const kinds = t.types.map((x) => x.kind).sort();
    if (kinds.length === 2 && kinds.includes(ts.SyntaxKind.NumberKeyword) && kinds.includes(ts.SyntaxKind.StringKeyword)) return ref(INT_OR_STRING);
    return { anyOf: t.types.map((x) => convert(x, file, fieldId)) };
  }
  if (ts.isTypeLiteralNode(t)) {
    const idx = t.members.find(ts.isIndexSignatureDeclaration);
    if (idx && t.members.length === 1) return { type: 'object', additionalProperties: convert(idx.type, file, fieldId) };
    throw new Error(`${fieldId}: unsupported type literal`);
  }
  if (ts.isTypeReferenceNode(t)) {
    const name = t.typeName.getText();
    if (name === 'Array' && t.typeArguments?.length === 1) return { type: 'array', items: convert(t.typeArguments[0] as ts.TypeNode, file, fieldId) };
    if (name === 'Record' && t.typeArguments?.length === 2) return { type: 'object', additionalProperties: convert(t.typeArguments[1] as ts.TypeNode, file, fieldId) };
    return ref(resolveName(file, name));
  }
  throw new Error(`${fieldId}: unsupported type ${ts.SyntaxKind[t.kind]}`);
}

function emit(name: string): void {
  const special = SPECIAL[name];
  const decl = decls.get(name);
  if (decl) {
    const d = docOf(decl.node);
    if (d) descriptions[name] = { description: d };
  }
  if (special) {
    definitions[name] = special;
    return;
  }
  if (!decl) throw new Error(`no declaration for ${name}`);
  if (ts.isTypeAliasDeclaration(decl.node)) {
    definitions[name] = convert(decl.node.type, decl.file, name);
    return;
  }
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  const props: Record<string, string> = {};
  for (const m of decl.node.members) {
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const pname = m.name.getText().replace(/^"|"$/g, '');
    properties[pname] = convert(m.type, decl.file, `${name}.${pname}`);
    if (!m.questionToken) required.push(pname);
    const d = docOf(m);
    if (d) props[pname] = d;
  }
  if (decl.node.members.length === 0) {
    // An empty interface is an opaque JSON object upstream (e.g. a marker type).
    definitions[name] = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    return;
  }
  const schema: Schema = { type: 'object', properties };
  if (required.length) schema.required = required.sort();
  definitions[name] = schema;
  if (Object.keys(props).length) descriptions[name] = { ...descriptions[name], properties: props };
}

// ---- the roots: every served kind, plus the subresources' kinds ----

const kinds: Record<string, string> = {};
const roots: Array<{ group: string; version: string; kind: string }> = [
  ...RESOURCES.map((r) => ({ group: r.group, version: r.version, kind: r.kind })),
  { group: 'autoscaling', version: 'v1', kind: 'Scale' },
  { group: '', version: 'v1', kind: 'Binding' },
];
for (const r of roots) {
  const file = files.get(fileOf(r.group, r.version));
  if (!file?.local.has(r.kind)) throw new Error(`kubernetes-types has no ${r.group}/${r.version} ${r.kind}`);
  const name = `${file.pkg}.${r.kind}`;
  kinds[`${r.group ? `${r.group}/` : ''}${r.version}/${r.kind}`] = name;
  ref(name);
}
while (queue.length) emit(queue.shift() as string);
for (const r of roots) {
  const name = kinds[`${r.group ? `${r.group}/` : ''}${r.version}/${r.kind}`] as string;
  (definitions[name] as Schema)['x-kubernetes-group-version-kind'] = [{ group: r.group, version: r.version, kind: r.kind }];
}

// ---- output ----

const sorted = <T>(o: Record<string, T>) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k] as T]));
const header = `Generated by scripts/gen-schemas.ts (npm run gen:schemas) from kubernetes-types@${typesVersion}. Do not edit: change the script and run it again.`;
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'definitions.json'), `${JSON.stringify({ $comment: header, kinds: sorted(kinds), definitions: sorted(definitions) }, null, 1)}\n`);
writeFileSync(join(outDir, 'descriptions.json'), `${JSON.stringify({ $comment: header, definitions: sorted(descriptions) }, null, 1)}\n`);
console.log(`wrote ${Object.keys(definitions).length} definitions for ${Object.keys(kinds).length} kinds to ${relative(root, outDir)}/`);
