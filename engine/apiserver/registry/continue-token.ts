/**
 * The `continue` token of a paginated list (upstream: k8s.io/apiserver pkg/storage/continue.go).
 *
 * A token is opaque to clients. Inside it is base64url(JSON) of
 *   { "v": "meta.k8s.io/v1", "rv": <revision of the first page>, "start": <next key, relative to the list prefix> }
 * so every page is read at the SAME revision as the first — a paginated list is one consistent
 * snapshot — and the next page starts right after the last key returned. When that revision has
 * been compacted, the snapshot is gone and the list answers 410 Expired.
 */
import { newBadRequest, type StatusError } from '../../api/errors.ts';

export const CONTINUE_TOKEN_VERSION = 'meta.k8s.io/v1';

interface TokenBody {
  v: string;
  rv: number;
  start: string;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(token)) return undefined;
  try {
    const bin = atob(token.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** `nextKey` is a full store key under `prefix`; the token keeps only the part after the prefix. */
export function encodeContinue(nextKey: string, prefix: string, revision: number): string {
  const body: TokenBody = { v: CONTINUE_TOKEN_VERSION, rv: revision, start: nextKey.slice(prefix.length) };
  return toBase64Url(JSON.stringify(body));
}

/** Returns the full start key and the revision, or a 400 BadRequest `invalid continue token: ...`. */
export function decodeContinue(token: string, prefix: string): { key: string; revision: number } | StatusError {
  const bad = (why: string) => newBadRequest(`invalid continue token: ${why}`);
  const json = fromBase64Url(token);
  if (json === undefined) return bad('continue key is not valid: illegal base64 data');
  let body: Partial<TokenBody>;
  try {
    body = JSON.parse(json) as Partial<TokenBody>;
  } catch {
    return bad('continue key is not valid: invalid JSON');
  }
  if (!body || typeof body !== 'object') return bad('continue key is not valid: invalid JSON');
  if (body.v !== CONTINUE_TOKEN_VERSION) return bad(`continue key is not valid: server does not recognize this encoded key version "${String(body.v)}"`);
  if (typeof body.rv !== 'number' || !Number.isInteger(body.rv) || body.rv === 0) return bad('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  if (typeof body.start !== 'string' || body.start === '') return bad('continue key is not valid: encoded start key empty');
  // The start key must stay inside the listed collection (upstream cleans it as a path).
  if (body.start.startsWith('/') || body.start.split('/').some((p) => p === '..' || p === '.')) return bad('continue key is not valid: the start key must be a relative path');
  return { key: prefix + body.start, revision: body.rv };
}
