/**
 * The part `secret.data`: how a Secret's values travel from a request body to the store.
 *
 * In the v1 API a Secret's `data` is a map of byte strings, which JSON carries as base64
 * (core/v1 types.go: `Data map[string][]byte`); `stringData` is a write-only convenience map of
 * plain text. Upstream this happens while the body is decoded, before defaulting and validation:
 *
 *  1. the JSON decoder turns each `data` value into bytes with Go's `base64.StdEncoding`; a value
 *     that is not base64 fails the whole request with 400 BadRequest
 *     `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4`
 *     (the message names the offset, never the value); a value that is not a JSON string (a YAML
 *     number in stringData) is a 400 too: `... json: cannot unmarshal number into Go struct
 *     field Secret.stringData of type string`;
 *  2. conversion to the internal type (pkg/apis/core/v1/conversion.go,
 *     Convert_v1_Secret_To_core_Secret) copies every `stringData` entry into `data` as its UTF-8
 *     bytes — replacing a `data` entry of the same key, so stringData wins — and drops
 *     `stringData`: it is never stored and never returned by a read.
 *
 * Base64 is an encoding, not encryption: anyone who can read the Secret reads its values.
 *
 * Worked example (website concepts/configuration/secret.md, "stringData"):
 *
 *   body:   data: { username: 'YWRtaW4=', password: 'b2xk' }   stringData: { password: 'héllo' }
 *   stored: data: { username: 'YWRtaW4=', password: 'aMOpbGxv' }          (no stringData)
 *
 *   'aMOpbGxv' is base64 of the UTF-8 bytes 68 c3 a9 6c 6c 6f ('é' is two bytes); Latin-1 would
 *   give 'aOlsbG8=', which a pod reading the file would see as invalid UTF-8.
 *
 * The reference implementation is solutions/secret/secret-data.ts, the learner's stub
 * exercises/secret/secret-data.ts, its cases secret-data-suite.ts.
 */
import { newBadRequest } from '../../api/errors.ts';
import type { KubeObject } from '../../api/object.ts';

/** Go's base64 decoding result: the bytes, or the offset of Go's CorruptInputError. */
export type Base64Result = { ok: true; bytes: Uint8Array } | { ok: false; offset: number };

/** The two maps of a Secret that the part reads and writes. */
export interface SecretDataFields {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

// #region secret-data-part
export interface SecretDataPart {
  /** Standard base64 (RFC 4648 §4, `+/`, `=` padding) of the UTF-8 bytes of `text`. */
  encode(text: string): string;
  /**
   * Decodes like Go's base64.StdEncoding.DecodeString: standard alphabet, padding required,
   * `\r` and `\n` skipped. On failure, `offset` is the input byte Go's error names
   * (`illegal base64 data at input byte <offset>`).
   */
  decode(value: string): Base64Result;
  /**
   * Convert_v1_Secret_To_core_Secret on a decoded body, in place: every stringData entry goes into
   * `data` base64-encoded (UTF-8), winning over a data entry of the same key; the other data
   * entries stay; `stringData` is removed. A Secret without stringData is left as it is.
   */
  mergeStringData(secret: SecretDataFields): void;
}
// #endregion secret-data-part

function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** The decoder's 400 for a data value that is not base64 (sigs.k8s.io/json via the codec). */
export function illegalBase64(offset: number): Error {
  return newBadRequest(`Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte ${offset}`);
}

/** The JSON kind of a value as Go's UnmarshalTypeError names it. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

/** Go's UnmarshalTypeError for a field of the v1 Secret, wrapped as the decoder's 400. */
function typeMismatch(value: unknown, field: 'data' | 'stringData', goType: string): Error {
  return newBadRequest(`Secret in version "v1" cannot be handled as a Secret: json: cannot unmarshal ${jsonKind(value)} into Go struct field Secret.${field} of type ${goType}`);
}

const GO_TYPES = { data: ['map[string][]uint8', '[]uint8'], stringData: ['map[string]string', 'string'] } as const;

/**
 * What the JSON decoder rejects in a v1 Secret body before conversion: `data`/`stringData` that
 * are not maps, values that are not strings (`stringData: { port: 5432 }` from YAML), and data
 * values that are not base64. The first problem in document order wins, as Go's decoder keeps its
 * first error. A null map counts as absent.
 */
function checkSecretBody(part: SecretDataPart, obj: KubeObject): void {
  for (const field of Object.keys(obj)) {
    if (field !== 'data' && field !== 'stringData') continue;
    const map = obj[field];
    if (map === null || map === undefined) continue;
    const [mapType, valueType] = GO_TYPES[field];
    if (typeof map !== 'object' || Array.isArray(map)) throw typeMismatch(map, field, mapType);
    for (const [key, v] of Object.entries(map as Record<string, unknown>)) {
      if (v === null) {
        // Go leaves the element's zero value: an empty string for stringData, nil bytes for data.
        if (field === 'stringData') (map as Record<string, unknown>)[key] = '';
        continue;
      }
      if (typeof v !== 'string') throw typeMismatch(v, field, valueType);
      if (field === 'stringData') continue;
      const r = part.decode(v);
      if (!r.ok) throw illegalBase64(r.offset);
      // Stored as bytes upstream, so a read returns canonical base64 (wrapped lines come back joined).
      if (/[\r\n]/.test(v)) (map as Record<string, unknown>)[key] = bytesToBase64(r.bytes);
    }
  }
}

/**
 * The engine's use of the part while decoding a v1 Secret body (handlers/decode.ts): what the
 * JSON decoder refuses is a 400 (checkSecretBody, which calls the part's decode on every data
 * value), then the conversion merges stringData with the part.
 */
export function convertSecretBody(part: SecretDataPart, obj: KubeObject): void {
  checkSecretBody(part, obj);
  if (obj.stringData === null) delete obj.stringData;
  if (obj.stringData === undefined) return;
  part.mergeStringData(obj as SecretDataFields);
}
