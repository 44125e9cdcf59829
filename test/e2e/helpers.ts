/**
 * Small helpers for end-to-end tests on a whole simulated cluster (virtual clock).
 */
import type { appsv1, corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';

export const isReady = (p: corev1.Pod) => !!p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
export const isTerminating = (p: corev1.Pod) => !!p.metadata?.deletionTimestamp;

export function nginxDeployment(name: string, replicas: number, image = 'nginx:1.27'): appsv1.Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 2 } }] },
      },
    },
  };
}

export async function podsWithLabel(c: Cluster, namespace: string, app: string): Promise<corev1.Pod[]> {
  return (await c.client().pods(namespace).list({ labelSelector: `app=${app}` })).items;
}

/** Advances virtual time until `predicate` holds; fails with `what` and the elapsed time if it never does. */
export async function waitFor(c: Cluster, what: string, predicate: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const start = c.clock.now();
  const ok = await c.clock.runUntil(predicate, { timeoutMs });
  if (!ok) {
    const errors = c.errors().slice(-5).map((e) => `  ${e.component}: ${e.message}`).join('\n');
    throw new Error(`timed out after ${(c.clock.now() - start) / 1000} s of cluster time waiting for: ${what}${errors ? `\nlast component errors:\n${errors}` : ''}`);
  }
}

/** Seconds of cluster time since `since` (ms). */
export const secondsSince = (c: Cluster, since: number) => (c.clock.now() - since) / 1000;
