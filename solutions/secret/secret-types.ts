/**
 * Reference implementation of the part `secret.types` (contract: engine/api/validation/
 * secret-types.ts), after KK pkg/apis/core/validation/validation.go ValidateSecret and
 * ValidateSecretUpdate.
 *
 * Why these rules: a Secret's type is a promise to its consumers. The kubelet pulls images with a
 * dockerconfigjson Secret, an ingress controller serves TLS with a tls Secret; checking the keys at
 * write time turns a broken consumer later into a clear 422 now. Only the *presence* of the keys is
 * checked (and that docker configs parse as JSON): the apiserver does not verify that a
 * certificate matches its key (upstream only warns about that).
 *
 * Why the values never appear: field errors end up in kubectl's output, in events and in logs. A
 * malformed docker config may still hold a password, so upstream reports it with the literal
 * `<secret contents redacted>` as the bad value, and only the parser's message as the detail.
 */
import { fieldErrors, FieldPath, type FieldError } from '../../engine/api/field-errors.ts';
import { MAX_SECRET_SIZE, REDACTED, type SecretTypesPart, type SecretView } from '../../engine/api/validation/secret-types.ts';
import { goJsonObjectError } from '../../engine/api/validation/go-json.ts';

const has = (s: SecretView, key: string) => Object.prototype.hasOwnProperty.call(s.data, key);

/** The keys a Docker config Secret needs, and that their content is a JSON object. */
function dockerConfig(s: SecretView, key: string, data: FieldPath): FieldError[] {
  const value = s.data[key];
  if (value === undefined) return [fieldErrors.required(data.key(key), '')];
  const err = goJsonObjectError(value);
  return err ? [fieldErrors.invalid(data.key(key), REDACTED, err)] : [];
}

function validate(s: SecretView): FieldError[] {
  const data = FieldPath.root('data');
  const errs: FieldError[] = [];
  // The cap is on the decoded bytes, not on the base64 text (which is a third longer).
  let total = 0;
  for (const v of Object.values(s.data)) total += v.length;
  if (total > MAX_SECRET_SIZE) errs.push(fieldErrors.tooLong(data, '', MAX_SECRET_SIZE));

  switch (s.type) {
    case 'kubernetes.io/service-account-token':
      // The token itself is filled in later by the token controller; only the owner is required.
      if (!s.annotations['kubernetes.io/service-account.name']) {
        errs.push(fieldErrors.required(FieldPath.root('metadata').child('annotations').key('kubernetes.io/service-account.name'), ''));
      }
      break;
    case 'kubernetes.io/dockercfg':
      errs.push(...dockerConfig(s, '.dockercfg', data));
      break;
    case 'kubernetes.io/dockerconfigjson':
      errs.push(...dockerConfig(s, '.dockerconfigjson', data));
      break;
    case 'kubernetes.io/basic-auth':
      // Either key may be empty, but one of them must be present.
      if (!has(s, 'username') && !has(s, 'password')) errs.push(fieldErrors.required(data.key('username'), ''), fieldErrors.required(data.key('password'), ''));
      break;
    case 'kubernetes.io/ssh-auth':
      // Present is not enough: an empty private key is as good as none.
      if (!s.data['ssh-privatekey']?.length) errs.push(fieldErrors.required(data.key('ssh-privatekey'), ''));
      break;
    case 'kubernetes.io/tls':
      // Each missing key is its own error, so a user learns both at once.
      if (!has(s, 'tls.crt')) errs.push(fieldErrors.required(data.key('tls.crt'), ''));
      if (!has(s, 'tls.key')) errs.push(fieldErrors.required(data.key('tls.key'), ''));
      break;
    default:
    // Opaque, '' and custom types: no requirements.
  }
  return errs;
}

/**
 * ValidateImmutableField on `type`: consumers rely on a Secret keeping the shape its type
 * promised, so the type can only change by deleting and re-creating the Secret.
 */
function validateUpdate(s: SecretView, old: SecretView): FieldError[] {
  return s.type === old.type ? [] : [fieldErrors.invalid('type', s.type, 'field is immutable')];
}

export const secretTypes: SecretTypesPart = { validate, validateUpdate };
