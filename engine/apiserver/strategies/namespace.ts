/**
 * Namespaces (upstream: pkg/registry/core/namespace/strategy.go and storage/storage.go).
 *
 * - A new namespace is Active and carries the `kubernetes` finalizer in spec.finalizers: the
 *   namespace controller removes it (through the /finalize subresource) once everything inside
 *   is deleted. spec.finalizers cannot be changed through the main resource.
 * - Every namespace has the label kubernetes.io/metadata.name=<name> (so selectors can pick
 *   namespaces by name).
 * - Deleting a namespace only marks it Terminating (see the registry's delete); it disappears
 *   when both its spec.finalizers and metadata.finalizers are empty.
 */
import type { KubeObject } from '../../api/object.ts';
import { RESOURCES } from '../../api/resources.ts';
import { defineStrategy, type Strategy } from './strategy.ts';
import { metaOf } from '../registry/meta.ts';

export const FINALIZER_KUBERNETES = 'kubernetes';
export const LABEL_METADATA_NAME = 'kubernetes.io/metadata.name';

function nameLabel(ns: KubeObject): void {
  const meta = metaOf(ns);
  if (meta.name) meta.labels = { ...(meta.labels ?? {}), [LABEL_METADATA_NAME]: meta.name };
}

export function namespaceSpecFinalizers(ns: KubeObject): string[] {
  return ((ns.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).slice();
}

const info = RESOURCES.find((r) => r.plural === 'namespaces')!;

export const namespaceStrategy: Strategy = defineStrategy(info, {
  initialStatus: () => ({ phase: 'Active' }),
  onCreate(ns) {
    const spec = (ns.spec ??= {}) as { finalizers?: string[] };
    const f = spec.finalizers ?? [];
    if (!f.includes(FINALIZER_KUBERNETES)) spec.finalizers = [...f, FINALIZER_KUBERNETES];
    nameLabel(ns);
  },
  onUpdate(ns, old) {
    const spec = (ns.spec ??= {}) as { finalizers?: string[] };
    const oldFinalizers = (old.spec as { finalizers?: string[] } | undefined)?.finalizers;
    if (oldFinalizers === undefined) delete spec.finalizers;
    else spec.finalizers = oldFinalizers;
    nameLabel(ns);
  },
  // Upstream namespace storage's ShouldDeleteDuringUpdate: also wait for spec.finalizers.
  shouldDeleteDuringUpdate: (ns) => namespaceSpecFinalizers(ns).length === 0,
});
