/**
 * Request bodies: read with a hard limit (upstream: the apiserver's MaxRequestBodyBytes, 3 MiB;
 * limitedReadBody stops reading and answers 413), then decode by Content-Type. JSON for every
 * verb; YAML only for server-side apply (application/apply-patch+yaml).
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { newBadRequest, newRequestEntityTooLarge, newUnsupportedMediaType } from '../../api/errors.ts';
import { PATCH_CONTENT_TYPES, type PatchType } from '../../apiserver/types.ts';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Resolves with the whole body, or rejects with 413 as soon as it passes `limit` (reading stops). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(newRequestEntityTooLarge(`limit is ${limit}`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const onData = (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.off('data', onData);
        req.pause();
        reject(newRequestEntityTooLarge(`limit is ${limit}`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (done) return;
      done = true;
      reject(err);
    });
  });
}

/** The media type without parameters, lower-cased: 'application/json; charset=utf-8' → 'application/json'. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Content-Type → patch type, or a 415 (upstream: patchTypes accepted by the PATCH handler). */
export function patchTypeOf(contentType: string | undefined): PatchType {
  const mt = mediaType(contentType);
  for (const [type, ct] of Object.entries(PATCH_CONTENT_TYPES) as Array<[PatchType, string]>) if (ct === mt) return type;
  throw newUnsupportedMediaType(mt || '(none)');
}

/** 415 for create/update bodies that are not JSON (kubectl always sends JSON; YAML is also accepted upstream). */
function unsupportedBody(mt: string) {
  const err = newUnsupportedMediaType(mt || '(none)');
  err.status.message = `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`;
  return err;
}

/** Decodes a create/update body (JSON or YAML) or a patch body. */
export function decodeBody(buf: Buffer, contentType: string | undefined, patchType?: PatchType): unknown {
  const mt = mediaType(contentType);
  const text = buf.toString('utf8');
  const yaml = patchType === 'apply' || mt === 'application/yaml';
  if (patchType === undefined && mt !== 'application/json' && mt !== 'application/yaml' && mt !== '') throw unsupportedBody(mt);
  if (text.trim() === '') throw newBadRequest('the body of the request was empty');
  if (yaml) {
    try {
      return parseYaml(text, { maxAliasCount: 100 });
    } catch (err) {
      throw newBadRequest(`error converting YAML to JSON: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    // upstream (json-iterator / sigs.k8s.io/json): "couldn't get version/kind; json parse error: ..."
    throw newBadRequest(`couldn't get version/kind; json parse error: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** create/update bodies must be objects. */
export function requireObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw newBadRequest(`couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`);
  }
  return value as Record<string, unknown>;
}
