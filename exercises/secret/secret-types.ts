/**
 * Exercise `secret.types`: Secret types and the keys they require. Read
 * engine/api/validation/secret-types.ts for the contract and its worked example.
 *
 * Building blocks you may use: fieldErrors and FieldPath (engine/api/field-errors.ts),
 * MAX_SECRET_SIZE and REDACTED (engine/api/validation/secret-types.ts), and, for the docker
 * config types, goJsonObjectError (engine/api/validation/go-json.ts: Go's JSON error message — the
 * exercise is about the types, not about writing a JSON parser).
 */
import type { FieldError } from '../../engine/api/field-errors.ts';
import type { SecretTypesPart, SecretView } from '../../engine/api/validation/secret-types.ts';

function validate(secret: SecretView): FieldError[] {
  void secret;
  // TODO: the field errors of a Secret, given its type: the total size of the decoded values
  // (at most 1 MiB), then the keys (or annotation) each built-in type requires, with the paths
  // and messages the apiserver uses. A Secret's values must never appear in an error.
  throw new Error('TODO: secret.types validate');
}

function validateUpdate(secret: SecretView, old: SecretView): FieldError[] {
  void secret, old;
  // TODO: what an update may not do that a create may: the errors only an update can have.
  throw new Error('TODO: secret.types validateUpdate');
}

export const secretTypes: SecretTypesPart = { validate, validateUpdate };
