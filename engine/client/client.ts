/**
 * The typed client: how every component (controllers, scheduler, kubelet, kubectl's in-process
 * twin) talks to the apiserver — client-go's clientset, in-process.
 *
 *   const client = createClient(apiserver, { user: 'replicaset-controller' });
 *   const pod = await client.pods('default').get('web');
 *   await client.withUser('kubectl', 'scale web to 3').deployments('default').updateScale('web', scale);
 *
 * A client is a cheap, immutable value: `withUser`/`withReason` return a new one; nothing is
 * cached here (caches are informers' job). Every call is recorded in the cluster trace under the
 * client's user and reason.
 */
import type { ResourceInfo } from '../api/resources.ts';
import { RESOURCES } from '../api/resources.ts';
import type { ApiServerInterface } from '../apiserver/types.ts';
import type { ApiObject } from './object-like.ts';
import { ResourceClientImpl, type BindInterface, type ResourceClient, type ResourceInterface, type ScaleInterface } from './resource-client.ts';
import { typedName, type ClusterScopedName, type NamespacedName, type ScalableName, type TypedResourceName, type TypedResources } from './typed-resources.ts';

export interface ClientOptions {
  /** Who is calling, as the trace shows it; default 'admin'. */
  user?: string;
  /** Why, attached to every call unless a call gives its own reason. */
  reason?: string;
}

/** The extra subresource verbs a typed method offers for its kind. */
type ExtrasOf<K extends TypedResourceName> = K extends 'pods' ? BindInterface : K extends ScalableName ? ScaleInterface : unknown;

export type TypedInterface<K extends TypedResourceName> = ResourceInterface<TypedResources[K]> & ExtrasOf<K>;

/** `client.nodes()`, `client.namespaces()`, ...: cluster-scoped kinds. */
export type ClusterScopedClients = { [K in ClusterScopedName]: () => TypedInterface<K> };

/** `client.pods(ns)`, `client.deployments(ns)`, ...: namespaced kinds; '' or no argument = all namespaces. */
export type NamespacedClients = { [K in NamespacedName]: (namespace?: string) => TypedInterface<K> };

export interface ClientCore {
  readonly user: string;
  readonly reason: string | undefined;
  /** The apiserver this client talks to. */
  readonly api: ApiServerInterface;
  /** The same client acting as another user (and optionally with another reason). */
  withUser(user: string, reason?: string): Client;
  /** The same client with a different reason attached to its calls. */
  withReason(reason: string | undefined): Client;
  /** Verbs of any resource of the table, typed as T (client-go's dynamic client). */
  resource<T extends ApiObject = ApiObject>(info: ResourceInfo): ResourceClient<T>;
}

export interface Client extends ClientCore, ClusterScopedClients, NamespacedClients {}

export function createClient(api: ApiServerInterface, options: ClientOptions = {}): Client {
  const user = options.user ?? 'admin';
  const reason = options.reason;
  const core: ClientCore = {
    user,
    reason,
    api,
    withUser: (u, r) => createClient(api, { user: u, reason: r }),
    withReason: (r) => createClient(api, { user, reason: r }),
    resource: <T extends ApiObject>(info: ResourceInfo) => new ResourceClientImpl<T>(api, info, { user, reason }),
  };
  const typed: Record<string, (namespace?: string) => unknown> = {};
  for (const info of RESOURCES) {
    typed[typedName(info)] = info.namespaced
      ? (namespace = '') => new ResourceClientImpl(api, info, { user, reason }, namespace)
      : () => new ResourceClientImpl(api, info, { user, reason });
  }
  return Object.freeze({ ...core, ...typed }) as unknown as Client;
}
