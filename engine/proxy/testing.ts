/**
 * Helpers for tests that look at Services the way a user does: `kubectl exec` a command in a
 * pod (busybox `wget`), objects for a Deployment of agnhost serve-hostname behind a Service.
 * Used by engine/proxy tests and grader/tests/proxy-*.ts.
 */
import type { appsv1, corev1 } from '../api/types.ts';
import type { Cluster } from '../cluster/create-cluster.ts';

export const AGNHOST = 'registry.k8s.io/e2e-test-images/agnhost:2.53';

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * `kubectl exec <pod> -c <container> -- <cmd...>`: runs `cmd` in the pod's (first) container on
 * its node's runtime, moving the cluster clock while it runs (a dial that times out needs time).
 */
export async function execInPod(c: Cluster, namespace: string, pod: string, cmd: string[], timeoutSeconds = 60): Promise<ExecResult> {
  const p = await c.client().pods(namespace).get(pod);
  const id = p.status?.containerStatuses?.[0]?.containerID?.replace(/^[a-z]+:\/\//, '');
  const nodeName = p.spec?.nodeName;
  if (!id || !nodeName) throw new Error(`pod ${namespace}/${pod} has no running container to exec into`);
  let result: ExecResult | undefined;
  let failure: unknown;
  const running = c.nodes
    .get(nodeName)
    .runtime.execSync(id, cmd, timeoutSeconds)
    .then((r) => (result = r), (err: unknown) => (failure = err ?? new Error('exec failed')));
  await c.clock.runUntil(() => result !== undefined || failure !== undefined, { timeoutMs: (timeoutSeconds + 1) * 1000 });
  await running;
  if (failure !== undefined) throw failure;
  return result as ExecResult;
}

/** `kubectl exec client -- wget -qO- -T <s> <url>`: the body, or wget's error line. */
export async function wget(c: Cluster, namespace: string, pod: string, url: string, timeoutSeconds = 5): Promise<{ ok: boolean; body: string; error: string }> {
  const r = await execInPod(c, namespace, pod, ['wget', '-qO-', '-T', String(timeoutSeconds), url], timeoutSeconds + 5);
  // The runtime hands exec output over line by line: the last line comes back newline-terminated.
  return { ok: r.exitCode === 0, body: r.stdout.replace(/\n$/, ''), error: r.stderr.trim() };
}

export function busyboxPod(name: string, nodeName?: string): corev1.Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: name } },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      containers: [{ name: 'client', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 86400'] }],
    },
  };
}

/** A Deployment of agnhost serve-hostname (port 9376) labelled app=<name>, with a readiness probe. */
export function serveHostnameDeployment(name: string, replicas: number): appsv1.Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'serve-hostname',
              image: AGNHOST,
              args: ['serve-hostname'],
              ports: [{ name: 'http', containerPort: 9376 }],
              readinessProbe: { tcpSocket: { port: 9376 }, periodSeconds: 5 },
            },
          ],
        },
      },
    },
  };
}

export function service(name: string, spec: corev1.ServiceSpec): corev1.Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ...spec } };
}

/** Waits (cluster time) until `pod` runs with its container ready. */
export async function waitForReadyPod(c: Cluster, namespace: string, pod: string, timeoutMs = 120_000): Promise<corev1.Pod> {
  let found: corev1.Pod | undefined;
  const ok = await c.clock.runUntil(
    async () => {
      const p = await c.client().pods(namespace).get(pod).catch(() => undefined);
      if (p?.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')) found = p;
      return found !== undefined;
    },
    { timeoutMs },
  );
  if (!ok || !found) throw new Error(`pod ${namespace}/${pod} did not become Ready within ${timeoutMs / 1000} s of cluster time`);
  return found;
}

/** Waits until every node's kube-proxy has `n` usable endpoints for `servicePortName`. */
export async function waitForEndpoints(c: Cluster, servicePortName: string, n: number, timeoutMs = 120_000): Promise<void> {
  const count = (rules: ReturnType<Cluster['nodes']['list']>[number]['kubeProxy']) =>
    rules.rules().rules.find((r) => r.servicePortName === servicePortName)?.clusterEndpoints.length ?? -1;
  const ok = await c.clock.runUntil(() => c.nodes.list().every((node) => node.state !== 'Running' || count(node.kubeProxy) === n), { timeoutMs });
  if (!ok) {
    const seen = c.nodes.list().map((node) => `${node.name}: ${count(node.kubeProxy)}`);
    throw new Error(`kube-proxy never had ${n} endpoints for ${servicePortName} within ${timeoutMs / 1000} s (${seen.join(', ')})`);
  }
}

/**
 * An HTTP GET from the host (fromIp undefined), e.g. `curl http://<nodeIP>:<nodePort>/`, moving
 * the cluster clock while it waits: the response, or the dial error's message.
 */
export async function hostGet(c: Cluster, ip: string, port: number, timeoutMs = 2000): Promise<{ status?: number; body?: string; error?: string }> {
  let out: { status?: number; body?: string; error?: string } | undefined;
  const pending = c.network
    .httpRequest(undefined, ip, port, { method: 'GET', path: '/', headers: {} }, timeoutMs)
    .then((r) => (out = { status: r.status, body: r.body }), (err: unknown) => (out = { error: err instanceof Error ? err.message : String(err) }));
  await c.clock.runUntil(() => out !== undefined, { timeoutMs: timeoutMs + 1000 });
  await pending;
  return out ?? { error: 'no answer' };
}

/**
 * Repeats `kubectl exec <pod> -- wget -qO- -T 2 <url>` once a second until `done` holds for the
 * result (or `timeoutMs` of cluster time passed): the last result. What a user does while
 * waiting for a Service to start answering.
 */
export async function wgetUntil(
  c: Cluster,
  namespace: string,
  pod: string,
  url: string,
  done: (r: { ok: boolean; body: string; error: string }) => boolean,
  timeoutMs = 60_000,
): Promise<{ ok: boolean; body: string; error: string }> {
  const deadline = c.clock.now() + timeoutMs;
  for (;;) {
    const r = await wget(c, namespace, pod, url, 2);
    if (done(r) || c.clock.now() >= deadline) return r;
    await c.clock.advance(1000);
  }
}

/** The last distinct errors kube-proxies reported (e.g. the part threw), for failure messages. */
export function kubeProxyErrors(c: Cluster): string {
  const errors = [...new Set(c.errors().filter((e) => e.component.startsWith('kube-proxy/')).map((e) => `${e.component}: ${e.message}`))].slice(-3);
  return errors.length ? ` (kube-proxy reported: ${errors.join('; ')})` : '';
}
