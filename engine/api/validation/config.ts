/**
 * ConfigMap and Secret validation: KK pkg/apis/core/validation/validation.go (ValidateConfigMap(Update),
 * ValidateSecret(Update)). Keys are config keys (they become file names in volumes), the whole
 * payload is at most 1 MiB, and `immutable: true` freezes the data. For Secrets the type rules
 * and the 1 MiB cap are the part `secret.types` (secret-types.ts), reached through the context.
 */
import { fieldErrors, FieldPath, OMIT_VALUE, type FieldError } from '../field-errors.ts';
import { jsonEqual, obj, str, utf8Length, type Obj } from './helpers.ts';
import { isConfigMapKey } from './names.ts';
import type { SecretTypesPart, SecretView } from './secret-types.ts';

/** What Secret validation needs from its caller: the (possibly learner-written) `secret.types` part. */
export interface SecretValidationContext {
  secretTypes?: SecretTypesPart;
}

/** MaxSecretSize and the ConfigMap limit (corev1.MaxSecretSize = 1 MiB). */
export const MAX_CONFIG_SIZE = 1024 * 1024;
const IMMUTABLE_MSG = 'field is immutable when `immutable` is set';

function validateKeys(m: Obj, path: FieldPath, other?: { map: Obj; name: string }): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(m)) {
    for (const msg of isConfigMapKey(k)) errs.push(fieldErrors.invalid(path.key(k), k, msg));
    if (other && Object.prototype.hasOwnProperty.call(other.map, k)) errs.push(fieldErrors.invalid(path.key(k), k, `duplicate of key present in ${other.name}`));
  }
  return errs;
}

/** Values of the standard base64 alphabet by char code; 255 outside it. */
const B64 = (() => {
  const t = new Uint8Array(128).fill(255);
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < a.length; i++) t[a.charCodeAt(i)] = i;
  return t;
})();
const isB64 = (code: number) => code < 128 && B64[code] !== 255;

/** Base64 length → decoded byte count, and whether it is valid standard base64 (Go's StdEncoding). */
export function decodeBase64Length(s: string): { ok: true; bytes: number } | { ok: false; at: number } {
  if (s.length % 4 !== 0 && !/[^A-Za-z0-9+/=]/.test(s)) return { ok: false, at: s.length - (s.length % 4) };
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (isB64(code)) continue;
    if (code !== 0x3d) return { ok: false, at: i };
    // '=' only as the last one or two characters.
    if (i < s.length - 2) return { ok: false, at: i };
    if (i === s.length - 2 && s[i + 1] !== '=') return { ok: false, at: i };
  }
  const padding = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return { ok: true, bytes: (s.length / 4) * 3 - padding };
}

/** The bytes of valid standard base64 (line breaks ignored); undefined when it is not valid. */
export function base64Bytes(value: string): Uint8Array | undefined {
  const s = /[\r\n]/.test(value) ? value.replace(/[\r\n]/g, '') : value;
  const d = decodeBase64Length(s);
  if (!d.ok) return undefined;
  const out = new Uint8Array(d.bytes);
  let o = 0;
  for (let i = 0; i < s.length && o < d.bytes; i += 4) {
    // Padding ('=') maps to 255: its bits are never written (only d.bytes bytes are).
    const v = (B64[s.charCodeAt(i)]! << 18) | (B64[s.charCodeAt(i + 1)]! << 12) | ((B64[s.charCodeAt(i + 2)]! & 63) << 6) | (B64[s.charCodeAt(i + 3)]! & 63);
    out[o++] = v >> 16;
    if (o < d.bytes) out[o++] = (v >> 8) & 255;
    if (o < d.bytes) out[o++] = v & 255;
  }
  return out;
}

export function validateConfigMap(cm: Obj): FieldError[] {
  const data = obj(cm, 'data');
  const binary = obj(cm, 'binaryData');
  const errs = [...validateKeys(data, FieldPath.root('data')), ...validateKeys(binary, FieldPath.root('binaryData'), { map: data, name: 'data' })];
  let total = 0;
  for (const v of Object.values(data)) total += typeof v === 'string' ? utf8Length(v) : 0;
  for (const v of Object.values(binary)) {
    if (typeof v !== 'string') continue;
    const d = decodeBase64Length(v);
    total += d.ok ? d.bytes : v.length;
  }
  if (total > MAX_CONFIG_SIZE) errs.push(fieldErrors.tooLong('', '', MAX_CONFIG_SIZE));
  return errs;
}

function validateImmutableData(n: Obj, o: Obj, fields: string[]): FieldError[] {
  const errs: FieldError[] = [];
  if (o.immutable !== true) return errs;
  if (n.immutable !== true) errs.push(fieldErrors.forbidden('immutable', IMMUTABLE_MSG));
  for (const f of fields) if (!jsonEqual(n[f] ?? {}, o[f] ?? {})) errs.push(fieldErrors.forbidden(f, IMMUTABLE_MSG));
  return errs;
}

export function validateConfigMapUpdate(n: Obj, o: Obj): FieldError[] {
  return [...validateConfigMap(n), ...validateImmutableData(n, o, ['data', 'binaryData'])];
}

/**
 * A Secret as the `secret.types` part sees it: `data` decoded to bytes. Values that are not
 * base64 (only possible when the apiserver runs without the `secret.data` decoder) are left out;
 * validateSecret reports them.
 */
export function secretView(secret: Obj): SecretView {
  const data: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(obj(secret, 'data'))) {
    const bytes = typeof v === 'string' ? base64Bytes(v) : undefined;
    if (bytes) data[k] = bytes;
  }
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(obj(secret, 'metadata'), 'annotations'))) if (typeof v === 'string') annotations[k] = v;
  return { type: str(secret, 'type'), annotations, data };
}

/**
 * KK ValidateSecret: key names (they become file names in a secret volume), then the part
 * `secret.types` (1 MiB, the keys each type needs). Without the part (an apiserver built without
 * it) only the key names are checked.
 */
export function validateSecret(secret: Obj, ctx?: SecretValidationContext, view?: SecretView): FieldError[] {
  const data = obj(secret, 'data');
  const dp = FieldPath.root('data');
  const errs = validateKeys(data, dp);
  const v = view ?? secretView(secret);
  for (const [k, value] of Object.entries(data)) {
    if (typeof value !== 'string' || v.data[k]) continue;
    // The decoder normally rejects these with a 400 first. The value is a secret: never echo it.
    const d = decodeBase64Length(value.replace(/[\r\n]/g, ''));
    if (!d.ok) errs.push(fieldErrors.invalid(dp.key(k), OMIT_VALUE, `illegal base64 data at input byte ${d.at}`));
  }
  if (ctx?.secretTypes) errs.push(...ctx.secretTypes.validate(v));
  return errs;
}

/** KK ValidateSecretUpdate: what the update changes (type, immutable data), then ValidateSecret. */
export function validateSecretUpdate(n: Obj, o: Obj, ctx?: SecretValidationContext): FieldError[] {
  const errs: FieldError[] = [];
  const view = secretView(n);
  if (ctx?.secretTypes) errs.push(...ctx.secretTypes.validateUpdate(view, secretView(o)));
  errs.push(...validateImmutableData(n, o, ['data']));
  errs.push(...validateSecret(n, ctx, view));
  return errs;
}
