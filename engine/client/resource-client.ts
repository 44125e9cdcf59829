/**
 * The verbs of one resource, scoped to a namespace (or to the whole cluster): client-go's typed
 * clients (kubernetes/typed/core/v1/pod.go ...) and dynamic client (`Resource(gvr).Namespace(ns)`)
 * in one generic shape, over the apiserver's in-process interface.
 *
 * Every call carries the client's RequestContext (user, reason), so the cluster trace shows who
 * made each write and why. Failures reject with a StatusError (404, 409, 422, ...); anything
 * else the apiserver throws is a bug and is wrapped in a 500 InternalError keeping the cause.
 */
import { isStatusError, newInternalError, newMethodNotSupported, type StatusError } from '../api/errors.ts';
import type { KubeList, KubeObject } from '../api/object.ts';
import { apiVersionOf, type ResourceInfo } from '../api/resources.ts';
import type { corev1 } from '../api/types.ts';
import type {
  ApiServerInterface,
  DeleteOptions,
  GetOptions,
  ListOptions,
  ObjectRef,
  PatchOptions,
  PatchType,
  RequestContext,
  ResourceRef,
  WatchEvent,
  WatchHandle,
  WatchOptions,
  WriteOptions,
} from '../apiserver/types.ts';
import type { Scale } from 'kubernetes-types/autoscaling/v1';
import type { ApiObject } from './object-like.ts';

export type { Scale };

/** A watch event whose object is typed (or a Status for ERROR). */
export interface TypedWatchEvent<T extends ApiObject> {
  type: WatchEvent['type'];
  object: T | Extract<WatchEvent['object'], { kind: 'Status' }>;
}

export interface ResourceInterface<T extends ApiObject> {
  create(obj: T, options?: WriteOptions): Promise<T>;
  get(name: string, options?: GetOptions): Promise<T>;
  list(options?: ListOptions): Promise<KubeList<T & KubeObject>>;
  /** Replaces the object; metadata.resourceVersion, when set, must match (else 409 Conflict). */
  update(obj: T, options?: WriteOptions): Promise<T>;
  /** Writes only `.status` (the status subresource). */
  updateStatus(obj: T, options?: WriteOptions): Promise<T>;
  patch(name: string, type: PatchType, patch: unknown, options?: PatchOptions): Promise<T>;
  patchStatus(name: string, type: PatchType, patch: unknown, options?: PatchOptions): Promise<T>;
  /** Resolves with the object as it is after the call: gone, or still there with deletionTimestamp. */
  delete(name: string, options?: DeleteOptions): Promise<T>;
  deleteCollection(options?: DeleteOptions, listOptions?: ListOptions): Promise<KubeList<T & KubeObject>>;
  watch(options: WatchOptions, onEvent: (event: TypedWatchEvent<T>) => void): WatchHandle;
}

/** Deployments, ReplicaSets, StatefulSets: the scale subresource (autoscaling/v1 Scale). */
export interface ScaleInterface {
  getScale(name: string, options?: GetOptions): Promise<Scale>;
  updateScale(name: string, scale: Scale, options?: WriteOptions): Promise<Scale>;
}

/** Pods: the binding subresource the scheduler uses to assign a pod to a node. */
export interface BindInterface {
  /** POST pods/<name>/binding: sets spec.nodeName to binding.target.name (409 if already bound). */
  bind(name: string, binding: corev1.Binding, options?: WriteOptions): Promise<void>;
}

/** What `client.resource(info)` returns: every verb, plus `.namespace(ns)`. */
export interface DynamicResourceInterface<T extends ApiObject> extends ResourceInterface<T>, ScaleInterface, BindInterface {}

export interface ResourceClient<T extends ApiObject> extends DynamicResourceInterface<T> {
  readonly info: ResourceInfo;
  /** The same verbs in one namespace (client-go `.Namespace(ns)`); '' means all namespaces. */
  namespace(namespace: string): DynamicResourceInterface<T>;
}

/** Runs an apiserver call, turning anything but a StatusError into a 500 that keeps the cause. */
export async function asStatusError<R>(call: () => Promise<R>): Promise<R> {
  try {
    return await call();
  } catch (err) {
    if (isStatusError(err)) throw err;
    const wrapped: StatusError = newInternalError(err instanceof Error ? err.message : String(err));
    wrapped.cause = err;
    throw wrapped;
  }
}

export class ResourceClientImpl<T extends ApiObject> implements ResourceClient<T> {
  constructor(
    private readonly api: ApiServerInterface,
    readonly info: ResourceInfo,
    private readonly context: RequestContext,
    /** '' (or undefined) = all namespaces / cluster-scoped. */
    private readonly ns: string = '',
  ) {}

  namespace(namespace: string): DynamicResourceInterface<T> {
    if (!this.info.namespaced && namespace !== '') {
      throw new Error(`${this.info.plural} are cluster-scoped: namespace(${JSON.stringify(namespace)}) makes no sense`);
    }
    return new ResourceClientImpl<T>(this.api, this.info, this.context, namespace);
  }

  create(obj: T, options?: WriteOptions): Promise<T> {
    const body = this.withTypeMeta(obj);
    return this.call(() => this.api.create(this.ref(this.nsOf(obj)), body, this.ctx(options)));
  }

  get(name: string, options?: GetOptions): Promise<T> {
    return this.call(() => this.api.get(this.objectRef(name), this.ctx(options)));
  }

  list(options?: ListOptions): Promise<KubeList<T & KubeObject>> {
    return asStatusError(() => this.api.list(this.ref(this.ns), this.ctx(options))) as Promise<KubeList<T & KubeObject>>;
  }

  update(obj: T, options?: WriteOptions): Promise<T> {
    const body = this.withTypeMeta(obj);
    return this.call(() => this.api.update(this.objectRef(nameOf(obj), undefined, this.nsOf(obj)), body, this.ctx(options)));
  }

  updateStatus(obj: T, options?: WriteOptions): Promise<T> {
    const body = this.withTypeMeta(obj);
    return this.call(() => this.api.update(this.objectRef(nameOf(obj), 'status', this.nsOf(obj)), body, this.ctx(options)));
  }

  patch(name: string, type: PatchType, patch: unknown, options?: PatchOptions): Promise<T> {
    return this.call(() => this.api.patch(this.objectRef(name), type, patch, this.ctx(options)));
  }

  patchStatus(name: string, type: PatchType, patch: unknown, options?: PatchOptions): Promise<T> {
    return this.call(() => this.api.patch(this.objectRef(name, 'status'), type, patch, this.ctx(options)));
  }

  delete(name: string, options?: DeleteOptions): Promise<T> {
    return this.call(() => this.api.delete(this.objectRef(name), this.ctx(options)));
  }

  deleteCollection(options?: DeleteOptions, listOptions?: ListOptions): Promise<KubeList<T & KubeObject>> {
    return asStatusError(() => this.api.deleteCollection(this.ref(this.ns), this.ctx(listOptions), this.ctx(options))) as Promise<
      KubeList<T & KubeObject>
    >;
  }

  watch(options: WatchOptions, onEvent: (event: TypedWatchEvent<T>) => void): WatchHandle {
    return this.api.watch(this.ref(this.ns), this.ctx(options), onEvent as (event: WatchEvent) => void);
  }

  async getScale(name: string, options?: GetOptions): Promise<Scale> {
    this.requireSubresource('scale', 'getScale');
    return (await asStatusError(() => this.api.get(this.objectRef(name, 'scale'), this.ctx(options)))) as Scale;
  }

  async updateScale(name: string, scale: Scale, options?: WriteOptions): Promise<Scale> {
    this.requireSubresource('scale', 'updateScale');
    const body = { apiVersion: 'autoscaling/v1', kind: 'Scale', ...scale } as KubeObject;
    return (await asStatusError(() => this.api.update(this.objectRef(name, 'scale'), body, this.ctx(options)))) as Scale;
  }

  async bind(name: string, binding: corev1.Binding, options?: WriteOptions): Promise<void> {
    this.requireSubresource('binding', 'bind');
    const body = {
      apiVersion: 'v1',
      kind: 'Binding',
      ...binding,
      metadata: { ...binding.metadata, name, ...(this.ns ? { namespace: this.ns } : {}) },
    } as KubeObject;
    await asStatusError(() =>
      this.api.create({ ...this.ref(this.ns || binding.metadata?.namespace || ''), name, subresource: 'binding' }, body, this.ctx(options)),
    );
  }

  private call(run: () => Promise<KubeObject>): Promise<T> {
    return asStatusError(run) as unknown as Promise<T>;
  }

  private ctx<O extends RequestContext>(options: O | undefined): O {
    return { ...options, user: options?.user ?? this.context.user, reason: options?.reason ?? this.context.reason } as O;
  }

  private ref(namespace: string): ResourceRef {
    const ref: ResourceRef = { group: this.info.group, version: this.info.version, resource: this.info.plural };
    if (this.info.namespaced && namespace) ref.namespace = namespace;
    return ref;
  }

  private objectRef(name: string, subresource?: string, namespace: string = this.ns): ObjectRef {
    const ref: ObjectRef = { ...this.ref(namespace), name };
    if (subresource) ref.subresource = subresource;
    return ref;
  }

  /** The namespace a write goes to: the client's, or for an all-namespaces client, the object's. */
  private nsOf(obj: ApiObject): string {
    return this.ns || obj.metadata?.namespace || '';
  }

  /** Fills apiVersion and kind when the caller left them out (typed clients always send them). */
  private withTypeMeta(obj: T): KubeObject {
    return { ...(obj as unknown as KubeObject), apiVersion: obj.apiVersion ?? apiVersionOf(this.info), kind: obj.kind ?? this.info.kind };
  }

  /** Throws (inside an async method: rejects) with 405 when the kind lacks the subresource. */
  private requireSubresource(sub: ResourceInfo['subresources'][number], verb: string): void {
    if (!this.info.subresources.includes(sub)) {
      throw newMethodNotSupported({ group: this.info.group, resource: this.info.plural }, verb);
    }
  }
}

function nameOf(obj: ApiObject): string {
  return obj.metadata?.name ?? '';
}
