/**
 * Query parameters → the apiserver's option objects (upstream: metav1.ListOptions, GetOptions,
 * CreateOptions, PatchOptions, DeleteOptions as decoded by the parameter codec). Bad values are
 * 400 BadRequest. `pretty` is accepted and ignored.
 */
import { newBadRequest } from '../../api/errors.ts';
import type {
  DeleteOptions,
  FieldValidation,
  ListOptions,
  PatchOptions,
  PropagationPolicy,
  WatchOptions,
  WriteOptions,
} from '../../apiserver/types.ts';

const isTrue = (v: string | null) => v === 'true' || v === '1';

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw newBadRequest(`invalid value for ${name}: ${JSON.stringify(v)}: strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

export function isWatch(q: URLSearchParams): boolean {
  return isTrue(q.get('watch'));
}

export function listOptions(q: URLSearchParams): ListOptions {
  const o: ListOptions = {};
  const ls = q.get('labelSelector');
  if (ls) o.labelSelector = ls;
  const fs = q.get('fieldSelector');
  if (fs) o.fieldSelector = fs;
  const limit = intParam(q, 'limit');
  if (limit !== undefined && limit > 0) o.limit = limit;
  const cont = q.get('continue');
  if (cont) o.continue = cont;
  const rv = q.get('resourceVersion');
  if (rv !== null) o.resourceVersion = rv;
  const rvm = q.get('resourceVersionMatch');
  if (rvm) {
    if (rvm !== 'Exact' && rvm !== 'NotOlderThan') throw newBadRequest(`resourceVersionMatch: Unsupported value: "${rvm}": supported values: "Exact", "NotOlderThan"`);
    o.resourceVersionMatch = rvm;
  }
  return o;
}

export function watchOptions(q: URLSearchParams): WatchOptions {
  const o: WatchOptions = listOptions(q);
  const t = intParam(q, 'timeoutSeconds');
  if (t !== undefined && t > 0) o.timeoutSeconds = t;
  if (isTrue(q.get('allowWatchBookmarks'))) o.allowWatchBookmarks = true;
  return o;
}

function dryRun(q: URLSearchParams, body?: Record<string, unknown>): boolean {
  const values = q.getAll('dryRun');
  const fromBody = body?.dryRun;
  if (Array.isArray(fromBody)) values.push(...fromBody.map(String));
  for (const v of values) if (v !== 'All') throw newBadRequest(`Invalid dryRun value: ${v}: supported values: "All"`);
  return values.length > 0;
}

export function writeOptions(q: URLSearchParams): WriteOptions {
  const o: WriteOptions = {};
  if (dryRun(q)) o.dryRun = true;
  const fm = q.get('fieldManager');
  if (fm) o.fieldManager = fm;
  const fv = q.get('fieldValidation');
  if (fv) {
    if (fv !== 'Strict' && fv !== 'Warn' && fv !== 'Ignore') throw newBadRequest(`fieldValidation: Unsupported value: "${fv}": supported values: "Ignore", "Warn", "Strict"`);
    o.fieldValidation = fv as FieldValidation;
  }
  return o;
}

export function patchOptions(q: URLSearchParams): PatchOptions {
  const o: PatchOptions = writeOptions(q);
  if (isTrue(q.get('force'))) o.force = true;
  return o;
}

const POLICIES: readonly PropagationPolicy[] = ['Orphan', 'Background', 'Foreground'];

/** DeleteOptions from the body (metav1.DeleteOptions JSON) and the query; the body wins. */
export function deleteOptions(q: URLSearchParams, body: unknown): DeleteOptions {
  const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const o: DeleteOptions = {};
  if (dryRun(q, b)) o.dryRun = true;
  const grace = b.gracePeriodSeconds ?? intParam(q, 'gracePeriodSeconds');
  if (grace !== undefined && grace !== null) {
    if (typeof grace !== 'number' || !Number.isInteger(grace)) throw newBadRequest('gracePeriodSeconds must be an integer');
    o.gracePeriodSeconds = grace;
  }
  let policy = b.propagationPolicy ?? q.get('propagationPolicy') ?? undefined;
  if (policy === undefined && (b.orphanDependents !== undefined || q.get('orphanDependents') !== null)) {
    const orphan = b.orphanDependents ?? isTrue(q.get('orphanDependents'));
    policy = orphan ? 'Orphan' : 'Background';
  }
  if (policy !== undefined && policy !== null) {
    if (!POLICIES.includes(policy as PropagationPolicy)) {
      throw newBadRequest(`DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${String(policy)}": supported values: "Foreground", "Background", "Orphan"`);
    }
    o.propagationPolicy = policy as PropagationPolicy;
  }
  const pre = b.preconditions;
  if (pre && typeof pre === 'object') {
    const p = pre as Record<string, unknown>;
    o.preconditions = {};
    if (typeof p.uid === 'string') o.preconditions.uid = p.uid;
    if (typeof p.resourceVersion === 'string') o.preconditions.resourceVersion = p.resourceVersion;
  }
  return o;
}
