/**
 * Patch metadata: how strategic merge patch treats each field of each kind.
 *
 * Upstream keeps this in Go struct tags and finds it by reflection
 * (k8s.io/apimachinery/pkg/util/strategicpatch/meta.go `PatchMetaFromStruct`), e.g. in
 * staging/src/k8s.io/api/core/v1/types.go:
 *
 *   Containers []Container `json:"containers" patchStrategy:"merge" patchMergeKey:"name"`
 *
 * We have no Go structs, so the same facts live here as a tree of struct descriptions: a field
 * says its `patchStrategy` and `patchMergeKey` tags, copied from upstream, and the description of
 * its value (for a list: of each element). Shared structs are written once and reused, exactly as
 * Go reuses the type: PodSpec sits under Pod `spec`, under `spec.template.spec` of Deployment,
 * ReplicaSet, StatefulSet, DaemonSet and Job, and under CronJob `spec.jobTemplate.spec.template.spec`.
 *
 * Only fields whose treatment differs from the default are listed. The default, for any field
 * not listed: an object merges key by key, a list (of anything) is replaced whole — which is why
 * `tolerations` or `command` are replaced by a patch rather than merged.
 *
 * Strategies (the `patchStrategy` tag):
 *   merge             lists of objects merge element by element, matched on `patchMergeKey`;
 *                     lists of scalars become the union of both (finalizers, podCIDRs)
 *   retainKeys        (with or without merge) lets a patch carry `$retainKeys`, clearing the
 *                     fields it does not list — how kubectl switches a volume's source or a
 *                     Deployment's strategy type without leaving the old one behind
 *   replace           an object is replaced whole rather than merged
 */
import { RESOURCES } from '../../api/resources.ts';

export interface FieldPatchMeta {
  /** The `patchStrategy` struct tag as upstream writes it: 'merge', 'retainKeys', 'merge,retainKeys', 'replace'. */
  readonly patchStrategy?: string;
  /** The `patchMergeKey` struct tag: the field that identifies an element of a merged list. */
  readonly patchMergeKey?: string;
  /** The description of the field's value; for a list, of each element. */
  readonly type?: StructPatchMeta;
}

export interface StructPatchMeta {
  /** The upstream Go type name, for messages and for readers. */
  readonly name: string;
  readonly fields: Readonly<Record<string, FieldPatchMeta>>;
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

const struct = (name: string, fields: Record<string, FieldPatchMeta>): StructPatchMeta => ({ name, fields });
const mergeBy = (patchMergeKey: string, type?: StructPatchMeta): FieldPatchMeta => ({ patchStrategy: 'merge', patchMergeKey, ...(type ? { type } : {}) });
const of = (type: StructPatchMeta): FieldPatchMeta => ({ type });

/** A struct with nothing special in it: every object merges, every list is replaced. */
export const PLAIN: StructPatchMeta = struct('', {});
/** The metadata of a field with no tags: merge objects, replace lists. */
export const NO_PATCH_META: FieldPatchMeta = {};

// ---- meta/v1 (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go) ----

export const ObjectMeta = struct('ObjectMeta', {
  // Finalizers []string `json:"finalizers,omitempty" patchStrategy:"merge"` — a set of strings
  finalizers: { patchStrategy: 'merge' },
  // OwnerReferences []OwnerReference `patchStrategy:"merge" patchMergeKey:"uid"`
  ownerReferences: mergeBy('uid'),
});

// ---- core/v1 (staging/src/k8s.io/api/core/v1/types.go) ----

export const Container = struct('Container', {
  // Ports []ContainerPort `patchStrategy:"merge" patchMergeKey:"containerPort"`
  ports: mergeBy('containerPort'),
  // Env []EnvVar `patchStrategy:"merge" patchMergeKey:"name"`
  env: mergeBy('name'),
  // VolumeMounts []VolumeMount `patchStrategy:"merge" patchMergeKey:"mountPath"`
  volumeMounts: mergeBy('mountPath'),
  // VolumeDevices []VolumeDevice `patchStrategy:"merge" patchMergeKey:"devicePath"`
  volumeDevices: mergeBy('devicePath'),
  // EnvFrom, Command, Args, ResizePolicy: no tags → replaced whole.
});

export const PodSpec = struct('PodSpec', {
  // Volumes []Volume `patchStrategy:"merge,retainKeys" patchMergeKey:"name"`
  volumes: { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name' },
  // InitContainers / Containers / EphemeralContainers `patchStrategy:"merge" patchMergeKey:"name"`
  initContainers: mergeBy('name', Container),
  containers: mergeBy('name', Container),
  ephemeralContainers: mergeBy('name', Container),
  // ImagePullSecrets []LocalObjectReference `patchStrategy:"merge" patchMergeKey:"name"`
  imagePullSecrets: mergeBy('name'),
  // HostAliases []HostAlias `patchStrategy:"merge" patchMergeKey:"ip"`
  hostAliases: mergeBy('ip'),
  // TopologySpreadConstraints `patchStrategy:"merge" patchMergeKey:"topologyKey"`
  topologySpreadConstraints: mergeBy('topologyKey'),
  // SchedulingGates []PodSchedulingGate `patchStrategy:"merge" patchMergeKey:"name"`
  schedulingGates: mergeBy('name'),
  // ResourceClaims []PodResourceClaim `patchStrategy:"merge,retainKeys" patchMergeKey:"name"`
  resourceClaims: { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name' },
  // Tolerations []Toleration has no patch tags: a patch replaces the whole list (the
  // "Update API Objects in Place Using kubectl patch" task page shows exactly this).
  // ReadinessGates: no tags either.
});

export const PodTemplateSpec = struct('PodTemplateSpec', { metadata: of(ObjectMeta), spec: of(PodSpec) });

export const PodStatus = struct('PodStatus', {
  // Conditions []PodCondition `patchStrategy:"merge" patchMergeKey:"type"`
  conditions: mergeBy('type'),
  // PodIPs []PodIP / HostIPs []HostIP `patchStrategy:"merge" patchMergeKey:"ip"`
  podIPs: mergeBy('ip'),
  hostIPs: mergeBy('ip'),
  // ResourceClaimStatuses `patchStrategy:"merge,retainKeys" patchMergeKey:"name"`
  resourceClaimStatuses: { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name' },
  // ContainerStatuses, InitContainerStatuses: no tags → replaced whole.
});

const ServiceSpec = struct('ServiceSpec', {
  // Ports []ServicePort `patchStrategy:"merge" patchMergeKey:"port"`
  ports: mergeBy('port'),
});

/** Status structs whose only tagged field is `Conditions ... patchStrategy:"merge" patchMergeKey:"type"`. */
const conditionsByType = (name: string) => struct(name, { conditions: mergeBy('type') });

const NodeSpec = struct('NodeSpec', {
  // PodCIDRs []string `patchStrategy:"merge"`; Taints has no tags.
  podCIDRs: { patchStrategy: 'merge' },
});

const NodeStatus = struct('NodeStatus', {
  // Conditions []NodeCondition / Addresses []NodeAddress `patchStrategy:"merge" patchMergeKey:"type"`
  conditions: mergeBy('type'),
  addresses: mergeBy('type'),
});

// ---- apps/v1, batch/v1 (staging/src/k8s.io/api/{apps,batch}/v1/types.go) ----

const withTemplate = (name: string, extra: Record<string, FieldPatchMeta> = {}) => struct(name, { template: of(PodTemplateSpec), ...extra });

const DeploymentSpec = withTemplate('DeploymentSpec', {
  // Strategy DeploymentStrategy `json:"strategy,omitempty" patchStrategy:"retainKeys"`
  strategy: { patchStrategy: 'retainKeys' },
});

const JobSpec = withTemplate('JobSpec');
const JobTemplateSpec = struct('JobTemplateSpec', { metadata: of(ObjectMeta), spec: of(JobSpec) });

// ---- kinds ----

const kind = (name: string, fields: Record<string, FieldPatchMeta> = {}) => struct(name, { metadata: of(ObjectMeta), ...fields });

/** Kinds with tagged fields beyond ObjectMeta. Every other served kind gets `{ metadata }`. */
const SPECIAL: Record<string, StructPatchMeta> = {
  'v1/Pod': kind('Pod', { spec: of(PodSpec), status: of(PodStatus) }),
  'v1/Service': kind('Service', { spec: of(ServiceSpec), status: of(conditionsByType('ServiceStatus')) }),
  'v1/Node': kind('Node', { spec: of(NodeSpec), status: of(NodeStatus) }),
  'v1/Namespace': kind('Namespace', { status: of(conditionsByType('NamespaceStatus')) }),
  'v1/PersistentVolumeClaim': kind('PersistentVolumeClaim', { status: of(conditionsByType('PersistentVolumeClaimStatus')) }),
  // ServiceAccount.Secrets []ObjectReference `patchStrategy:"merge" patchMergeKey:"name"`
  'v1/ServiceAccount': kind('ServiceAccount', { secrets: mergeBy('name') }),
  'apps/v1/Deployment': kind('Deployment', { spec: of(DeploymentSpec), status: of(conditionsByType('DeploymentStatus')) }),
  'apps/v1/ReplicaSet': kind('ReplicaSet', { spec: of(withTemplate('ReplicaSetSpec')), status: of(conditionsByType('ReplicaSetStatus')) }),
  'apps/v1/StatefulSet': kind('StatefulSet', { spec: of(withTemplate('StatefulSetSpec')), status: of(conditionsByType('StatefulSetStatus')) }),
  'apps/v1/DaemonSet': kind('DaemonSet', { spec: of(withTemplate('DaemonSetSpec')), status: of(conditionsByType('DaemonSetStatus')) }),
  'batch/v1/Job': kind('Job', { spec: of(JobSpec), status: of(conditionsByType('JobStatus')) }),
  'batch/v1/CronJob': kind('CronJob', { spec: of(struct('CronJobSpec', { jobTemplate: of(JobTemplateSpec) })) }),
};

const gvkKey = (gvk: GroupVersionKind) => `${gvk.group ? gvk.group + '/' : ''}${gvk.version}/${gvk.kind}`;

const BY_KIND: ReadonlyMap<string, StructPatchMeta> = new Map(
  RESOURCES.map((r) => {
    const key = gvkKey(r);
    return [key, SPECIAL[key] ?? kind(r.kind)] as const;
  }),
);

/**
 * The patch metadata of a kind the engine serves, or undefined for any other kind (upstream only
 * offers strategic merge patch for built-in types; custom resources get 415).
 */
export function patchMetaForKind(gvk: GroupVersionKind): StructPatchMeta | undefined {
  return BY_KIND.get(gvkKey(gvk));
}

/** The tags of `field` in `struct` (no tags when the field is not described). */
export function lookupField(struct: StructPatchMeta, field: string): FieldPatchMeta {
  return Object.prototype.hasOwnProperty.call(struct.fields, field) ? (struct.fields[field] as FieldPatchMeta) : NO_PATCH_META;
}

/** The description of `field`'s value (of each element, for a list). */
export function fieldType(meta: FieldPatchMeta): StructPatchMeta {
  return meta.type ?? PLAIN;
}

/**
 * Splits a patchStrategy tag into its retainKeys flag and its list/map strategy, as upstream's
 * `extractRetainKeysPatchStrategy` does: 'merge,retainKeys' → { retainKeys: true, strategy: 'merge' }.
 */
export function splitPatchStrategy(tag: string | undefined): { retainKeys: boolean; strategy: string } {
  const parts = tag ? tag.split(',') : [];
  const retainKeys = parts.includes('retainKeys');
  return { retainKeys, strategy: parts.find((p) => p !== 'retainKeys') ?? '' };
}

/**
 * The tags of the field at `path` in `gvk` (list elements are stepped over implicitly:
 * ['spec', 'template', 'spec', 'containers', 'env'] is the env list of each container).
 * For readers and tests; the patch code walks the tree as it recurses.
 */
export function lookupPatchMeta(gvk: GroupVersionKind, path: readonly string[]): FieldPatchMeta | undefined {
  let struct = patchMetaForKind(gvk);
  if (!struct) return undefined;
  let meta: FieldPatchMeta = NO_PATCH_META;
  for (const segment of path) {
    meta = lookupField(struct, segment);
    struct = fieldType(meta);
  }
  return meta;
}
