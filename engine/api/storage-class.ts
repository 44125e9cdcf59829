/**
 * Which StorageClass is the default (upstream: k8s.io/component-helpers storage/volume
 * GetDefaultClass via pkg/volume/util.GetDefaultClass): the classes annotated
 * `storageclass.kubernetes.io/is-default-class: "true"` (or the beta annotation); when several
 * are, the most recently created wins, then the name in alphabetical order. Used by the
 * DefaultStorageClass admission and the PV controller's retroactive default assignment.
 */
export const ANN_IS_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
export const ANN_BETA_IS_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';

interface ClassLike {
  metadata?: { name?: string; creationTimestamp?: string; annotations?: Record<string, string> };
}

export function isDefaultClass(sc: ClassLike): boolean {
  const a = sc.metadata?.annotations ?? {};
  return a[ANN_IS_DEFAULT_CLASS] === 'true' || a[ANN_BETA_IS_DEFAULT_CLASS] === 'true';
}

export function defaultStorageClassOf<T extends ClassLike>(classes: readonly T[]): T | undefined {
  const defaults = classes.filter(isDefaultClass);
  defaults.sort((a, b) => (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? '') || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  return defaults[0];
}
