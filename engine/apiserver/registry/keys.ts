/**
 * Where objects live in the store (upstream: registry.NamespaceKeyFunc / NoNamespaceKeyFunc and
 * the `/registry` etcd prefix of kube-apiserver):
 *
 *   /registry/<plural>/<namespace>/<name>    namespaced kinds, e.g. /registry/pods/default/web
 *   /registry/<plural>/<name>                cluster-scoped kinds, e.g. /registry/nodes/node-1
 *
 * A list or watch of one namespace reads the prefix `/registry/pods/default/` — with the trailing
 * slash, so that namespace `a` never sees namespace `ab`.
 */
import type { ResourceInfo } from '../../api/resources.ts';

export const REGISTRY_PREFIX = '/registry';

function segment(info: ResourceInfo): string {
  return `${REGISTRY_PREFIX}/${info.storagePrefix ?? info.plural}/`;
}

/** The key of one object. */
export function objectKeyFor(info: ResourceInfo, namespace: string, name: string): string {
  return info.namespaced ? `${segment(info)}${namespace}/${name}` : `${segment(info)}${name}`;
}

/** The prefix of a collection: one namespace's objects, or all of them (namespace ''). */
export function collectionPrefix(info: ResourceInfo, namespace: string): string {
  return info.namespaced && namespace ? `${segment(info)}${namespace}/` : segment(info);
}
