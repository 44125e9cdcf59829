/**
 * TEST SUPPORT ONLY (imported by *.test.ts and grader/tests/sts-*.ts, never by engine code): the
 * Kubernetes docs' `web` example (website concepts/workloads/controllers/statefulset.md and the
 * StatefulSet basics tutorial) — a headless Service `nginx` and a StatefulSet `web` whose pods
 * serve nginx-slim with a `www` claim mounted on /usr/share/nginx/html — and small readers of a
 * cluster's state as kubectl would show it.
 */
import type { appsv1, corev1 } from '../../api/types.ts';
import type { Client } from '../../client/index.ts';

export const NS = 'default';

export function nginxService(): corev1.Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'nginx', labels: { app: 'nginx' } },
    spec: { ports: [{ port: 80, name: 'web' }], clusterIP: 'None', selector: { app: 'nginx' } },
  };
}

export interface WebOptions {
  replicas?: number;
  /** With the `www` volumeClaimTemplate (default true). */
  claims?: boolean;
  image?: string;
  spec?: Partial<appsv1.StatefulSetSpec>;
}

export function webStatefulSet(o: WebOptions = {}): appsv1.StatefulSet {
  const claims = o.claims ?? true;
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web' },
    spec: {
      serviceName: 'nginx',
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          terminationGracePeriodSeconds: 10,
          containers: [
            {
              name: 'nginx',
              image: o.image ?? 'registry.k8s.io/nginx-slim:0.24',
              ports: [{ containerPort: 80, name: 'web' }],
              ...(claims ? { volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] } : {}),
            },
          ],
        },
      },
      ...(claims ? { volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] } : {}),
      ...o.spec,
    },
  };
}

const ordinalOf = (p: corev1.Pod) => Number(p.metadata?.name?.split('-').pop());

/** `kubectl get pods -l app=nginx`, sorted by ordinal, optionally without terminating ones. */
export async function webPods(client: Client, live = false): Promise<corev1.Pod[]> {
  const pods = (await client.pods(NS).list({ labelSelector: 'app=nginx' })).items;
  return pods.filter((p) => !live || !p.metadata?.deletionTimestamp).sort((a, b) => ordinalOf(a) - ordinalOf(b));
}

export const podNames = (pods: readonly corev1.Pod[]) => pods.map((p) => p.metadata?.name ?? '');

export function isRunningAndReady(p: corev1.Pod | undefined): boolean {
  return p?.status?.phase === 'Running' && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Messages of the set's events of `reason`, oldest first. */
export async function setEvents(client: Client, reason: string, name = 'web'): Promise<string[]> {
  const events = (await client.events(NS).list()).items.filter((e) => e.involvedObject?.kind === 'StatefulSet' && e.involvedObject?.name === name && e.reason === reason);
  return events.sort((a, b) => String(a.firstTimestamp ?? a.eventTime ?? '').localeCompare(String(b.firstTimestamp ?? b.eventTime ?? ''))).map((e) => e.message ?? '');
}

/** One line of `kubectl get pods -l app=nginx -w`. */
export interface PodEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  name: string;
  /** Cluster time (ms). */
  at: number;
  ready: boolean;
  terminating: boolean;
}

/** Watches the web pods from now on; `events` fills as the cluster runs. */
export async function watchWebPods(client: Client, now: () => number): Promise<{ events: PodEvent[]; stop(): void }> {
  const events: PodEvent[] = [];
  const list = await client.pods(NS).list({ labelSelector: 'app=nginx' });
  const w = client.pods(NS).watch({ resourceVersion: list.metadata?.resourceVersion, labelSelector: 'app=nginx' }, (e) => {
    if (e.type !== 'ADDED' && e.type !== 'MODIFIED' && e.type !== 'DELETED') return;
    const p = e.object as corev1.Pod;
    events.push({ type: e.type, name: p.metadata?.name ?? '', at: now(), ready: isRunningAndReady(p), terminating: !!p.metadata?.deletionTimestamp });
  });
  return { events, stop: () => w.stop() };
}

/** Names in the order they were first ADDED. */
export const addedOrder = (events: readonly PodEvent[]) => events.filter((e) => e.type === 'ADDED').map((e) => e.name);
/** Names in the order their deletion began (deletionTimestamp first seen, or DELETED). */
export function deletionOrder(events: readonly PodEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) if ((e.terminating || e.type === 'DELETED') && !out.includes(e.name)) out.push(e.name);
  return out;
}
/** Cluster time at which `name` was first seen Running and Ready, or undefined. */
export const readyAt = (events: readonly PodEvent[], name: string) => events.find((e) => e.name === name && e.ready)?.at;
/** Cluster time at which `name` was first ADDED, or undefined. */
export const addedAt = (events: readonly PodEvent[], name: string) => events.find((e) => e.name === name && e.type === 'ADDED')?.at;
