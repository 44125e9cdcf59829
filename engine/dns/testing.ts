/**
 * Helpers for DNS behaviour tests: what `kubectl exec` gives a user, on a cluster with a virtual
 * clock. Tests only; never imported by engine code.
 */
import type { corev1 } from '../api/types.ts';
import type { Cluster } from '../cluster/index.ts';
import type { ExecResult } from '../runtime/cri.ts';

/** `kubectl exec <pod> -- <cmd...>`: runs the command in the pod's first container, driving the clock. */
export async function kubectlExec(c: Cluster, ns: string, pod: string, cmd: string[], timeoutMs = 60_000): Promise<ExecResult> {
  const p = await c.client().pods(ns).get(pod);
  const id = p.status?.containerStatuses?.[0]?.containerID?.replace(/^[a-z]+:\/\//, '');
  const node = p.spec?.nodeName;
  if (!id || !node) throw new Error(`pod ${ns}/${pod} has no running container`);
  let result: ExecResult | undefined;
  let failure: unknown;
  const run = c.nodes
    .get(node)
    .runtime.execSync(id, cmd, timeoutMs / 1000)
    .then((r) => (result = r))
    .catch((err: unknown) => (failure = err ?? new Error('exec failed')));
  await c.clock.runUntil(async () => result !== undefined || failure !== undefined, { timeoutMs });
  await run;
  if (failure) throw failure;
  if (!result) throw new Error(`exec ${cmd.join(' ')} did not finish`);
  return result;
}

/** A busybox pod that sleeps, to exec into. */
export function toolboxPod(name: string, extra: Partial<corev1.PodSpec> = {}, labels?: Record<string, string>): corev1.Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'box', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }], ...extra } };
}

export function nginxPod(name: string, labels: Record<string, string>, extra: Partial<corev1.PodSpec> = {}): corev1.Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] }], ...extra } };
}

export async function isRunning(c: Cluster, ns: string, pod: string): Promise<boolean> {
  try {
    const p = await c.client().pods(ns).get(pod);
    return p.status?.phase === 'Running' && (p.status.containerStatuses ?? []).every((s) => s.ready);
  } catch {
    return false;
  }
}
