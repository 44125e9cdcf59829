/**
 * GET of one object and LIST of a collection (upstream: registry Store.Get/List → etcd3 store
 * Get/GetList, and the resourceVersion semantics of website reference/using-api/api-concepts.md).
 *
 * List:
 * - items sorted by key (namespace, then name), filtered by the label and field selectors;
 * - `limit` + `continue`: every page is read at the revision of the first page, from the key after
 *   the last one returned; a compacted page revision → 410 Expired;
 * - resourceVersion '' → the latest; '0' → any (served from the latest here); 'N' → not older
 *   than N (the latest, or 504 when N is in the future), or exactly N with
 *   resourceVersionMatch=Exact — and, as upstream, when `limit` is set without a match rule;
 * - the list's resourceVersion is the revision it was read at.
 */
import { newBadRequest, newInvalid, newNotFound, newResourceExpired, newTimeout, type StatusError } from '../../api/errors.ts';
import { fieldErrors, type FieldError } from '../../api/field-errors.ts';
import type { KubeList, KubeObject } from '../../api/object.ts';
import { apiVersionOf } from '../../api/resources.ts';
import { isStoreError } from '../../store/errors.ts';
import { prefixEnd, type RangeResponse } from '../../store/kv.ts';
import type { GetOptions, ListOptions } from '../types.ts';
import { decodeKv } from '../registry/codec.ts';
import { decodeContinue, encodeContinue } from '../registry/continue-token.ts';
import { collectionPrefix } from '../registry/keys.ts';
import { parseResourceVersion } from '../registry/resource-version.ts';
import { keyOf, type Request, type ServerContext } from './context.ts';
import { predicateFor } from './predicate.ts';
import { toScale } from './scale.ts';

export const CONTINUE_EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';
export const LIST_EXPIRED_MESSAGE = 'The resourceVersion for the provided list is too old.';

/** storage.NewTooLargeResourceVersionError: 504 with a hint to retry after a second. */
export function tooLargeResourceVersion(requested: number, current: number): StatusError {
  const err = newTimeout(`Too large resource version: ${requested}, current: ${current}`, 1);
  (err.status.details ??= {}).causes = [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }];
  return err;
}

function unwrap<T>(v: T | StatusError): T {
  if (v instanceof Error) throw v;
  return v;
}

export async function getHandler(ctx: ServerContext, req: Request, options: GetOptions): Promise<KubeObject> {
  const rv = unwrap(parseResourceVersion(options.resourceVersion));
  const r = await ctx.kv.range(keyOf(req));
  if (rv > r.header.revision) throw tooLargeResourceVersion(rv, r.header.revision);
  const kv = r.kvs[0];
  if (!kv) throw newNotFound({ group: req.info.group, resource: req.info.plural }, req.name);
  const obj = decodeKv(kv);
  return req.subresource === 'scale' ? toScale(req, obj) : obj;
}

/** ValidateListOptions: resourceVersionMatch needs a resourceVersion and no continue token. */
function validateListOptions(options: ListOptions): void {
  const errs: FieldError[] = [];
  const match = options.resourceVersionMatch;
  if (match !== undefined) {
    if (match !== 'Exact' && match !== 'NotOlderThan') errs.push(fieldErrors.notSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan', '']));
    else if (!options.resourceVersion) errs.push(fieldErrors.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
    else if (options.continue) errs.push(fieldErrors.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    else if (match === 'Exact' && options.resourceVersion === '0') errs.push(fieldErrors.forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
  }
  if (options.limit !== undefined && (!Number.isFinite(options.limit) || options.limit < 0)) errs.push(fieldErrors.invalid('limit', options.limit, 'must be greater than or equal to 0'));
  if (errs.length) throw newInvalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', errs);
}

export async function listHandler(ctx: ServerContext, req: Request, options: ListOptions): Promise<KubeList> {
  validateListOptions(options);
  const pred = predicateFor(req, options);
  const prefix = collectionPrefix(req.info, req.namespace);
  const end = prefixEnd(prefix);
  const limit = options.limit ? Math.floor(options.limit) : 0;
  const rv = unwrap(parseResourceVersion(options.resourceVersion));

  let start = prefix;
  let readRev = 0; // 0: the latest, pinned after the first read
  let notOlderThan = 0;
  const fromContinue = !!options.continue;
  if (options.continue) {
    if (options.resourceVersion && options.resourceVersion !== '0') throw newBadRequest('specifying resource version is not allowed when using continue');
    const c = unwrap(decodeContinue(options.continue, prefix));
    start = c.key;
    readRev = c.revision > 0 ? c.revision : 0;
  } else if (rv > 0 && (options.resourceVersionMatch === 'Exact' || (options.resourceVersionMatch === undefined && limit > 0))) {
    readRev = rv;
  } else if (rv > 0) {
    notOlderThan = rv;
  }

  const items: KubeObject[] = [];
  let more = false;
  let lastKey = '';
  let remaining: number | undefined;
  for (let first = true; ; first = false) {
    let resp: RangeResponse;
    try {
      resp = await ctx.kv.range(start, { rangeEnd: end, revision: readRev || undefined, limit: limit ? limit - items.length : undefined });
    } catch (err) {
      if (isStoreError(err, 'Compacted')) {
        if (fromContinue) {
          const expired = newResourceExpired(CONTINUE_EXPIRED_MESSAGE);
          // Upstream offers a token that continues at the latest revision (an inconsistent remainder).
          expired.status.metadata = { continue: encodeContinue(start, prefix, -1) };
          throw expired;
        }
        throw newResourceExpired(LIST_EXPIRED_MESSAGE);
      }
      if (isStoreError(err, 'FutureRevision')) {
        const cur = (await ctx.kv.range(prefix, { rangeEnd: end, countOnly: true })).header.revision;
        throw tooLargeResourceVersion(readRev, cur);
      }
      throw err;
    }
    if (readRev === 0) readRev = resp.header.revision;
    if (first && pred.empty && limit) remaining = resp.count - resp.kvs.length;
    for (const kv of resp.kvs) {
      lastKey = kv.key;
      const obj = decodeKv(kv);
      if (pred.matches(obj)) items.push(obj);
    }
    if (!resp.more) break;
    if (limit && items.length >= limit) {
      more = true;
      break;
    }
    start = lastKey + '\0';
  }
  if (notOlderThan > readRev) throw tooLargeResourceVersion(notOlderThan, readRev);

  const metadata: KubeList['metadata'] = { resourceVersion: String(readRev) };
  if (more) {
    (metadata as { continue?: string }).continue = encodeContinue(lastKey + '\0', prefix, readRev);
    if (remaining !== undefined && remaining > 0) (metadata as { remainingItemCount?: number }).remainingItemCount = remaining;
  }
  return { apiVersion: apiVersionOf(req.info), kind: `${req.info.kind}List`, metadata, items };
}
