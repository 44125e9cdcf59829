/**
 * Exercise `apiserver.validation`: validate the ObjectMeta every Kubernetes object carries.
 * Read the contract in engine/api/validation/object-meta.ts first. Return field errors whose paths
 * start at `metadata`, with the upstream messages; never throw, never change `meta`.
 *
 * Run the tests with: npx vitest run solutions/apiserver/object-meta-validation.test.ts
 * (they run the same cases against this file once you point them at it, see the grader).
 *
 * Helpers you may use: engine/api/field-errors.ts (fieldErrors.required / invalid / forbidden /
 * duplicate, FieldPath), engine/api/validation/names.ts (nameIsValid, isDNS1123Label,
 * isQualifiedName), label-validation.ts (validateLabels), annotations.ts (validateAnnotations).
 */
import type { ObjectMeta } from '../../engine/api/object.ts';
import type { FieldError } from '../../engine/api/field-errors.ts';
import type { ObjectMetaValidationOptions } from '../../engine/api/validation/object-meta.ts';

export function validateObjectMeta(meta: ObjectMeta | undefined, options: ObjectMetaValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  // TODO: a generateName, when given, must be a valid prefix for options.nameRule
  // (metadata.generateName: Invalid value ...).
  // TODO: a name is required (`metadata.name: Required value: name or generateName is required`)
  // and must follow options.nameRule.
  // TODO: namespaced kinds need a namespace that is a DNS-1123 label; cluster-scoped kinds must not
  // have one (`metadata.namespace: Forbidden: not allowed on this type`).
  // TODO: generation is never negative.
  // TODO: labels and annotations follow their syntax; annotations stay within their total size.
  // TODO: every owner reference names its owner completely (apiVersion with a version, kind, name,
  // uid), nothing is owned by an Event, and at most one owner is the controller.
  // TODO: finalizers are qualified names and appear once each.
  void meta;
  void options;
  return errs;
}
