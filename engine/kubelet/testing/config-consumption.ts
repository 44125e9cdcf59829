/**
 * Helpers for the ConfigMap chapter's behaviour tests and grader cases: a busybox pod that prints
 * its env or files, read the way `kubectl logs` / `kubectl get pod` / `kubectl describe` read
 * them, on a cluster with a virtual clock.
 */
import type { corev1 } from '../../api/types.ts';
import type { Cluster } from '../../cluster/index.ts';

export const NS = 'default';

/** `kubectl logs <pod>` of its first container (stdout and stderr lines); [] before it started. */
export async function logsOf(c: Cluster, pod: string, ns = NS): Promise<string[]> {
  const p = await c.client().pods(ns).get(pod);
  const id = p.status?.containerStatuses?.[0]?.containerID?.replace(/^[a-z]+:\/\//, '');
  const node = p.spec?.nodeName;
  if (!id || !node) return [];
  return (await c.nodes.get(node).runtime.readLogs(id)).map((l) => l.line);
}

/** Runs the cluster until `predicate` holds; throws naming `what` and the components' last errors. */
export async function runUntil(c: Cluster, what: string, predicate: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  if (await c.clock.runUntil(predicate, { timeoutMs })) return;
  const errors = [...new Set(c.errors().map((e) => `${e.component}: ${e.message}`))].slice(-3);
  throw new Error(`timed out (${timeoutMs / 1000} s of cluster time) waiting until ${what}${errors.length ? `\n  ${errors.join('\n  ')}` : ''}`);
}

/** Waits for the pod to finish (restartPolicy Never) and returns its logs. */
export async function finishedLogs(c: Cluster, pod: string, timeoutMs = 60_000): Promise<string[]> {
  const finished = async () => ['Succeeded', 'Failed'].includes((await c.client().pods(NS).get(pod)).status?.phase ?? '');
  if (!(await c.clock.runUntil(finished, { timeoutMs }))) {
    // Say what `kubectl get pod` / `describe` would: the container's state and the last warning.
    const waiting = await waitingOf(c, pod);
    const warning = (await eventsAbout(c, pod)).filter((e) => e.type === 'Warning').at(-1);
    const state = waiting ? `container waiting: ${waiting.reason}${waiting.message ? ` (${waiting.message})` : ''}` : 'container not waiting';
    throw new Error(`pod ${pod} did not finish within ${timeoutMs / 1000} s of cluster time; ${state}${warning ? `; last warning ${warning.reason}: ${warning.message}` : ''}`);
  }
  return logsOf(c, pod);
}

/** The first container's waiting state (`kubectl get pod` STATUS when it is not running). */
export async function waitingOf(c: Cluster, pod: string): Promise<corev1.ContainerStateWaiting | undefined> {
  return (await c.client().pods(NS).get(pod)).status?.containerStatuses?.[0]?.state?.waiting;
}

/** Events about `name`, optionally with `reason` (what `kubectl describe` lists). */
export async function eventsAbout(c: Cluster, name: string, reason?: string): Promise<corev1.Event[]> {
  return (await c.client().events(NS).list()).items.filter((e) => e.involvedObject?.name === name && (reason === undefined || e.reason === reason));
}

/** A busybox pod running `sh -c script`. */
export function busybox(name: string, script: string, spec: Partial<corev1.Container> = {}, podSpec: Partial<corev1.PodSpec> = {}): corev1.Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { restartPolicy: 'Never', ...podSpec, containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', script], ...spec }] },
  };
}

export function configMap(name: string, data: Record<string, string>, extra: Partial<corev1.ConfigMap> = {}): corev1.ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data, ...extra };
}

/** A Secret given its plain values (stored base64 in `data`, as `kubectl create secret generic` does). */
export function secret(name: string, values: Record<string, string>): corev1.Secret {
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) data[k] = btoa(v);
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'Opaque', data };
}
