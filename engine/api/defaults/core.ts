/**
 * Defaults for the other core/v1 kinds: KK pkg/apis/core/v1/defaults.go (SetDefaults_Service,
 * SetDefaults_Secret, SetDefaults_PersistentVolume(Claim), SetDefaults_Namespace(Status),
 * SetDefaults_NodeStatus, SetDefaults_Endpoints), plus discovery/v1 EndpointSlice ports and
 * storage/v1 StorageClass.
 */
import { child, items, setIfEmpty, setIfZero, type Obj } from './util.ts';

/**
 * type ClusterIP, sessionAffinity None, ports protocol TCP and targetPort = port,
 * internalTrafficPolicy Cluster (not for ExternalName), and externalTrafficPolicy Cluster for
 * NodePort/LoadBalancer.
 *
 * sessionAffinityConfig follows sessionAffinity (SetDefaults_Service): with None it is REMOVED —
 * the one place defaulting clears a field the client sent, so an update that drops
 * `sessionAffinity: ClientIP` (a PUT after `kubectl edit`, or `kubectl apply` when the timeout
 * came from defaulting and is not in last-applied) passes validation instead of failing with
 * "must not be set when `sessionAffinity` is None"; with ClientIP a missing
 * sessionAffinityConfig, clientIP or timeoutSeconds becomes timeoutSeconds 10800
 * (DefaultClientIPServiceAffinitySeconds). A sessionAffinity of another value is left for
 * validation to reject.
 */
export function setDefaultsService(svc: Obj): void {
  const spec = child(svc, 'spec');
  if (!spec) return;
  setIfEmpty(spec, 'sessionAffinity', 'None');
  setIfEmpty(spec, 'type', 'ClusterIP');
  for (const p of items(spec, 'ports')) {
    setIfEmpty(p, 'protocol', 'TCP');
    if (typeof p.port === 'number') setIfZero(p, 'targetPort', p.port);
  }
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = child(spec, 'sessionAffinityConfig', true);
    const ip = cfg && child(cfg, 'clientIP', true);
    if (ip) setIfEmpty(ip, 'timeoutSeconds', 10800);
  }
  if (spec.type !== 'ExternalName') setIfEmpty(spec, 'internalTrafficPolicy', 'Cluster');
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') setIfEmpty(spec, 'externalTrafficPolicy', 'Cluster');
}

/** type Opaque. */
export function setDefaultsSecret(s: Obj): void {
  setIfEmpty(s, 'type', 'Opaque');
}

/** reclaim policy Retain, volumeMode Filesystem, status.phase Pending. */
export function setDefaultsPersistentVolume(pv: Obj): void {
  const spec = child(pv, 'spec');
  if (spec) {
    setIfEmpty(spec, 'persistentVolumeReclaimPolicy', 'Retain');
    setIfEmpty(spec, 'volumeMode', 'Filesystem');
  }
  const status = child(pv, 'status', true);
  if (status) setIfEmpty(status, 'phase', 'Pending');
}

/** volumeMode Filesystem, status.phase Pending. */
export function setDefaultsPersistentVolumeClaim(pvc: Obj): void {
  const spec = child(pvc, 'spec');
  if (spec) setIfEmpty(spec, 'volumeMode', 'Filesystem');
  const status = child(pvc, 'status', true);
  if (status) setIfEmpty(status, 'phase', 'Pending');
}

/**
 * The `kubernetes.io/metadata.name` label always equals the name (SetDefaults_Namespace: it is
 * overwritten, not only filled), status.phase Active. spec.finalizers ['kubernetes'] is added by
 * the apiserver's namespace strategy, not here.
 */
export function setDefaultsNamespace(ns: Obj): void {
  const meta = child(ns, 'metadata');
  if (meta && typeof meta.name === 'string' && meta.name !== '') {
    const labels = child(meta, 'labels', true);
    if (labels) labels['kubernetes.io/metadata.name'] = meta.name;
  }
  const status = child(ns, 'status', true);
  if (status) setIfEmpty(status, 'phase', 'Active');
}

/** status.allocatable defaults to status.capacity. */
export function setDefaultsNode(node: Obj): void {
  const status = child(node, 'status');
  const cap = status && child(status, 'capacity');
  if (status && cap && (status.allocatable === undefined || status.allocatable === null)) status.allocatable = { ...cap };
}

/** Every port's protocol TCP. */
export function setDefaultsEndpoints(ep: Obj): void {
  for (const s of items(ep, 'subsets')) for (const p of items(s, 'ports')) setIfEmpty(p, 'protocol', 'TCP');
}

/** discovery/v1: ports protocol TCP and name ''. */
export function setDefaultsEndpointSlice(es: Obj): void {
  for (const p of items(es, 'ports')) {
    setIfEmpty(p, 'protocol', 'TCP');
    if (p.name === undefined || p.name === null) p.name = '';
  }
}

/** storage/v1: reclaimPolicy Delete, volumeBindingMode Immediate. */
export function setDefaultsStorageClass(sc: Obj): void {
  setIfEmpty(sc, 'reclaimPolicy', 'Delete');
  setIfEmpty(sc, 'volumeBindingMode', 'Immediate');
}
