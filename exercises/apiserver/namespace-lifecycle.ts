/**
 * Exercise — the part `apiserver.admission`: the NamespaceLifecycle admission plugin
 * (upstream: plugin/pkg/admission/namespace/lifecycle/admission.go).
 *
 * The apiserver calls `admit(attributes)` for every CREATE, UPDATE and DELETE, before the object
 * is validated and stored. Return `undefined` to let the request through, or a StatusError (made
 * with the helpers in engine/api/errors.ts) to reject it — never throw.
 *
 * Read engine/apiserver/admission/types.ts for the attributes you get.
 */
import type { StatusError } from '../../engine/api/errors.ts';
import type { AdmissionAttributes, AdmissionDeps, AdmissionPlugin, AdmissionPluginFactory } from '../../engine/apiserver/admission/types.ts';

/** Namespaces the cluster itself needs. */
export const IMMORTAL_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public']);

/** StatusCause type upstream attaches when refusing a create in a terminating namespace. */
export const NAMESPACE_TERMINATING_CAUSE = 'NamespaceTerminating';

export const namespaceLifecycle: AdmissionPluginFactory = (deps: AdmissionDeps): AdmissionPlugin => ({
  name: 'NamespaceLifecycle',
  admit(a: AdmissionAttributes): StatusError | undefined {
    void deps;
    void a;
    // TODO: deleting one of the IMMORTAL_NAMESPACES must be refused with 403 Forbidden
    //       (`namespaces "default" is forbidden: this namespace may not be deleted`).
    // TODO: objects outside any namespace, and Namespace objects themselves, are not this plugin's concern.
    // TODO: deleting objects inside a namespace is always allowed.
    // TODO: creating or updating something in a namespace that does not exist must fail with
    //       404 NotFound (`namespaces "x" not found`); look namespaces up with deps.getNamespace.
    // TODO: creating something in a namespace whose status.phase is Terminating must fail with
    //       403 Forbidden (`unable to create new content in namespace x because it is being
    //       terminated`), with a cause of type NAMESPACE_TERMINATING_CAUSE on field metadata.namespace.
    return undefined;
  },
});
