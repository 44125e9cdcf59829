/**
 * Decoding a request body (upstream: pkg/endpoints/handlers/create.go + rest.go limitedReadBody,
 * the serializer's strict mode, and rest.BeforeCreate's namespace check):
 *
 *  1. more than 3 MiB → 413 `Request entity too large: limit is 3145728`
 *  2. not a JSON object → 400
 *  3. apiVersion/kind must be the endpoint's (missing ones are filled in, as the decoder's
 *     default GroupVersionKind does) → 400
 *  4. metadata.namespace must match the request's; cluster-scoped objects lose theirs → 400
 *  5. conversion to the internal form: Secret data must be base64 (400 otherwise) and stringData
 *     merges into data (the part `secret.data`, strategies/secret-data.ts; api/conversion.ts without it)
 *  6. unknown fields: fieldValidation Strict → 400 `strict decoding error: unknown field "spec.foo"`;
 *     Warn (default) → dropped with a warning `unknown field "spec.foo"`; Ignore → dropped.
 *
 * The result is a fresh copy: nothing downstream can reach the caller's object.
 */
import { isStatusError, newBadRequest, newRequestEntityTooLarge } from '../../api/errors.ts';
import type { KubeObject } from '../../api/object.ts';
import { apiVersionOf } from '../../api/resources.ts';
import { convertToInternal, findUnknownFields, pruneUnknownFields } from '../../api/index.ts';
import type { FieldValidation } from '../types.ts';
import type { Request, ServerContext } from './context.ts';
import { convertSecretBody } from '../strategies/secret-data.ts';
import { metaOf } from '../registry/meta.ts';

/** kube-apiserver's --max-request-bytes default for a resource body (3 MiB). */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/** Serialised size in UTF-8 bytes (only counted exactly when it could matter). */
function byteLength(json: string): number {
  return json.length * 3 <= MAX_REQUEST_BODY_BYTES ? json.length : new TextEncoder().encode(json).length;
}

export interface DecodeOptions {
  fieldValidation?: FieldValidation;
  /** Expected kind/apiVersion when they differ from the resource's (subresources: Scale, Binding). */
  kind?: string;
  apiVersion?: string;
  /**
   * A request body (create, update) rather than a patched object: a strict decoding error then
   * names the body's kind, as upstream's transformDecodeError (handlers/rest.go) does —
   * `ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: ...`.
   */
  requestBody?: boolean;
}

export function decodeBody(ctx: ServerContext, req: Request, body: unknown, options: DecodeOptions = {}): KubeObject {
  let json: string | undefined;
  try {
    json = JSON.stringify(body);
  } catch (err) {
    throw newBadRequest(`the request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (json === undefined) throw newBadRequest('the request body is empty');
  if (byteLength(json) > MAX_REQUEST_BODY_BYTES) throw newRequestEntityTooLarge(`limit is ${MAX_REQUEST_BODY_BYTES}`);
  const obj = JSON.parse(json) as unknown;
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    throw newBadRequest(`couldn't get version/kind; json parse error: the request body must be a JSON object`);
  }
  const o = obj as KubeObject;

  const expectedApiVersion = options.apiVersion ?? apiVersionOf(req.info);
  const expectedKind = options.kind ?? req.info.kind;
  if (o.apiVersion !== undefined && o.apiVersion !== expectedApiVersion) {
    throw newBadRequest(`the API version in the data (${String(o.apiVersion)}) does not match the expected API version (${expectedApiVersion})`);
  }
  if (o.kind !== undefined && o.kind !== expectedKind) {
    const version = expectedApiVersion.includes('/') ? expectedApiVersion.split('/')[1] : expectedApiVersion;
    throw newBadRequest(`${String(o.kind)} in version "${version}" cannot be handled as a ${expectedKind}: no kind "${String(o.kind)}" is registered for this endpoint`);
  }
  const bodyKind = o.kind;
  o.apiVersion = expectedApiVersion;
  o.kind = expectedKind;
  if (o.metadata !== undefined && (o.metadata === null || typeof o.metadata !== 'object' || Array.isArray(o.metadata))) {
    throw newBadRequest('metadata must be a JSON object');
  }

  checkNamespace(req, o);
  if (options.kind === undefined) {
    try {
      dropUnknownFields(ctx, req, o, options.fieldValidation ?? 'Warn');
    } catch (err) {
      if (!options.requestBody || !isStatusError(err)) throw err;
      const version = expectedApiVersion.includes('/') ? expectedApiVersion.split('/')[1] : expectedApiVersion;
      throw bodyKind !== undefined
        ? newBadRequest(`${String(bodyKind)} in version ${JSON.stringify(version)} cannot be handled as a ${expectedKind}: ${err.message}`)
        : newBadRequest(`the object provided is unrecognized (must be of type ${expectedKind}): ${err.message} (${json.length > 30 ? `${json.slice(0, 30)} ...` : json})`);
    }
    // Secrets: base64 of data and the stringData merge are the part `secret.data`.
    if (ctx.secretData && o.kind === 'Secret' && o.apiVersion === 'v1') convertSecretBody(ctx.secretData, o);
    else convertToInternal(o);
  }
  return o;
}

/** rest.BeforeCreate / BeforeUpdate: the object's namespace is the request's. */
export function checkNamespace(req: Request, o: KubeObject): void {
  const meta = metaOf(o);
  if (req.info.namespaced) {
    if (meta.namespace && meta.namespace !== req.namespace) {
      throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.namespace = req.namespace;
  } else if (meta.namespace !== undefined) {
    delete meta.namespace;
  }
}

/** Applies fieldValidation to a decoded (or patched) object. */
export function dropUnknownFields(ctx: ServerContext, req: Request, o: KubeObject, mode: FieldValidation): void {
  if (mode === 'Strict') {
    const unknown = findUnknownFields(o);
    if (unknown.length) throw newBadRequest(`strict decoding error: ${unknown.map((p) => `unknown field ${JSON.stringify(p)}`).join(', ')}`);
    return;
  }
  const dropped = pruneUnknownFields(o);
  if (mode === 'Warn') for (const p of dropped) ctx.warn(req, `unknown field ${JSON.stringify(p)}`);
}
