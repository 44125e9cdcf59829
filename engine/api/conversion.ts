/**
 * What upstream does while converting a request body from its versioned form to the internal
 * one, before defaulting and validation. Only one rule matters here:
 *
 * Secret `stringData` (pkg/apis/core/v1/conversion.go, Convert_v1_Secret_To_core_Secret): each
 * entry is written into `data` as base64 of its UTF-8 bytes, replacing a `data` entry with the
 * same key ("stringData wins"), and `stringData` itself is never stored — a read returns only
 * `data`. Base64 is an encoding, not encryption.
 */
import type { KubeObject } from './object.ts';

export function convertToInternal(obj: KubeObject): void {
  if (obj.kind === 'Secret' && obj.apiVersion === 'v1') mergeStringData(obj);
}

function mergeStringData(secret: KubeObject): void {
  const stringData = secret.stringData;
  if (stringData === undefined || stringData === null) {
    delete secret.stringData;
    return;
  }
  if (typeof stringData !== 'object' || Array.isArray(stringData)) return; // left for validation to reject
  const data = isRecord(secret.data) ? { ...secret.data } : {};
  for (const [k, v] of Object.entries(stringData as Record<string, unknown>)) {
    if (typeof v === 'string') data[k] = encodeBase64(v);
  }
  secret.data = data;
  delete secret.stringData;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Standard base64 (with padding) of the UTF-8 bytes of `text`. */
export function encodeBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}
