/** Column helpers and small formatters shared by the printers (pkg/printers/internalversion/printers.go). */
import type { KubeObject } from '../../api/object.ts';
import type { TableColumnDefinition } from './types.ts';

export const NAME_COLUMN: TableColumnDefinition = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  priority: 0,
};

export const AGE_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** A column; `wide` columns have priority 1. */
export function col(name: string, type: TableColumnDefinition['type'] = 'string', wide = false, description = ''): TableColumnDefinition {
  return { name, type, format: '', description: description || (name === 'Age' ? AGE_DESCRIPTION : `${name} of the object.`), priority: wide ? 1 : 0 };
}

// ---- reading loosely-typed objects ----

export type Obj = Record<string, unknown>;
export const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
export const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
export const spec = (o: KubeObject): Obj => obj(o.spec);
export const status = (o: KubeObject): Obj => obj(o.status);

/** labels.FormatLabels / labels.Set.String: `k=v,k2=v2` sorted by key, `<none>` when empty. */
export function formatLabels(m: unknown): string {
  const keys = Object.keys(obj(m)).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${str(obj(m)[k])}`).join(',');
}

/** metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key; `<none>` for no selector. */
export function formatSelector(sel: unknown): string {
  if (!sel || typeof sel !== 'object') return '<none>';
  const s = sel as Obj;
  const reqs: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(obj(s.matchLabels))) reqs.push([k, `${k}=${str(v)}`]);
  for (const e of arr(s.matchExpressions)) {
    const key = str(e.key);
    const values = [...(Array.isArray(e.values) ? (e.values as string[]) : [])].sort().join(',');
    const op = str(e.operator);
    if (op === 'In') reqs.push([key, `${key} in (${values})`]);
    else if (op === 'NotIn') reqs.push([key, `${key} notin (${values})`]);
    else if (op === 'Exists') reqs.push([key, key]);
    else if (op === 'DoesNotExist') reqs.push([key, `!${key}`]);
  }
  reqs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return reqs.map((r) => r[1]).join(',');
}

/** printers.go layoutContainerCells: container names and images, comma-joined. */
export function containerCells(podSpec: unknown): [string, string] {
  const cs = arr(obj(podSpec).containers);
  return [cs.map((c) => str(c.name)).join(','), cs.map((c) => str(c.image)).join(',')];
}

/** `*bool` printed like printers.go printBoolPtr. */
export function boolPtr(v: unknown): string {
  return typeof v === 'boolean' ? (v ? 'True' : 'False') : '<unset>';
}

/** The quantity string of a resource list entry (`status.capacity.storage`). */
export function quantity(v: unknown): string {
  return typeof v === 'number' ? String(v) : str(v);
}
