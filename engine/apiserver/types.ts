/**
 * The apiserver's in-process interface: the verbs of the Kubernetes REST API as method calls.
 * The client (engine/client) uses it in-process; the HTTP server (engine/node/http, later) maps
 * each REST request to one call. Failures reject with a StatusError (engine/api/errors.ts).
 */
import type { KubeList, KubeObject } from '../api/object.ts';
import type { Status } from '../api/errors.ts';

export interface ResourceRef {
  /** '' for the core group. */
  group: string;
  version: string;
  /** Plural resource name, e.g. 'pods', 'deployments'. */
  resource: string;
  /** Required for namespaced resources except for cross-namespace list/watch. */
  namespace?: string;
}

export interface ObjectRef extends ResourceRef {
  name: string;
  /** 'status', 'scale' or 'binding'. */
  subresource?: string;
}

/** Who makes a call and why: recorded in the cluster's trace. Never contains object contents. */
export interface RequestContext {
  /** e.g. 'kubectl', 'system:kube-scheduler', 'system:node:node-1', 'replicaset-controller'. */
  user?: string;
  /** A short note, e.g. 'scale up to 3 replicas'. */
  reason?: string;
}

export interface GetOptions extends RequestContext {
  resourceVersion?: string;
}

export interface ListOptions extends RequestContext {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  /** '' or absent: most recent. '0': any (served from latest here). Else a revision. */
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
}

export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

export interface WriteOptions extends RequestContext {
  dryRun?: boolean;
  fieldManager?: string;
  /** Unknown or duplicate fields: drop silently, drop with a warning (default), or reject (400). */
  fieldValidation?: FieldValidation;
}

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

/** Content types of the PATCH verb, as kubectl sends them. */
export const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface PatchOptions extends WriteOptions {
  /** Server-side apply: take ownership of conflicting fields. */
  force?: boolean;
}

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

export interface DeleteOptions extends RequestContext {
  dryRun?: boolean;
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface WatchOptions extends ListOptions {
  allowWatchBookmarks?: boolean;
  /** Close the watch after this many seconds of the cluster clock. */
  timeoutSeconds?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  /** The object; for ERROR a Status (e.g. 410 Expired); for BOOKMARK only kind, apiVersion and metadata.resourceVersion. */
  object: T | Status;
}

export interface WatchHandle {
  /** Ends the watch. Safe to call more than once. */
  stop(): void;
  /** Resolves once the watch has ended, for whatever reason. */
  readonly done: Promise<void>;
}

export interface ApiServerInterface {
  create(ref: ResourceRef & { name?: string; subresource?: string }, body: KubeObject, options?: WriteOptions): Promise<KubeObject>;
  get(ref: ObjectRef, options?: GetOptions): Promise<KubeObject>;
  list(ref: ResourceRef, options?: ListOptions): Promise<KubeList>;
  update(ref: ObjectRef, body: KubeObject, options?: WriteOptions): Promise<KubeObject>;
  patch(ref: ObjectRef, type: PatchType, patch: unknown, options?: PatchOptions): Promise<KubeObject>;
  /** Returns the object as it is after the call: gone, or still there with deletionTimestamp set. */
  delete(ref: ObjectRef, options?: DeleteOptions): Promise<KubeObject>;
  deleteCollection(ref: ResourceRef, listOptions?: ListOptions, options?: DeleteOptions): Promise<KubeList>;
  /**
   * Streams changes. Without resourceVersion (or '0') it first sends ADDED for every existing
   * object, then changes; with a resourceVersion it sends changes after it, or a single ERROR
   * event with a 410 Expired Status when that version is compacted. Changed objects are shared
   * by every watcher of the same change and deep-frozen: read them, copy them to change them.
   */
  watch(ref: ResourceRef, options: WatchOptions, onEvent: (event: WatchEvent) => void): WatchHandle;
}

/** One API write as the trace records it: no object contents (Secrets must never leak). */
export interface TraceEntry {
  /** Cluster clock, ms since epoch. */
  time: number;
  verb: 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';
  user: string;
  reason?: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** HTTP-style result code: 201/200 or the failure's code. */
  code: number;
  /** Store revision the write produced, when it succeeded. */
  resourceVersion?: string;
  /** For failures: the Status message. */
  message?: string;
}

export interface TraceSink {
  record(entry: TraceEntry): void;
}
