/**
 * From a pod's container spec to the CRI's ContainerConfig (upstream kuberuntime
 * kuberuntime_container.go generateContainerConfig, kubelet_pods.go makeEnvironmentVariables and
 * makeMounts, pkg/volume/emptydir, configmap, secret).
 *
 * - env: `value`, `valueFrom.fieldRef` (metadata.name/namespace/uid/labels/annotations,
 *   spec.nodeName, spec.serviceAccountName, status.podIP, status.hostIP), configMapKeyRef and
 *   secretKeyRef, and `envFrom`; `$(VAR)` references to earlier variables are expanded. A missing
 *   non-optional ConfigMap, Secret or key is a `CreateContainerConfigError` (ConfigError below).
 * - volumes: emptyDir (one Volume per pod, shared by its containers, surviving restarts),
 *   configMap and secret (a file per key, or per `items` entry).
 */
import { isStatusError } from '../api/errors.ts';
import type { corev1 } from '../api/types.ts';
import type { Client } from '../client/client.ts';
import type { ContainerConfig, KeyValue, Mount } from '../runtime/cri.ts';
import { parseQuantity } from '../api/quantity.ts';
import { Volume } from '../runtime/volume.ts';
import { CONTAINER_NAME_LABEL, POD_NAME_LABEL, POD_NAMESPACE_LABEL, POD_UID_LABEL } from './runtime-view.ts';

/** Why a container's configuration could not be built: shown as CreateContainerConfigError. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Source = { kind: 'ConfigMap'; data: Record<string, string> } | { kind: 'Secret'; data: Record<string, string> };

function decodeBase64(s: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0)));
}

async function readSource(client: Client, ns: string, kind: 'ConfigMap' | 'Secret', name: string, optional: boolean): Promise<Source | undefined> {
  try {
    if (kind === 'ConfigMap') {
      const cm = await client.configmaps(ns).get(name);
      return { kind, data: { ...cm.data } };
    }
    const s = await client.secrets(ns).get(name);
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.data ?? {})) data[k] = decodeBase64(v);
    return { kind, data };
  } catch (err) {
    if (isStatusError(err, 'NotFound')) {
      if (optional) return undefined;
      throw new ConfigError(`${kind.toLowerCase()} "${name}" not found`);
    }
    throw err;
  }
}

/** A downwardAPI file: labels and annotations as `key="value"` lines, other fields as values. */
function downwardValue(pod: corev1.Pod, path: string, hostIP: string): string {
  if (path === 'metadata.labels' || path === 'metadata.annotations') {
    const map = (path === 'metadata.labels' ? pod.metadata?.labels : pod.metadata?.annotations) ?? {};
    return Object.keys(map).sort().map((k) => `${k}=${JSON.stringify(map[k])}`).join('\n');
  }
  return fieldValue(pod, path, hostIP);
}

function fieldValue(pod: corev1.Pod, path: string, hostIP: string): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (pod.metadata?.[m[1] as 'labels' | 'annotations'] ?? {})[m[2]!] ?? '';
  switch (path) {
    case 'metadata.name':
      return pod.metadata?.name ?? '';
    case 'metadata.namespace':
      return pod.metadata?.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata?.uid ?? '';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP':
      return pod.status?.podIP ?? '';
    case 'status.hostIP':
      return hostIP;
    default:
      return '';
  }
}

/** `$(VAR)` expansion (third_party/forked/golang/expansion): unknown references stay as written. */
function expand(value: string, env: Map<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (all, name: string | undefined) => {
    if (all === '$$') return '$';
    return env.has(name!) ? env.get(name!)! : all;
  });
}

export async function makeEnvironment(client: Client, pod: corev1.Pod, spec: corev1.Container, hostIP: string, podIP: string): Promise<KeyValue[]> {
  const ns = pod.metadata?.namespace ?? 'default';
  const env = new Map<string, string>();
  const withIP: corev1.Pod = { ...pod, status: { ...pod.status, podIP } };
  for (const from of spec.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref?.name) continue;
    const src = await readSource(client, ns, from.configMapRef ? 'ConfigMap' : 'Secret', ref.name, ref.optional === true);
    for (const [k, v] of Object.entries(src?.data ?? {})) env.set(`${from.prefix ?? ''}${k}`, v);
  }
  for (const e of spec.env ?? []) {
    if (e.value !== undefined || !e.valueFrom) {
      env.set(e.name, expand(e.value ?? '', env));
      continue;
    }
    const vf = e.valueFrom;
    if (vf.fieldRef) env.set(e.name, fieldValue(withIP, vf.fieldRef.fieldPath, hostIP));
    else if (vf.configMapKeyRef || vf.secretKeyRef) {
      const ref = (vf.configMapKeyRef ?? vf.secretKeyRef)!;
      const kind = vf.configMapKeyRef ? 'ConfigMap' : 'Secret';
      const src = await readSource(client, ns, kind, ref.name ?? '', ref.optional === true);
      const v = src?.data[ref.key];
      if (v === undefined) {
        if (ref.optional) continue;
        throw new ConfigError(`couldn't find key ${ref.key} in ${kind} ${ns}/${ref.name}`);
      }
      env.set(e.name, v);
    } else if (vf.resourceFieldRef) {
      const res = vf.resourceFieldRef.resource;
      const [kind, r] = res.split('.') as [string, string];
      const q = (kind === 'limits' ? spec.resources?.limits : spec.resources?.requests)?.[r];
      const n = parseQuantity(q) ?? 0;
      env.set(e.name, String(r === 'cpu' ? Math.ceil(n) : Math.round(n)));
    }
  }
  return [...env].map(([key, value]) => ({ key, value }));
}

/**
 * Builds the pod's volumes (emptyDir contents survive container restarts). hostPath volumes are
 * the node's: the same path gives the same Volume to every pod on the node (`hostPaths`).
 * downwardAPI volumes get their fieldRef files; kinds this kubelet does not model (projected
 * service account tokens, PVCs, ...) mount as empty directories rather than blocking the pod.
 */
export async function makeVolumes(client: Client, pod: corev1.Pod, existing: Map<string, Volume>, hostPaths?: Map<string, Volume>, hostIP = ''): Promise<Map<string, Volume>> {
  const ns = pod.metadata?.namespace ?? 'default';
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
    if (v.downwardAPI) {
      const vol = existing.get(v.name) ?? new Volume();
      for (const item of v.downwardAPI.items ?? []) {
        if (item.fieldRef) vol.writeFile(item.path, downwardValue(pod, item.fieldRef.fieldPath, hostIP));
      }
      existing.set(v.name, vol);
      continue;
    }
    if (!v.configMap && !v.secret) {
      if (!existing.has(v.name)) existing.set(v.name, new Volume());
      continue;
    }
    const ref = v.configMap ? { kind: 'ConfigMap' as const, name: v.configMap.name ?? '', optional: v.configMap.optional === true, items: v.configMap.items } : v.secret ? { kind: 'Secret' as const, name: v.secret.secretName ?? '', optional: v.secret.optional === true, items: v.secret.items } : undefined;
    if (!ref) continue;
    const src = await readSource(client, ns, ref.kind, ref.name, ref.optional);
    const files: Record<string, string> = {};
    const data = src?.data ?? {};
    if (ref.items) {
      for (const item of ref.items) {
        if (data[item.key] === undefined) {
          if (ref.optional) continue;
          throw new ConfigError(`configmap references non-existent config key: ${item.key}`);
        }
        files[item.path] = data[item.key]!;
      }
    } else Object.assign(files, data);
    // Refreshed on every build, like the kubelet's periodic volume sync: updates reach volumes.
    const vol = existing.get(v.name) ?? new Volume();
    for (const [path, content] of Object.entries(files)) vol.writeFile(path, content);
    existing.set(v.name, vol);
  }
  return existing;
}

export function makeMounts(spec: corev1.Container, volumes: Map<string, Volume>): Mount[] {
  return (spec.volumeMounts ?? []).map((m) => {
    const volume = volumes.get(m.name);
    if (!volume) throw new ConfigError(`unable to find volume "${m.name}" for container "${spec.name}"`);
    const mount: Mount = { containerPath: m.mountPath, volume };
    if (m.readOnly) mount.readonly = true;
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
