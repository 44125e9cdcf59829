/**
 * What the playground's dashboard shows, read the way kubectl reads it: a list of each resource
 * (nodes, pods, services, events), reduced to kubectl get's columns. Reads are not writes, so
 * they never appear in the API trace.
 */
import type { Cluster } from '../../../../../../engine/cluster/index.ts';
import type { Clock } from '../../../../../../engine/util/clock.ts';
import type { KubeObject } from '../../../../../../engine/api/object.ts';
import { isStatusError } from '../../../../../../engine/api/errors.ts';
import { resolveLogContainer } from '../../../../../../engine/apiserver/registry/pod-log-location.ts';
import { humanDuration, podStatusSummary, timestampSince } from '../../../../../../engine/apiserver/table/index.ts';

/** `machine`: the simulated machine's own state (running, stopped, partitioned), beside what the API says. */
export interface NodeRow { name: string; status: string; age: string; machine: string }
export interface PodRow { namespace: string; name: string; node: string; ready: string; status: string; restarts: number; age: string }
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

export async function readView(cluster: Cluster<Clock>): Promise<ClusterView> {
  const c = cluster.client('playground-view');
  const now = cluster.clock.now();
  const [n, p, s, e] = await Promise.all([c.nodes().list(), c.pods('').list(), c.services('').list(), c.events('').list()]);
  return {
    nodes: n.items.map((x) => ({
      name: x.metadata?.name ?? '',
      status: (x.status?.conditions ?? []).find((k) => k.type === 'Ready')?.status === 'True' ? 'Ready' : 'NotReady',
      age: timestampSince(now, x.metadata?.creationTimestamp),
      machine: cluster.nodes.names().includes(x.metadata?.name ?? '') ? cluster.nodes.get(x.metadata!.name!).state : '',
    })),
    // kubectl get pods' READY, STATUS and RESTARTS, from the apiserver's own Table printer.
    pods: p.items.map((x) => {
      const summary = podStatusSummary(x as KubeObject);
      return {
        namespace: x.metadata?.namespace ?? '',
        name: x.metadata?.name ?? '',
        node: x.spec?.nodeName ?? '<none>',
        ready: `${summary.ready}/${summary.total}`,
        status: summary.reason,
        restarts: summary.restarts,
        age: timestampSince(now, x.metadata?.creationTimestamp),
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
        age: t ? humanDuration(now - t) : '<unknown>',
        type: x.type ?? '',
        reason: x.reason ?? '',
        object: `${(x.involvedObject?.kind ?? '').toLowerCase()}/${x.involvedObject?.name ?? ''}`,
        message: x.message ?? '',
      })),
    errors: cluster
      .errors()
      .slice(-20)
      .reverse()
      .map((x) => ({ age: humanDuration(now - x.time), component: x.component, message: x.message })),
  };
}

/**
 * `kubectl logs <pod> [-c <container>] [--tail=<n>]`: the lines the pod's node runtime holds. Like
 * kubectl, no container named means the first one; a container that has not started answers
 * with the apiserver's 400 text (`container "x" in pod "y" is waiting to start: ...`).
 */
export async function readLogs(cluster: Cluster<Clock>, namespace: string, name: string, container?: string, tail?: number): Promise<string> {
  const pod = await cluster.client('playground-view').pods(namespace).get(name);
  const node = pod.spec?.nodeName;
  try {
    const { id } = resolveLogContainer(pod, container ?? pod.spec?.containers?.[0]?.name, false);
    if (!node) return '';
    const entries = await cluster.nodes.get(node).runtime.readLogs(id, { tail });
    return entries.map((e) => e.line).join('\n');
  } catch (err) {
    if (isStatusError(err)) return err.message;
    throw err;
  }
}
