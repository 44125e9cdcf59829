/**
 * The part `apiserver.validation`: ObjectMeta validation, as apimachinery's
 * pkg/api/validation/objectmeta.go (ValidateObjectMeta / ValidateObjectMetaAccessor).
 *
 * The apiserver calls the injected validator on every create and update, before the per-kind
 * semantic rules. The reference implementation is solutions/apiserver/object-meta-validation.ts;
 * the learner's stub is exercises/apiserver/object-meta-validation.ts.
 *
 * Contract:
 * - paths start at `metadata` (`metadata.name`, `metadata.labels`, `metadata.finalizers[0]`; upstream
 *   reports owner reference fields without an index: `metadata.ownerReferences.uid`);
 * - never throws, never mutates `meta`; an absent `meta` is treated like `{}`;
 * - name or generateName is required; a name must follow `options.nameRule`;
 * - namespaced kinds need `metadata.namespace` (a DNS-1123 label); cluster-scoped kinds must not set
 *   it (`Forbidden: not allowed on this type`);
 * - labels, annotations (≤ 256 KiB in total), ownerReferences, finalizers and generation are checked
 *   like upstream.
 * Update-time rules (name, namespace, uid, creationTimestamp immutable) are not part of the part:
 * they live in validateObjectMetaUpdate (object-meta-update.ts).
 *
 * Building blocks the implementation may use (they are engine code, shared with pod templates):
 * names.ts (isDNS1123Label, isDNS1123Subdomain, isQualifiedName, nameIsValid, ...),
 * label-validation.ts (validateLabels) and annotations.ts (validateAnnotations).
 */
import type { ObjectMeta } from '../object.ts';
import type { FieldError } from '../field-errors.ts';
import type { SecretTypesPart } from './secret-types.ts';

/** How a kind's names are checked (upstream: the `ValidateNameFunc` each kind's strategy passes). */
export type NameRule = 'DNS1123Subdomain' | 'DNS1123Label' | 'DNS1035Label';

export interface ObjectMetaValidationOptions {
  /** Whether the kind is namespaced (from RESOURCES). */
  namespaced: boolean;
  nameRule: NameRule;
}

export type ObjectMetaValidator = (meta: ObjectMeta | undefined, options: ObjectMetaValidationOptions) => FieldError[];

/** What validateObject needs from its caller: the (possibly learner-written) ObjectMeta validator. */
export interface ValidationContext {
  objectMeta: ObjectMetaValidator;
  /** The part `secret.types` (secret-types.ts); absent: Secrets get no type-specific checks. */
  secretTypes?: SecretTypesPart;
}

/**
 * The name rule per kind, as each kind's upstream validation chooses its ValidateNameFunc:
 * Namespace uses DNS-1123 labels (ValidateNamespaceName = NameIsDNSLabel), Service uses DNS-1035
 * labels (ValidateServiceName = NameIsDNS1035Label: the name becomes a DNS label and an env var
 * prefix, so it must start with a letter), everything else a DNS-1123 subdomain (NameIsDNSSubdomain).
 * Extra per-kind limits (a CronJob name ≤ 52 characters, ...) live in that kind's validation.
 */
export function nameRuleFor(kind: string): NameRule {
  switch (kind) {
    case 'Namespace':
      return 'DNS1123Label';
    case 'Service':
      return 'DNS1035Label';
    default:
      return 'DNS1123Subdomain';
  }
}
