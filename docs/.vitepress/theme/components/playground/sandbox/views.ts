/**
 * What the playground's dashboard shows, read the way kubectl reads it: a list of each resource
 * (nodes, pods, services, events), reduced to kubectl get's columns. Reads are not writes, so
 * they never appear in the API trace.
 */
import type { Cluster } from '../../../../../../engine/cluster/index.ts';
import type { Clock } from '../../../../../../engine/util/clock.ts';
import type { corev1 } from '../../../../../../engine/api/types.ts';

/** `machine`: the simulated machine's own state (running, stopped, partitioned), beside what the API says. */
export interface NodeRow { name: string; status: string; age: string; machine: string }
export interface PodRow { namespace: string; name: string; node: string; ready: string; status: string; restarts: number; age: string; containers: string[] }
export interface ServiceRow { namespace: string; name: string; type: string; clusterIP: string; ports: string }
export interface EventRow { age: string; type: string; reason: string; object: string; message: string }
export interface ErrorRow { age: string; component: string; message: string }

export interface ClusterView {
  nodes: NodeRow[];
  pods: PodRow[];
  services: ServiceRow[];
  events: EventRow[];
  /** Errors components survived (a throwing part shows up here), latest first. */
  errors: ErrorRow[];
}

/** kubectl's short age: 45s, 3m. */
export function age(now: number, t: number | string | undefined): string {
  const ms = typeof t === 'string' ? Date.parse(t) : t;
  if (ms === undefined || Number.isNaN(ms)) return '';
  const s = Math.max(0, Math.floor((now - ms) / 1000));
  return s < 120 ? `${s}s` : `${Math.floor(s / 60)}m`;
}

/** kubectl get pods' STATUS column, simplified: Terminating, a waiting/terminated reason, or the phase. */
export function podStatus(p: corev1.Pod): string {
  if (p.metadata?.deletionTimestamp) return 'Terminating';
  for (const cs of p.status?.containerStatuses ?? []) {
    if (cs.state?.waiting?.reason) return cs.state.waiting.reason;
    if (cs.state?.terminated?.reason && p.status?.phase !== 'Succeeded') return cs.state.terminated.reason;
  }
  return p.status?.phase ?? 'Pending';
}

export async function readView(cluster: Cluster<Clock>): Promise<ClusterView> {
  const c = cluster.client('playground-view');
  const now = cluster.clock.now();
  const [n, p, s, e] = await Promise.all([c.nodes().list(), c.pods('').list(), c.services('').list(), c.events('').list()]);
  return {
    nodes: n.items.map((x) => ({
      name: x.metadata?.name ?? '',
      status: (x.status?.conditions ?? []).find((k) => k.type === 'Ready')?.status === 'True' ? 'Ready' : 'NotReady',
      age: age(now, x.metadata?.creationTimestamp),
      machine: cluster.nodes.names().includes(x.metadata?.name ?? '') ? cluster.nodes.get(x.metadata!.name!).state : '',
    })),
    pods: p.items.map((x) => {
      const statuses = x.status?.containerStatuses ?? [];
      return {
        namespace: x.metadata?.namespace ?? '',
        name: x.metadata?.name ?? '',
        node: x.spec?.nodeName ?? '<none>',
        ready: `${statuses.filter((cs) => cs.ready).length}/${x.spec?.containers?.length ?? 0}`,
        status: podStatus(x),
        restarts: statuses.reduce((a, cs) => a + (cs.restartCount ?? 0), 0),
        age: age(now, x.metadata?.creationTimestamp),
        containers: (x.spec?.containers ?? []).map((k) => k.name),
      };
    }),
    services: s.items.map((x) => ({
      namespace: x.metadata?.namespace ?? '',
      name: x.metadata?.name ?? '',
      type: x.spec?.type ?? 'ClusterIP',
      clusterIP: x.spec?.clusterIP ?? '',
      ports: (x.spec?.ports ?? []).map((pt) => `${pt.port}${pt.nodePort ? `:${pt.nodePort}` : ''}/${pt.protocol ?? 'TCP'}`).join(','),
    })),
    events: e.items
      .map((x) => ({ t: Date.parse(x.lastTimestamp ?? x.eventTime ?? x.metadata?.creationTimestamp ?? '') || 0, x }))
      .sort((a, b) => b.t - a.t)
      .slice(0, 40)
      .map(({ t, x }) => ({
        age: age(now, t),
        type: x.type ?? '',
        reason: x.reason ?? '',
        object: `${(x.involvedObject?.kind ?? '').toLowerCase()}/${x.involvedObject?.name ?? ''}`,
        message: x.message ?? '',
      })),
    errors: cluster
      .errors()
      .slice(-20)
      .reverse()
      .map((x) => ({ age: age(now, x.time), component: x.component, message: x.message })),
  };
}

/** `kubectl logs <pod> -c <container> --tail=<n>`: the lines the pod's node runtime holds. */
export async function readLogs(cluster: Cluster<Clock>, namespace: string, name: string, container?: string, tail = 100): Promise<string> {
  const pod = await cluster.client('playground-view').pods(namespace).get(name);
  const statuses = pod.status?.containerStatuses ?? [];
  const st = container ? statuses.find((s) => s.name === container) : statuses[0];
  const id = st?.containerID?.replace(/^[a-z]+:\/\//, '');
  const node = pod.spec?.nodeName;
  if (!id || !node) return `container is waiting to start: ${st?.state?.waiting?.reason ?? 'ContainerCreating'}`;
  const entries = await cluster.nodes.get(node).runtime.readLogs(id, { tail });
  return entries.map((e) => e.line).join('\n');
}
