/**
 * From a pod's container spec to the CRI's ContainerConfig (upstream kuberuntime
 * kuberuntime_container.go generateContainerConfig, kubelet_pods.go makeEnvironmentVariables and
 * makeMounts, the volume manager's mounts of emptyDir, hostPath, configMap, secret, downwardAPI
 * and projected volumes).
 *
 * - env: the `configmap.env` part (engine/kubelet/environment.ts) over the ConfigMaps and Secrets
 *   the container references, read first (config-sources.ts). Its error is a ConfigError: the
 *   container waits in `CreateContainerConfigError` with that message.
 * - volumes: emptyDir (one Volume per pod, shared by its containers, surviving restarts),
 *   hostPath (the node's), persistentVolumeClaim (pvc-volume.ts), and configMap / secret /
 *   downwardAPI / projected through the `configmap.projection` part (projection.ts), written in
 *   one atomic step (Volume.replaceAll, as the AtomicWriter swaps `..data`). A projection that
 *   fails is a VolumeMountError: the pod stays ContainerCreating with a `FailedMount` event
 *   `MountVolume.SetUp failed for volume "<name>" : <why>` (operation_generator.go).
 * - refresh: makeVolumes runs again on every pod sync (at least every 60 s, the kubelet's
 *   syncFrequency), so a changed ConfigMap or Secret reaches its mounted files within about a
 *   minute — upstream: sync period + the watch-based cache's propagation. Env vars are only
 *   built when a container starts, so they keep the old value; a subPath mount pins a copy of
 *   the volume taken when the container started (upstream bind-mounts the file of the
 *   timestamped directory, which the next update does not touch); an `immutable` source is read
 *   once per pod and never again.
 */
import type { corev1 } from '../api/types.ts';
import type { Client } from '../client/client.ts';
import type { ContainerConfig, KeyValue, Mount } from '../runtime/cri.ts';
import { parseQuantity } from '../api/quantity.ts';
import { Volume } from '../runtime/volume.ts';
import type { SimulatedDisks } from '../runtime/simulated-disks.ts';
import type { Clock } from '../util/clock.ts';
import { claimVolume, VolumeMountError } from './pvc-volume.ts';
import { containerSourceNames, readConfigSources, volumeSourceNames, type ImmutableCache, type SourceNames } from './config-sources.ts';
import type { DownwardContext } from './downward-api.ts';
import type { MakeEnvironment } from './environment.ts';
import { isProjectedVolume, type ProjectVolume } from './projection.ts';
import { serviceAccountToken } from './service-account-token.ts';
import { CONTAINER_NAME_LABEL, POD_NAME_LABEL, POD_NAMESPACE_LABEL, POD_UID_LABEL } from './runtime-view.ts';

/** Why a container's configuration could not be built: shown as CreateContainerConfigError. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Volumes written by the projection part: a subPath mount of one pins a copy (makeMounts). */
const projectedVolumes = new WeakSet<Volume>();
/** Per pod (keyed by its volume map): immutable ConfigMaps and Secrets already read. */
const immutableCaches = new WeakMap<Map<string, Volume>, ImmutableCache>();

/**
 * The container's environment through the `configmap.env` part. Throws ConfigError with the
 * part's message (names and keys only, never a Secret's value).
 */
export async function makeEnvironment(client: Client, makeEnv: MakeEnvironment, pod: corev1.Pod, spec: corev1.Container, downward: DownwardContext): Promise<KeyValue[]> {
  const ns = pod.metadata?.namespace ?? 'default';
  const sources = await readConfigSources(client, ns, containerSourceNames(spec));
  const result = makeEnv({ ...downward, pod, container: spec, sources });
  if ('error' in result) throw new ConfigError(result.error);
  return result.env.map((e) => ({ key: e.name, value: e.value }));
}

/** What makeVolumes needs for configMap, secret, downwardAPI and projected volumes. */
export interface VolumeProjection {
  project: ProjectVolume;
  clock: Clock;
  /** The node's allocatable, for resourceFieldRef limits a container did not set. */
  nodeAllocatable?: Readonly<Record<string, string>>;
}

/** The FailedMount message of a volume the kubelet could not set up (operation_generator.go). */
export function mountSetUpFailed(volumeName: string, cause: string): string {
  return `MountVolume.SetUp failed for volume "${volumeName}" : ${cause}`;
}

/**
 * Builds the pod's volumes (emptyDir contents survive container restarts). hostPath volumes are
 * the node's: the same path gives the same Volume to every pod on the node (`hostPaths`).
 * configMap, secret, downwardAPI and projected volumes are (re)written from the projection part
 * on every call; without `projection` they stay empty directories. Kinds this kubelet does not
 * model mount as empty directories rather than blocking the pod.
 */
export async function makeVolumes(client: Client, pod: corev1.Pod, existing: Map<string, Volume>, hostPaths?: Map<string, Volume>, hostIP = '', disks?: SimulatedDisks, projection?: VolumeProjection): Promise<Map<string, Volume>> {
  const ns = pod.metadata?.namespace ?? 'default';
  const projected = (pod.spec?.volumes ?? []).filter(isProjectedVolume);
  if (projection && projected.length > 0) {
    let cache = immutableCaches.get(existing);
    if (!cache) immutableCaches.set(existing, (cache = new Map()));
    const names: SourceNames = { configMaps: new Set(), secrets: new Set() };
    for (const v of projected) volumeSourceNames(v, names);
    const sources = await readConfigSources(client, ns, names, cache);
    const podIP = pod.status?.podIP ?? '';
    for (const v of projected) {
      const result = projection.project({
        pod,
        volume: v,
        sources,
        hostIP,
        podIP,
        ...(projection.nodeAllocatable ? { nodeAllocatable: projection.nodeAllocatable } : {}),
        serviceAccountToken: (tp) => serviceAccountToken(pod, tp, projection.clock.now()),
      });
      // A failed refresh leaves what was mounted before (the AtomicWriter writes nothing).
      if ('error' in result) throw new VolumeMountError(mountSetUpFailed(v.name, result.error));
      let vol = existing.get(v.name);
      if (!vol) {
        vol = new Volume();
        projectedVolumes.add(vol);
        existing.set(v.name, vol);
      }
      vol.replaceAll(result.files);
    }
  }
  for (const v of pod.spec?.volumes ?? []) {
    if (v.emptyDir) {
      if (!existing.has(v.name)) existing.set(v.name, new Volume());
      continue;
    }
    if (v.hostPath) {
      if (!hostPaths) continue;
      let vol = hostPaths.get(v.hostPath.path);
      if (!vol) hostPaths.set(v.hostPath.path, (vol = new Volume()));
      existing.set(v.name, vol);
      continue;
    }
    if (v.persistentVolumeClaim) {
      // The bound PV's disk (engine/kubelet/pvc-volume.ts); once mounted it stays for the pod.
      if (!existing.has(v.name)) existing.set(v.name, await claimVolume(client, pod, v, disks));
      continue;
    }
    if (!existing.has(v.name)) existing.set(v.name, new Volume());
  }
  return existing;
}

export function makeMounts(spec: corev1.Container, volumes: Map<string, Volume>): Mount[] {
  return (spec.volumeMounts ?? []).map((m) => {
    let volume = volumes.get(m.name);
    if (!volume) throw new ConfigError(`unable to find volume "${m.name}" for container "${spec.name}"`);
    // A subPath of a projected volume is bind-mounted from the payload of the moment: later
    // updates swap `..data` but never reach it (kubernetes/kubernetes#50345, documented).
    const apiData = projectedVolumes.has(volume);
    if (m.subPath && apiData) volume = volume.clone();
    const mount: Mount = { containerPath: m.mountPath, volume };
    // configMap, secret, downwardAPI and projected volumes are always mounted read-only
    // (upstream ReadOnlyAPIDataVolumes, since 1.10): the kubelet owns their content.
    if (m.readOnly || apiData) mount.readonly = true;
    if (m.subPath) mount.subPath = m.subPath;
    return mount;
  });
}

export function containerConfig(pod: corev1.Pod, spec: corev1.Container, attempt: number, envs: KeyValue[], mounts: Mount[]): ContainerConfig {
  const cpu = parseQuantity(spec.resources?.requests?.['cpu'] ?? spec.resources?.limits?.['cpu']);
  const mem = parseQuantity(spec.resources?.limits?.['memory']);
  const config: ContainerConfig = {
    metadata: { name: spec.name, attempt },
    image: spec.image ?? '',
    command: [...(spec.command ?? [])],
    args: [...(spec.args ?? [])],
    envs,
    mounts,
    labels: {
      [POD_NAME_LABEL]: pod.metadata?.name ?? '',
      [POD_NAMESPACE_LABEL]: pod.metadata?.namespace ?? '',
      [POD_UID_LABEL]: pod.metadata?.uid ?? '',
      [CONTAINER_NAME_LABEL]: spec.name,
    },
    annotations: { 'io.kubernetes.container.restartCount': String(attempt) },
    ports: (spec.ports ?? []).map((p) => ({ containerPort: p.containerPort, protocol: p.protocol ?? 'TCP', ...(p.name ? { name: p.name } : {}) })),
  };
  if (spec.workingDir) config.workingDir = spec.workingDir;
  const resources: ContainerConfig['resources'] = {};
  if (cpu !== undefined) resources.cpuMillis = Math.round(cpu * 1000);
  if (mem !== undefined) resources.memoryLimitBytes = Math.round(mem);
  if (Object.keys(resources).length > 0) config.resources = resources;
  return config;
}
