/**
 * URL paths → what they name (upstream: the apiserver's installer, k8s.io/apiserver/pkg/endpoints/
 * installer.go, and RequestInfoFactory in k8s.io/apiserver/pkg/endpoints/request/requestinfo.go):
 *   /api/v1/{resource}[/{name}[/{subresource}]]                      cluster-scoped, or every namespace
 *   /api/v1/namespaces/{ns}/{resource}[/{name}[/{subresource}]]      namespaced
 *   /apis/{group}/{version}/...                                      the same for named groups
 *   /api/v1/watch/...                                                the legacy watch prefix
 * Unknown groups, versions or resources are 404 (kubectl reads that as "the server doesn't have
 * a resource type").
 */
import { findResource, type ResourceInfo } from '../../api/resources.ts';

export type Route =
  | { kind: 'version' }
  | { kind: 'health'; check: 'healthz' | 'readyz' | 'livez' }
  | { kind: 'api' }
  | { kind: 'apis' }
  | { kind: 'groupVersion'; group: string; version: string }
  | { kind: 'group'; group: string }
  | { kind: 'openapiV2' }
  | { kind: 'openapiV3'; path?: string }
  | {
      kind: 'resource';
      info: ResourceInfo;
      namespace?: string;
      name?: string;
      subresource?: string;
      /** Came through the legacy /watch/ prefix. */
      watch: boolean;
    }
  | { kind: 'notFound' };

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function route(pathname: string): Route {
  let segments: string[];
  try {
    segments = pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  } catch {
    return { kind: 'notFound' };
  }
  const [head, ...rest] = segments;
  if (head === 'version' && rest.length === 0) return { kind: 'version' };
  if ((head === 'healthz' || head === 'readyz' || head === 'livez') && rest.length <= 1) return { kind: 'health', check: head };
  if (head === 'openapi') {
    if (rest[0] === 'v2' && rest.length === 1) return { kind: 'openapiV2' };
    if (rest[0] === 'v3') return rest.length === 1 ? { kind: 'openapiV3' } : { kind: 'openapiV3', path: rest.slice(1).join('/') };
    return { kind: 'notFound' };
  }
  if (head === 'api') {
    if (rest.length === 0) return { kind: 'api' };
    return resourcePath('', rest[0]!, rest.slice(1));
  }
  if (head === 'apis') {
    if (rest.length === 0) return { kind: 'apis' };
    if (rest.length === 1) return { kind: 'group', group: rest[0]! };
    return resourcePath(rest[0]!, rest[1]!, rest.slice(2));
  }
  return { kind: 'notFound' };
}

function resourcePath(group: string, version: string, rest: string[]): Route {
  if (rest.length === 0) return { kind: 'groupVersion', group, version };
  let watch = false;
  if (rest[0] === 'watch') {
    watch = true;
    rest = rest.slice(1);
    if (rest.length === 0) return { kind: 'notFound' };
  }
  let namespace: string | undefined;
  let parts = rest;
  // namespaces/{ns}/{resource}/... is a namespaced path; namespaces/{name}[/status|finalize] is the Namespace itself.
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && NAMESPACE_SUBRESOURCES.has(rest[2]!))) {
    namespace = rest[1]!;
    parts = rest.slice(2);
  }
  if (parts.length > 3) return { kind: 'notFound' };
  const [plural, name, subresource] = parts;
  const info = findResource(group, version, plural!);
  if (!info) return { kind: 'notFound' };
  if (namespace !== undefined && !info.namespaced) return { kind: 'notFound' };
  if (namespace === undefined && info.namespaced && name !== undefined) return { kind: 'notFound' };
  if (watch && subresource !== undefined) return { kind: 'notFound' };
  return { kind: 'resource', info, namespace, name, subresource, watch };
}
