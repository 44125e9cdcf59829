/**
 * Discovery documents built from the RESOURCES table: what `/version`, `/api`, `/apis` and
 * `/api/v1` / `/apis/<group>/<version>` answer. Reproduces the legacy (unaggregated) discovery of
 * kube-apiserver (k8s.io/apiserver pkg/endpoints/discovery: legacy.go, group.go, version.go) and
 * the APIResource facts its installer fills in (pkg/endpoints/installer.go: verbs from the storage
 * interfaces, shortNames/categories from the REST storage, subresources as `plural/sub`).
 *
 * Pure and isomorphic: everything is derived from RESOURCES and memoised.
 */
import { RESOURCES, apiVersionOf, type ResourceInfo } from '../../api/resources.ts';
import type { metav1 } from '../../api/types.ts';
import { KUBERNETES_VERSION } from '../../api/version.ts';

/**
 * What `GET /version` answers (apimachinery pkg/version Info). kubectl's dispatcher on this
 * project's machines picks the client from `minor` (1.27–1.33 are installed).
 */
export const SERVER_VERSION = Object.freeze({
  major: KUBERNETES_VERSION.major,
  minor: KUBERNETES_VERSION.minor,
  gitVersion: `${KUBERNETES_VERSION.gitVersion}-tinykube`,
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.22.5',
  compiler: 'gc',
  platform: 'linux/amd64',
});

/** The verbs of a full CRUD + watch storage (registry/generic/registry.Store). */
const FULL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/**
 * Resources whose upstream storage lacks a verb. Namespaces have no DeleteCollection
 * (pkg/registry/core/namespace/storage: the REST wrapper does not expose it).
 */
const VERBS_BY_RESOURCE: Record<string, string[]> = {
  namespaces: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
};

/** Kind and verbs of each subresource, as upstream's storages for them report. */
const SUBRESOURCES: Record<string, { kind?: string; group?: string; version?: string; verbs: string[] }> = {
  status: { verbs: ['get', 'patch', 'update'] },
  // autoscaling/v1 Scale (pkg/registry/apps/deployment/storage ScaleREST.GroupVersionKind).
  scale: { kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
  binding: { kind: 'Binding', verbs: ['create'] },
  eviction: { kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
  // pods/log answers with a Pod kind in discovery (LogREST.New returns a Pod).
  log: { verbs: ['get'] },
  finalize: { verbs: ['update'] },
  ephemeralcontainers: { verbs: ['get', 'patch', 'update'] },
};

function resourceEntry(r: ResourceInfo): metav1.APIResource {
  const e: metav1.APIResource = {
    name: r.plural,
    singularName: r.singular,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: VERBS_BY_RESOURCE[r.plural] ?? FULL_VERBS,
  };
  if (r.shortNames.length) e.shortNames = [...r.shortNames];
  if (r.categories.length) e.categories = [...r.categories];
  return e;
}

function subresourceEntry(r: ResourceInfo, sub: string): metav1.APIResource {
  const s = SUBRESOURCES[sub] ?? { verbs: ['get', 'patch', 'update'] };
  const e: metav1.APIResource = { name: `${r.plural}/${sub}`, singularName: '', namespaced: r.namespaced, kind: s.kind ?? r.kind, verbs: s.verbs };
  if (s.group !== undefined && s.group !== r.group) e.group = s.group;
  if (s.version !== undefined && (s.version !== r.version || (s.group !== undefined && s.group !== r.group))) e.version = s.version;
  return e;
}

/** `GET /api`: the legacy core group's versions. */
export function apiVersions(): metav1.APIVersions {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] } as metav1.APIVersions;
}

/**
 * The order upstream lists groups in: kube-aggregator's group priorities for the built-in groups
 * (pkg/controlplane/apiserver/aggregator.go apiVersionPriorities; higher first). Unknown groups
 * come after, alphabetically.
 */
const GROUP_PRIORITY: Record<string, number> = {
  apps: 17800,
  'events.k8s.io': 17750,
  'authentication.k8s.io': 17700,
  'authorization.k8s.io': 17600,
  autoscaling: 17500,
  batch: 17400,
  'certificates.k8s.io': 17300,
  'networking.k8s.io': 17200,
  policy: 17100,
  'rbac.authorization.k8s.io': 17000,
  'storage.k8s.io': 16800,
  'admissionregistration.k8s.io': 16700,
  'scheduling.k8s.io': 16600,
  'coordination.k8s.io': 16500,
  'apiextensions.k8s.io': 16400,
  'node.k8s.io': 16300,
  'discovery.k8s.io': 16200,
  'flowcontrol.apiserver.k8s.io': 16100,
};

let groupList: metav1.APIGroupList | undefined;

/** `GET /apis`: every named group, in upstream's priority order, each with its versions and preferred one. */
export function apiGroupList(): metav1.APIGroupList {
  if (groupList) return structuredClone(groupList);
  const byGroup = new Map<string, string[]>();
  for (const r of RESOURCES) {
    if (!r.group) continue;
    const vs = byGroup.get(r.group) ?? [];
    if (!vs.includes(r.version)) vs.push(r.version);
    byGroup.set(r.group, vs);
  }
  groupList = {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...byGroup]
      .sort(([a], [b]) => (GROUP_PRIORITY[b] ?? 0) - (GROUP_PRIORITY[a] ?? 0) || (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, versions]) => {
      const gvs = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
      return { name, versions: gvs, preferredVersion: gvs[0] as metav1.GroupVersionForDiscovery };
    }),
  } as metav1.APIGroupList;
  return structuredClone(groupList);
}

const resourceLists = new Map<string, metav1.APIResourceList | undefined>();

/**
 * `GET /api/v1` or `/apis/<group>/<version>`: the resources of one group/version and their
 * subresources (`pods/status`), sorted by name as the installer registers them (a 1.31 server
 * lists `namespaces`, `namespaces/finalize`, `namespaces/status`, `nodes`, ...). `undefined` for a
 * group/version the engine does not serve (the HTTP layer answers 404, which kubectl reports as
 * "the server doesn't have a resource type").
 */
export function apiResourceList(group: string, version: string): metav1.APIResourceList | undefined {
  const key = `${group}/${version}`;
  if (!resourceLists.has(key)) {
    const infos = RESOURCES.filter((r) => r.group === group && r.version === version);
    resourceLists.set(
      key,
      infos.length === 0
        ? undefined
        : {
            kind: 'APIResourceList',
            apiVersion: 'v1',
            groupVersion: apiVersionOf({ group, version }),
            resources: infos
              .flatMap((r) => [resourceEntry(r), ...r.subresources.map((s) => subresourceEntry(r, s))])
              .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
          },
    );
  }
  const list = resourceLists.get(key);
  return list && structuredClone(list);
}
