/**
 * ConfigMap and Secret validation: KK pkg/apis/core/validation/validation.go (ValidateConfigMap(Update),
 * ValidateSecret(Update)). Keys are config keys (they become file names in volumes), the whole
 * payload is at most 1 MiB, and `immutable: true` freezes the data.
 */
import { fieldErrors, FieldPath, OMIT_VALUE, type FieldError } from '../field-errors.ts';
import { has, jsonEqual, obj, str, utf8Length, type Obj } from './helpers.ts';
import { isConfigMapKey } from './names.ts';

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

/** Base64 length → decoded byte count, and whether it is valid standard base64 (Go's StdEncoding). */
export function decodeBase64Length(s: string): { ok: true; bytes: number } | { ok: false; at: number } {
  if (s.length % 4 !== 0 && !/[^A-Za-z0-9+/=]/.test(s)) return { ok: false, at: s.length - (s.length % 4) };
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    const pad = c === '=';
    if (!/[A-Za-z0-9+/=]/.test(c)) return { ok: false, at: i };
    if (pad && i < s.length - 2) return { ok: false, at: i };
    if (pad && i === s.length - 2 && s[i + 1] !== '=') return { ok: false, at: i };
  }
  const padding = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return { ok: true, bytes: (s.length / 4) * 3 - padding };
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

/** Secret types and the keys each requires (KK ValidateSecret). */
const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

export function validateSecret(secret: Obj): FieldError[] {
  const data = obj(secret, 'data');
  const dp = FieldPath.root('data');
  const errs = validateKeys(data, dp);
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    if (typeof v !== 'string') continue;
    const d = decodeBase64Length(v);
    // The value is a secret: never echo it in the message.
    if (!d.ok) errs.push(fieldErrors.invalid(dp.key(k), OMIT_VALUE, `illegal base64 data at input byte ${d.at}`));
    else total += d.bytes;
  }
  if (total > MAX_CONFIG_SIZE) errs.push(fieldErrors.tooLong('data', '', MAX_CONFIG_SIZE));
  const type = str(secret, 'type');
  for (const key of REQUIRED_KEYS[type] ?? []) if (!has(data, key)) errs.push(fieldErrors.required(dp.key(key), ''));
  if (type === 'kubernetes.io/service-account-token') {
    const ann = obj(obj(secret, 'metadata'), 'annotations');
    if (str(ann, 'kubernetes.io/service-account.name') === '') errs.push(fieldErrors.required('metadata.annotations[kubernetes.io/service-account.name]', ''));
  }
  if (type === 'kubernetes.io/basic-auth' && !has(data, 'username') && !has(data, 'password')) {
    errs.push(fieldErrors.required(dp.key('username'), ''), fieldErrors.required(dp.key('password'), ''));
  }
  return errs;
}

export function validateSecretUpdate(n: Obj, o: Obj): FieldError[] {
  const errs = validateSecret(n);
  if (str(n, 'type') !== str(o, 'type')) errs.push(fieldErrors.invalid('type', str(n, 'type'), 'field is immutable'));
  errs.push(...validateImmutableData(n, o, ['data']));
  return errs;
}
