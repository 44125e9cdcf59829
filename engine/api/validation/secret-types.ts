/**
 * The part `secret.types`: what a Secret's `type` requires of it, and the 1 MiB cap — the
 * type-specific half of KK pkg/apis/core/validation/validation.go ValidateSecret and
 * ValidateSecretUpdate. The rest of Secret validation (key names, `immutable`) is engine code in
 * config.ts, which calls this part through the ValidationContext (as ObjectMeta validation is
 * reached through `ctx.objectMeta`).
 *
 * Built-in types (core/v1 types.go; website concepts/configuration/secret.md "Types of Secret"):
 *
 *   Opaque (or no type)                    anything
 *   kubernetes.io/service-account-token    annotation kubernetes.io/service-account.name
 *                                          (token, ca.crt, namespace are filled in later by the
 *                                          token controller: engine/controllers/serviceaccount)
 *   kubernetes.io/dockercfg                data[.dockercfg], a JSON object
 *   kubernetes.io/dockerconfigjson         data[.dockerconfigjson], a JSON object
 *   kubernetes.io/basic-auth               data[username] or data[password] (either may be empty)
 *   kubernetes.io/ssh-auth                 data[ssh-privatekey], not empty
 *   kubernetes.io/tls                      data[tls.crt] and data[tls.key]
 *   anything else                          anything (types are free-form strings)
 *
 * Contract:
 * - `validate` returns, in this order, the size error (`data: Too long: must have at most
 *   1048576 bytes` when the decoded values add up to more than 1 MiB) and the type's errors,
 *   with upstream's paths: `data[tls.key]: Required value`,
 *   `metadata.annotations[kubernetes.io/service-account.name]: Required value`.
 * - A Secret's values never appear in an error: a malformed docker config is reported with the bad
 *   value `<secret contents redacted>` and the JSON parser's message, never the content.
 * - `validateUpdate` returns only what an update adds: `type: Invalid value: "<new>": field is
 *   immutable` when the type changed. The apiserver also runs `validate` on the new Secret.
 * - Never throws, never mutates its arguments.
 *
 * Worked example:
 *
 *   type kubernetes.io/tls, data { tls.crt }   → [data[tls.key]: Required value]
 *   type kubernetes.io/basic-auth, data {}     → [data[username]: Required value,
 *                                                 data[password]: Required value]
 *
 * The reference implementation is solutions/secret/secret-types.ts, the learner's stub
 * exercises/secret/secret-types.ts, its cases secret-types-suite.ts.
 */
import type { FieldError } from '../field-errors.ts';

/** corev1.MaxSecretSize: the decoded values of a Secret add up to at most 1 MiB. */
export const MAX_SECRET_SIZE = 1024 * 1024;

/** The bad value shown instead of a Secret's content (upstream's literal). */
export const REDACTED = '<secret contents redacted>';

// #region secret-types-part
/** What the part sees of a Secret: data already decoded from base64 to bytes. */
export interface SecretView {
  /** `type`, '' when absent (defaulting normally made it Opaque already). */
  readonly type: string;
  readonly annotations: Readonly<Record<string, string>>;
  readonly data: Readonly<Record<string, Uint8Array>>;
}

export interface SecretTypesPart {
  validate(secret: SecretView): FieldError[];
  validateUpdate(secret: SecretView, old: SecretView): FieldError[];
}
// #endregion secret-types-part
