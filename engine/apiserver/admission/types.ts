/**
 * The part `apiserver.admission`: admission plugins, shaped like k8s.io/apiserver pkg/admission
 * (interfaces.go: Attributes, MutationInterface.Admit, ValidationInterface.Validate).
 *
 * Every write passes the admission chain twice (pkg/endpoints/handlers/create.go, update.go):
 *
 *   decode → default → admit (mutating plugins, in order) → strategy: prepare + validate
 *          → validate (validating plugins, in order) → store
 *
 * A plugin sees one request as `AdmissionAttributes` and answers with `undefined` (allowed) or a
 * StatusError (rejected: the client sees exactly that error). Plugins never throw for an expected
 * outcome. `admit` may change `attributes.object` in place; `validate` must not change anything.
 *
 * Plugins read the cluster only through `deps` — today a read-only view of namespaces — as
 * upstream plugins read informer listers rather than the store.
 */
import type { KubeObject } from '../../api/object.ts';
import type { StatusError } from '../../api/errors.ts';

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE';

export interface AdmissionResource {
  /** '' for the core group. */
  group: string;
  version: string;
  /** Plural resource name, e.g. 'pods'. */
  resource: string;
}

export interface AdmissionAttributes {
  operation: AdmissionOperation;
  resource: AdmissionResource;
  /** The kind of `object` (for a subresource: the subresource's kind, e.g. Scale, Binding). */
  kind: string;
  /** '' for the main resource, else e.g. 'status', 'scale', 'binding'. */
  subresource: string;
  /** '' for cluster-scoped resources. */
  namespace: string;
  /** May be '' on CREATE when the client asked for metadata.generateName. */
  name: string;
  /** The new object: set for CREATE and UPDATE, undefined for DELETE. `admit` may mutate it. */
  object?: KubeObject;
  /** The stored object: set for UPDATE and DELETE, undefined for CREATE. Never mutate it. */
  oldObject?: KubeObject;
  /** Who is asking (e.g. 'kubectl', 'system:kube-scheduler'). */
  user: string;
  dryRun: boolean;
}

/** Read-only views a plugin may consult (upstream: informer listers injected by plugin initializers). */
export interface AdmissionDeps {
  /**
   * The namespace object as currently stored, or undefined when there is none. The result is
   * frozen: plugins must never modify it.
   */
  getNamespace(name: string): Readonly<KubeObject> | undefined;
}

export type AdmissionResult = StatusError | undefined;

export interface AdmissionPlugin {
  /** Upstream plugin name, e.g. 'NamespaceLifecycle'. */
  readonly name: string;
  /** Mutating phase: may change `attributes.object`; return a StatusError to reject. */
  admit?(attributes: AdmissionAttributes): AdmissionResult;
  /** Validating phase: must not change anything; return a StatusError to reject. */
  validate?(attributes: AdmissionAttributes): AdmissionResult;
}

/** Builds a plugin from its dependencies: what createApiServer calls with the apiserver's views. */
export type AdmissionPluginFactory = (deps: AdmissionDeps) => AdmissionPlugin;
