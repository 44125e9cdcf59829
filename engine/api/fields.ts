/**
 * Field selectors, as apimachinery's pkg/fields (selector.go) plus the per-kind field label
 * conversion functions the apiserver registers (KK pkg/apis/core/v1/conversion.go,
 * apps/v1 and batch/v1 conversion.go).
 *
 * Grammar: comma-separated terms `field=value`, `field==value`, `field!=value`; `\,` `\=` `\\`
 * escape those characters in values. A missing field reads as ''. Only the fields a kind
 * supports may be used: anything else is a 400 BadRequest with upstream's text —
 * `field label not supported: spec.foo` for kinds with their own conversion function (Pod, Node,
 * Event, Secret, Namespace, ReplicaSet, StatefulSet, Job), and
 * `"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"` for the
 * others (runtime.DefaultMetaV1FieldSelectorConversion).
 */
import { newBadRequest } from './errors.ts';
import type { KubeObject } from './object.ts';

export type FieldOperator = '=' | '==' | '!=';

export interface FieldRequirement {
  readonly field: string;
  readonly operator: FieldOperator;
  readonly value: string;
}

export interface FieldSelector {
  matches(fields: Readonly<Record<string, string>>): boolean;
  empty(): boolean;
  /** Canonical form: terms sorted, values escaped. */
  toString(): string;
  requirements(): readonly FieldRequirement[];
  /** The value an `=`/`==` term pins `field` to. */
  requiresExactMatch(field: string): string | undefined;
}

const escapeValue = (v: string) => v.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/=/g, '\\=');

class TermsSelector implements FieldSelector {
  constructor(private readonly reqs: readonly FieldRequirement[]) {}
  matches(fields: Readonly<Record<string, string>>): boolean {
    return this.reqs.every((r) => {
      const v = Object.prototype.hasOwnProperty.call(fields, r.field) ? fields[r.field] : '';
      return r.operator === '!=' ? v !== r.value : v === r.value;
    });
  }
  empty(): boolean {
    return this.reqs.length === 0;
  }
  toString(): string {
    return this.reqs.map((r) => `${r.field}${r.operator === '!=' ? '!=' : '='}${escapeValue(r.value)}`).join(',');
  }
  requirements(): readonly FieldRequirement[] {
    return this.reqs;
  }
  requiresExactMatch(field: string): string | undefined {
    return this.reqs.find((r) => r.field === field && r.operator !== '!=')?.value;
  }
}

/** fields.Everything() */
export const everythingFields = (): FieldSelector => new TermsSelector([]);

/** Splits on commas that are not escaped (fields.splitTerms). */
function splitTerms(s: string): string[] {
  if (s === '') return [];
  const terms: string[] = [];
  let cur = '';
  let escaped = false;
  for (const ch of s) {
    if (escaped) {
      cur += ch;
      escaped = false;
    } else if (ch === '\\') {
      cur += ch;
      escaped = true;
    } else if (ch === ',') {
      terms.push(cur);
      cur = '';
    } else cur += ch;
  }
  terms.push(cur);
  return terms;
}

/** The first operator in the term, trying `!=`, `==`, `=` at each position (fields.splitTerm). */
function splitTerm(term: string): { lhs: string; op: FieldOperator; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

/** fields.UnescapeValue: `\\`, `\,` and `\=` only. */
function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (ch === '\\') {
      const n = s[i + 1];
      if (n === undefined) throw new SelectorError('unterminated escape sequence');
      if (n !== '\\' && n !== ',' && n !== '=') throw new SelectorError(`invalid escape sequence: ${ch}${n}`);
      out += n;
      i++;
    } else if (ch === ',' || ch === '=') {
      throw new SelectorError(`invalid field selector: unescaped ${ch} in value`);
    } else out += ch;
  }
  return out;
}

class SelectorError extends Error {}

/** Supported field labels for kinds with their own conversion function; others: name + namespace. */
const SUPPORTED_FIELDS: Record<string, readonly string[]> = {
  Pod: [
    'metadata.name',
    'metadata.namespace',
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  // Upstream's Node conversion knows only these two (no metadata.namespace: nodes have none).
  Node: ['metadata.name', 'spec.unschedulable'],
  Event: [
    'metadata.name',
    'metadata.namespace',
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Secret: ['metadata.name', 'metadata.namespace', 'type'],
  Namespace: ['metadata.name', 'status.phase'],
  ReplicaSet: ['metadata.name', 'metadata.namespace', 'status.replicas'],
  StatefulSet: ['metadata.name', 'metadata.namespace', 'status.successful'],
  Job: ['metadata.name', 'metadata.namespace', 'status.successful'],
};
const DEFAULT_FIELDS = ['metadata.name', 'metadata.namespace'] as const;

/** The field labels `kind` accepts in a field selector. */
export function supportedFieldLabels(kind: string): readonly string[] {
  return SUPPORTED_FIELDS[kind] ?? DEFAULT_FIELDS;
}

function unsupportedMessage(kind: string | undefined, field: string): string {
  if (kind !== undefined && SUPPORTED_FIELDS[kind]) return `field label not supported: ${field}`;
  return `${JSON.stringify(field)} is not a known field selector: only "metadata.name", "metadata.namespace"`;
}

export type FieldParseResult = { ok: true; value: FieldSelector } | { ok: false; error: string };

/**
 * fields.ParseSelector, then (when `kind` is given) the kind's field label check. Terms are sorted
 * like upstream so the string form is canonical. Errors as values.
 */
export function tryParseFieldSelector(s: string, kind?: string): FieldParseResult {
  const reqs: FieldRequirement[] = [];
  const parts = splitTerms(s).sort();
  try {
    for (const part of parts) {
      if (part === '') continue;
      const t = splitTerm(part);
      if (!t) return { ok: false, error: `invalid selector: '${s}'; can't understand '${part}'` };
      reqs.push({ field: t.lhs, operator: t.op, value: unescapeValue(t.rhs) });
    }
  } catch (e) {
    if (e instanceof SelectorError) return { ok: false, error: e.message };
    throw e;
  }
  if (kind !== undefined) {
    const ok = supportedFieldLabels(kind);
    for (const r of reqs) {
      // Old v1 clients send spec.host for pods: upstream converts it to spec.nodeName.
      if (kind === 'Pod' && r.field === 'spec.host') {
        (r as { field: string }).field = 'spec.nodeName';
        continue;
      }
      if (!ok.includes(r.field)) return { ok: false, error: unsupportedMessage(kind, r.field) };
    }
  }
  return { ok: true, value: new TermsSelector(reqs) };
}

/** Like tryParseFieldSelector; errors throw StatusError 400 BadRequest with the upstream text. */
export function parseFieldSelector(s: string, kind?: string): FieldSelector {
  const r = tryParseFieldSelector(s, kind);
  if (!r.ok) throw newBadRequest(r.error);
  return r.value;
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v));
const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * The selectable fields of an object (upstream: each registry's GetAttrs / *ToSelectableFields),
 * keyed by field label. Booleans render as Go's `true`/`false`. Kind comes from `obj.kind`.
 */
export function fieldsOf(obj: KubeObject): Record<string, string> {
  const meta = rec(obj.metadata);
  const f: Record<string, string> = { 'metadata.name': str(meta.name), 'metadata.namespace': str(meta.namespace) };
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  switch (obj.kind) {
    case 'Pod':
      f['spec.nodeName'] = str(spec.nodeName);
      f['spec.restartPolicy'] = str(spec.restartPolicy);
      f['spec.schedulerName'] = str(spec.schedulerName);
      f['spec.serviceAccountName'] = str(spec.serviceAccountName);
      f['spec.hostNetwork'] = spec.hostNetwork === true ? 'true' : 'false';
      f['status.phase'] = str(status.phase);
      f['status.podIP'] = str(status.podIP);
      f['status.nominatedNodeName'] = str(status.nominatedNodeName);
      break;
    case 'Node':
      f['spec.unschedulable'] = spec.unschedulable === true ? 'true' : 'false';
      break;
    case 'Event': {
      const io = rec(obj.involvedObject);
      f['involvedObject.kind'] = str(io.kind);
      f['involvedObject.namespace'] = str(io.namespace);
      f['involvedObject.name'] = str(io.name);
      f['involvedObject.uid'] = str(io.uid);
      f['involvedObject.apiVersion'] = str(io.apiVersion);
      f['involvedObject.resourceVersion'] = str(io.resourceVersion);
      f['involvedObject.fieldPath'] = str(io.fieldPath);
      f.reason = str(obj.reason);
      f.reportingComponent = str(obj.reportingComponent);
      // Upstream: `source` is the reporting component when set, else source.component.
      f.source = str(obj.reportingComponent) || str(rec(obj.source).component);
      f.type = str(obj.type);
      break;
    }
    case 'Secret':
      f.type = str(obj.type);
      break;
    case 'Namespace':
      f['status.phase'] = str(status.phase);
      break;
    case 'ReplicaSet':
      f['status.replicas'] = str(status.replicas ?? 0);
      break;
    case 'Job':
      f['status.successful'] = str(status.succeeded ?? 0);
      break;
  }
  return f;
}
