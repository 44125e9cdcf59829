/**
 * One REST request on a resource path → one apiserver call (upstream: the handlers in
 * k8s.io/apiserver/pkg/endpoints/handlers: get.go, create.go, update.go, patch.go, delete.go,
 * watch.go). The method and path pick the verb:
 *   GET    name? get : list;  ?watch=1 → watch;  pods/{name}/log → logs
 *   POST   collection → create;  {name}/binding|eviction → create on the subresource
 *   PUT    {name}[/status|scale] → update
 *   PATCH  {name}[/status|scale] → patch (type from Content-Type)
 *   DELETE {name} → delete;  collection → deletecollection
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isNotFound, newBadRequest, successStatus } from '../../api/errors.ts';
import type { KubeObject } from '../../api/object.ts';
import type { corev1 } from '../../api/types.ts';
import type { ResourceInfo } from '../../api/resources.ts';
import type { ApiServer } from '../../apiserver/api-server.ts';
import type { ObjectRef, ResourceRef, WatchEvent } from '../../apiserver/types.ts';
import type { Cluster } from '../../cluster/index.ts';
import type { Clock } from '../../util/clock.ts';
import { decodeBody, patchTypeOf, readBody, requireObject } from './body.ts';
import type { ApiMeta } from './api-meta.ts';
import { serveLogs } from './logs.ts';
import { deleteOptions, isWatch, listOptions, patchOptions, watchOptions, writeOptions } from './params.ts';
import { methodNotAllowed, sendJson } from './status.ts';
import { serveWatch } from './watch-stream.ts';

export interface ResourceRequest {
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  cluster: Cluster<Clock>;
  meta: ApiMeta;
  user: string;
  info: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
  legacyWatch: boolean;
}

const STREAMING = new Set(['exec', 'attach', 'portforward', 'proxy']);

/** `application/json;as=Table;v=v1;g=meta.k8s.io` anywhere in Accept (upstream: negotiation of the Table kind). */
function wantsTable(req: IncomingMessage): boolean {
  return /as=Table/.test(req.headers.accept ?? '');
}

function includeObjectOf(q: URLSearchParams): 'None' | 'Object' | 'Metadata' | undefined {
  const v = q.get('includeObject');
  if (v === null || v === '') return undefined;
  if (v !== 'None' && v !== 'Object' && v !== 'Metadata') throw newBadRequest(`includeObject: Unsupported value: "${v}": supported values: "Metadata", "None", "Object"`);
  return v;
}

/** `299 - "unknown field \"spec.foo\""` (upstream: k8s.io/apiserver/pkg/warning, RFC 7234 Warning). */
function warningHeader(text: string): string {
  return `299 - ${JSON.stringify(text)}`;
}

/** Runs one apiserver write and collects the warnings it gave this user. */
async function withWarnings<T>(api: ApiServer, user: string, fn: () => Promise<T>): Promise<{ value: T; headers: Record<string, string[]> }> {
  const log = api.warnings();
  const last = log[log.length - 1];
  const value = await fn();
  const after = api.warnings();
  const start = last === undefined ? 0 : after.lastIndexOf(last) + 1;
  const texts = after.slice(start).filter((w) => w.user === user).map((w) => warningHeader(w.text));
  return { value, headers: texts.length ? { Warning: texts } : {} };
}

export async function serveResource(r: ResourceRequest): Promise<void> {
  const { req, res, query, cluster, info, namespace, name, subresource, user } = r;
  const api = cluster.apiserver;
  const ref: ResourceRef = { group: info.group, version: info.version, resource: info.plural, namespace };
  const objRef = (): ObjectRef => ({ ...ref, name: name!, subresource });
  const method = req.method ?? 'GET';

  if (subresource && STREAMING.has(subresource) && info.plural === 'pods') {
    throw newBadRequest(`tinykube: kubectl ${subresource === 'portforward' ? 'port-forward' : subresource} is not supported by the simulated runtime yet`);
  }

  if (method === 'GET' && (isWatch(query) || r.legacyWatch)) {
    const opts = watchOptions(query);
    if (name !== undefined) opts.fieldSelector = [`metadata.name=${name}`, opts.fieldSelector].filter(Boolean).join(',');
    const table = wantsTable(req);
    const includeObject = includeObjectOf(query);
    const transform = (e: WatchEvent): unknown =>
      table && e.type !== 'ERROR' && e.type !== 'BOOKMARK'
        ? { type: e.type, object: r.meta.toTable(info, [e.object as KubeObject], { now: cluster.clock.now(), includeObject }) }
        : e;
    await serveWatch(req, res, api, ref, { ...opts, user }, transform);
    return;
  }

  switch (method) {
    case 'GET': {
      if (subresource === 'log' && info.plural === 'pods') {
        const pod = (await api.get({ ...ref, name: name! }, { user })) as corev1.Pod;
        await serveLogs(req, res, cluster, pod, query);
        return;
      }
      const table = wantsTable(req);
      const includeObject = includeObjectOf(query);
      if (name === undefined) {
        const list = await api.list(ref, { ...listOptions(query), user });
        sendJson(res, 200, table ? r.meta.toTable(info, list.items, { now: cluster.clock.now(), listMeta: list.metadata, includeObject }) : list);
        return;
      }
      const rv = query.get('resourceVersion');
      const obj = await api.get(objRef(), { user, ...(rv ? { resourceVersion: rv } : {}) });
      sendJson(res, 200, table && !subresource ? r.meta.toTable(info, [obj], { now: cluster.clock.now(), includeObject }) : obj);
      return;
    }
    case 'POST': {
      if (name !== undefined && subresource === undefined) throw methodNotAllowed(method);
      const opts = { ...writeOptions(query), user };
      const body = requireObject(decodeBody(await readBody(req), req.headers['content-type']));
      const { value, headers } = await withWarnings(api, user, () => api.create({ ...ref, name, subresource }, body as KubeObject, opts));
      // Subresource creates (binding, eviction) answer a Success Status upstream.
      if (subresource) sendJson(res, 201, value && (value as { kind?: string }).kind ? value : successStatus(), headers);
      else sendJson(res, 201, value, headers);
      return;
    }
    case 'PUT': {
      if (name === undefined) throw methodNotAllowed(method);
      const opts = { ...writeOptions(query), user };
      const body = requireObject(decodeBody(await readBody(req), req.headers['content-type']));
      const { value, headers } = await withWarnings(api, user, () => api.update(objRef(), body as KubeObject, opts));
      sendJson(res, 200, value, headers);
      return;
    }
    case 'PATCH': {
      if (name === undefined) throw methodNotAllowed(method);
      const type = patchTypeOf(req.headers['content-type']);
      const opts = { ...patchOptions(query), user };
      const patch = decodeBody(await readBody(req), req.headers['content-type'], type);
      // An apply that creates the object answers 201 Created, like upstream's patch handler.
      const creates = type === 'apply' && !subresource && !opts.dryRun && (await api.get(objRef()).then(() => false, (err: unknown) => isNotFound(err)));
      const { value, headers } = await withWarnings(api, user, () => api.patch(objRef(), type, patch, opts));
      sendJson(res, creates ? 201 : 200, value, headers);
      return;
    }
    case 'DELETE': {
      const raw = await readBody(req);
      const body = raw.length ? decodeBody(raw, 'application/json') : undefined;
      const opts = { ...deleteOptions(query, body), user };
      if (name === undefined) {
        const list = await api.deleteCollection(ref, { ...listOptions(query), user }, opts);
        sendJson(res, 200, list);
        return;
      }
      const obj = await api.delete(objRef(), opts);
      // Still there (graceful deletion, finalizers): the object; gone: upstream answers the last
      // state for pods, a Success Status with the name for most others.
      if (obj.metadata?.deletionTimestamp || info.plural === 'pods') sendJson(res, 200, obj);
      else sendJson(res, 200, successStatus({ name, group: info.group || undefined, kind: info.plural, uid: obj.metadata?.uid }));
      return;
    }
    default:
      throw methodNotAllowed(method);
  }
}
