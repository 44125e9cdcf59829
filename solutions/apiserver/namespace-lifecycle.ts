/**
 * Reference solution for the part `apiserver.admission`: the NamespaceLifecycle admission plugin
 * (upstream: kubernetes/kubernetes plugin/pkg/admission/namespace/lifecycle/admission.go).
 *
 * Why it exists: a namespace is deleted in two steps. The apiserver first marks it Terminating;
 * then the namespace controller deletes everything inside and finally the namespace itself. If
 * new objects could still be created in a Terminating namespace, that controller could never
 * finish. And objects in a namespace that does not exist would be unreachable orphans. So this
 * plugin guards the door:
 *
 *  - DELETE of an immortal namespace (default, kube-system, kube-public) → 403 Forbidden
 *    `namespaces "default" is forbidden: this namespace may not be deleted`. The cluster's own
 *    components live there.
 *  - Anything that is not namespaced, and Namespace objects themselves, pass: a namespace's
 *    own lifecycle is the namespace registry's business.
 *  - DELETE of other objects always passes — that is exactly what a Terminating namespace needs.
 *  - CREATE or UPDATE in a namespace that does not exist → 404 `namespaces "x" not found`.
 *  - CREATE in a Terminating namespace → 403 Forbidden `... unable to create new content in
 *    namespace x because it is being terminated`, with a cause of type NamespaceTerminating.
 *    Updates there are allowed: controllers must still be able to remove finalizers.
 *
 * Upstream runs this as a *mutating* plugin (it implements Admit) even though it changes nothing,
 * so that it answers before validation: a create in a missing namespace gets the 404, not a 422
 * about the object's fields. We do the same by implementing `admit`.
 */
import { newForbidden, newNotFound, type StatusError } from '../../engine/api/errors.ts';
import type { AdmissionAttributes, AdmissionDeps, AdmissionPlugin, AdmissionPluginFactory } from '../../engine/apiserver/admission/types.ts';

/** Namespaces the cluster itself needs (upstream: the kube-apiserver's immortalNamespaces set). */
export const IMMORTAL_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public']);

/** StatusCause type upstream attaches (core/v1 NamespaceTerminatingCause). */
export const NAMESPACE_TERMINATING_CAUSE = 'NamespaceTerminating';

export const namespaceLifecycle: AdmissionPluginFactory = (deps: AdmissionDeps): AdmissionPlugin => ({
  name: 'NamespaceLifecycle',
  admit(a: AdmissionAttributes): StatusError | undefined {
    const isNamespaceKind = a.resource.group === '' && a.resource.resource === 'namespaces';

    // The immortal namespaces hold the cluster's own components: never delete them.
    if (a.operation === 'DELETE' && isNamespaceKind && IMMORTAL_NAMESPACES.has(a.name)) {
      return newForbidden({ group: '', resource: 'namespaces' }, a.name, 'this namespace may not be deleted');
    }

    // Cluster-scoped objects and namespaces themselves are not inside any namespace.
    if (a.namespace === '' || isNamespaceKind) return undefined;

    // Deleting content is always allowed: it is how a Terminating namespace empties.
    if (a.operation === 'DELETE') return undefined;

    const ns = deps.getNamespace(a.namespace);
    if (!ns) return newNotFound({ group: '', resource: 'namespaces' }, a.namespace);

    // Only creation is refused in a Terminating namespace; updates must still work so that
    // controllers can remove finalizers while the namespace drains.
    const phase = (ns.status as { phase?: string } | undefined)?.phase;
    if (a.operation === 'CREATE' && phase === 'Terminating') {
      const err = newForbidden(a.resource, a.name, `unable to create new content in namespace ${a.namespace} because it is being terminated`);
      const details = (err.status.details ??= {});
      (details.causes ??= []).push({
        reason: NAMESPACE_TERMINATING_CAUSE,
        message: `namespace ${a.namespace} is being terminated`,
        field: 'metadata.namespace',
      });
      return err;
    }
    return undefined;
  },
});
