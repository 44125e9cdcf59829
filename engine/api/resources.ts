/**
 * The resource table: every kind the engine serves, with its REST name and discovery facts as the
 * upstream apiserver reports them (`kubectl api-resources`). Registries, the client, discovery and
 * kubectl's short names all read this one table.
 */

export interface ResourceInfo {
  /** API group; '' for the core group (`/api/v1`). */
  group: string;
  version: string;
  kind: string;
  /** Lower-case plural used in paths and in the store keys (`/registry/<plural>/...`). */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  subresources: Array<'status' | 'scale' | 'binding' | 'eviction' | 'log' | 'finalize'>;
  /** Store key segment when it differs from `plural` (upstream keeps e.g. `services/specs`). */
  storagePrefix?: string;
}

const r = (
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  shortNames: string[] = [],
  subresources: ResourceInfo['subresources'] = [],
  categories: string[] = [],
): ResourceInfo => ({ group, version, kind, plural, singular: kind.toLowerCase(), namespaced, shortNames, categories, subresources });

export const RESOURCES: readonly ResourceInfo[] = [
  r('', 'v1', 'Namespace', 'namespaces', false, ['ns'], ['status', 'finalize']),
  r('', 'v1', 'Node', 'nodes', false, ['no'], ['status']),
  r('', 'v1', 'Pod', 'pods', true, ['po'], ['status', 'binding', 'eviction', 'log'], ['all']),
  r('', 'v1', 'Service', 'services', true, ['svc'], ['status'], ['all']),
  r('', 'v1', 'Endpoints', 'endpoints', true, ['ep']),
  r('', 'v1', 'ConfigMap', 'configmaps', true, ['cm']),
  r('', 'v1', 'Secret', 'secrets', true),
  r('', 'v1', 'PersistentVolume', 'persistentvolumes', false, ['pv'], ['status']),
  r('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, ['pvc'], ['status']),
  r('', 'v1', 'Event', 'events', true, ['ev']),
  r('', 'v1', 'ServiceAccount', 'serviceaccounts', true, ['sa']),
  r('apps', 'v1', 'Deployment', 'deployments', true, ['deploy'], ['status', 'scale'], ['all']),
  r('apps', 'v1', 'ReplicaSet', 'replicasets', true, ['rs'], ['status', 'scale'], ['all']),
  r('apps', 'v1', 'StatefulSet', 'statefulsets', true, ['sts'], ['status', 'scale'], ['all']),
  r('apps', 'v1', 'DaemonSet', 'daemonsets', true, ['ds'], ['status'], ['all']),
  r('apps', 'v1', 'ControllerRevision', 'controllerrevisions', true),
  r('batch', 'v1', 'Job', 'jobs', true, [], ['status'], ['all']),
  r('batch', 'v1', 'CronJob', 'cronjobs', true, ['cj'], ['status'], ['all']),
  r('networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, ['ing'], ['status']),
  r('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', false),
  r('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', true),
  r('coordination.k8s.io', 'v1', 'Lease', 'leases', true),
  r('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false, ['sc']),
];

export function apiVersionOf(info: Pick<ResourceInfo, 'group' | 'version'>): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** Splits "apps/v1" into { group: 'apps', version: 'v1' } and "v1" into { group: '', version: 'v1' }. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export function findResourceByKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  const { group, version } = parseApiVersion(apiVersion);
  return RESOURCES.find((x) => x.group === group && x.version === version && x.kind === kind);
}

export function findResource(group: string, version: string, plural: string): ResourceInfo | undefined {
  return RESOURCES.find((x) => x.group === group && x.version === version && x.plural === plural);
}

/** Finds a resource by any name kubectl accepts: plural, singular, kind or short name. */
export function resolveResourceName(name: string): ResourceInfo | undefined {
  const n = name.toLowerCase();
  return RESOURCES.find((x) => x.plural === n || x.singular === n || x.kind.toLowerCase() === n || x.shortNames.includes(n));
}
