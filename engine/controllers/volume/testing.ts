/**
 * Helpers for the volume chapter's behaviour tests and grader cases: what `kubectl logs` and
 * `kubectl get -w` give a user, on a cluster with a virtual clock.
 */
import type { corev1 } from '../../api/types.ts';
import type { Cluster } from '../../cluster/index.ts';

/** `kubectl logs <pod> -c <container>` (stdout and stderr lines, in order); [] before it started. */
export async function podLogs(c: Cluster, ns: string, pod: string, container?: string): Promise<string[]> {
  const p = await c.client().pods(ns).get(pod);
  const st = (p.status?.containerStatuses ?? []).find((s) => container === undefined || s.name === container);
  const id = st?.containerID?.replace(/^[a-z]+:\/\//, '');
  const node = p.spec?.nodeName;
  if (!id || !node) return [];
  return (await c.nodes.get(node).runtime.readLogs(id)).map((l) => l.line);
}

/** Runs the cluster until `predicate` holds; throws `what` on timeout (cluster time). */
export async function runUntil(c: Cluster, what: string, predicate: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  if (await c.clock.runUntil(predicate, { timeoutMs })) return;
  const errors = [...new Set(c.errors().map((e) => `${e.component}: ${e.message}`))].slice(-3);
  throw new Error(`timed out (${timeoutMs / 1000} s of cluster time) waiting until ${what}${errors.length ? `\n  ${errors.join('\n  ')}` : ''}`);
}

/** Events about `name` with `reason` (what `kubectl describe` lists). */
export async function eventsFor(c: Cluster, ns: string, name: string, reason?: string): Promise<corev1.Event[]> {
  return (await c.client().events(ns).list()).items.filter((e) => e.involvedObject?.name === name && (reason === undefined || e.reason === reason));
}

export async function exists(get: () => Promise<unknown>): Promise<boolean> {
  try {
    await get();
    return true;
  } catch {
    return false;
  }
}

export function busyboxPod(name: string, script: string, volumes: corev1.Volume[], mounts: corev1.VolumeMount[], extra: Partial<corev1.PodSpec> = {}): corev1.Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { restartPolicy: 'Never', ...extra, volumes, containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', script], volumeMounts: mounts }] },
  };
}

export function claim(name: string, storage: string, o: { cls?: string; modes?: string[]; volumeName?: string } = {}): corev1.PersistentVolumeClaim {
  const spec: corev1.PersistentVolumeClaimSpec = { accessModes: o.modes ?? ['ReadWriteOnce'], resources: { requests: { storage } } };
  if (o.cls !== undefined) spec.storageClassName = o.cls;
  if (o.volumeName) spec.volumeName = o.volumeName;
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec };
}

export function volume(name: string, storage: string, o: { cls?: string; modes?: string[]; policy?: string } = {}): corev1.PersistentVolume {
  const spec: corev1.PersistentVolumeSpec = { capacity: { storage }, accessModes: o.modes ?? ['ReadWriteOnce'], hostPath: { path: `/mnt/${name}` }, persistentVolumeReclaimPolicy: o.policy ?? 'Retain' };
  if (o.cls !== undefined) spec.storageClassName = o.cls;
  return { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name }, spec };
}
