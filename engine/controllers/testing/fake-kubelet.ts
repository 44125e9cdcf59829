/**
 * A stand-in for a node's kubelet in controller tests: registers the Node, posts Ready status
 * (every 10 s, nodeStatusUpdateFrequency... here only when asked) and renews the node's Lease
 * every 10 s (upstream renewInterval = 40 s lease duration / 4) while `alive`.
 */
import { isConflict } from '../../api/errors.ts';
import type { corev1 } from '../../api/types.ts';
import type { Client } from '../../client/index.ts';
import { formatTimestamp } from '../../client/index.ts';
import type { Clock, TimerHandle } from '../../util/clock.ts';
import { NODE_LEASE_NAMESPACE } from '../nodelifecycle/node-lifecycle-controller.ts';

export const LEASE_RENEW_INTERVAL_MS = 10_000;

/** metav1.MicroTime: RFC 3339 with microseconds. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export class FakeKubelet {
  alive = true;
  private timer: TimerHandle | undefined;

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    readonly nodeName: string,
    private readonly labels: Record<string, string> = {},
  ) {}

  async register(): Promise<void> {
    await this.client.nodes().create({ metadata: { name: this.nodeName, labels: { 'kubernetes.io/hostname': this.nodeName, ...this.labels } } });
    await this.postStatus('True');
    await this.client.leases(NODE_LEASE_NAMESPACE).create({
      metadata: { name: this.nodeName },
      spec: { holderIdentity: this.nodeName, leaseDurationSeconds: 40, renewTime: microTime(this.clock.now()) },
    });
    this.timer = this.clock.setInterval(() => {
      if (this.alive) void this.renewLease().catch(() => undefined);
    }, LEASE_RENEW_INTERVAL_MS);
  }

  stopHeartbeats(): void {
    this.alive = false;
  }

  close(): void {
    this.clock.clearInterval(this.timer);
  }

  async renewLease(): Promise<void> {
    const lease = await this.client.leases(NODE_LEASE_NAMESPACE).get(this.nodeName);
    await this.client.leases(NODE_LEASE_NAMESPACE).update({ ...lease, spec: { ...lease.spec, renewTime: microTime(this.clock.now()) } });
  }

  /**
   * Posts the Ready condition (and the three pressure conditions False) with a fresh heartbeat;
   * retries on 409 like the kubelet's tryUpdateNodeStatus (nodeStatusUpdateRetry = 5).
   */
  async postStatus(ready: 'True' | 'False'): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.tryPostStatus(ready);
      } catch (err) {
        if (attempt >= 5 || !isConflict(err)) throw err;
      }
    }
  }

  private async tryPostStatus(ready: 'True' | 'False'): Promise<void> {
    const node = await this.client.nodes().get(this.nodeName);
    const now = formatTimestamp(this.clock.now());
    const prev = (type: string) => node.status?.conditions?.find((c) => c.type === type);
    const cond = (type: string, status: string, reason: string, message: string): corev1.NodeCondition => ({
      type,
      status,
      reason,
      message,
      lastHeartbeatTime: now,
      lastTransitionTime: prev(type)?.status === status ? prev(type)?.lastTransitionTime : now,
    });
    const status: corev1.NodeStatus = {
      ...node.status,
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        ready === 'True'
          ? cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status')
          : cond('Ready', 'False', 'KubeletNotReady', 'container runtime network not ready'),
      ],
    };
    await this.client.nodes().updateStatus({ ...node, status });
  }
}

/** A pod bound to `nodeName`, Running and Ready (as its kubelet would have reported it). */
export async function runningPod(client: Client, clock: Clock, name: string, nodeName: string, spec: Partial<corev1.PodSpec> = {}): Promise<corev1.Pod> {
  const pod = await client.pods('default').create({
    metadata: { name },
    spec: { nodeName, containers: [{ name: 'nginx', image: 'nginx' }], ...spec },
  });
  const now = formatTimestamp(clock.now());
  const c = (type: string): corev1.PodCondition => ({ type, status: 'True', lastTransitionTime: now });
  return client.pods('default').updateStatus({
    ...pod,
    status: {
      ...pod.status,
      phase: 'Running',
      conditions: [c('PodReadyToStartContainers'), c('Initialized'), c('Ready'), c('ContainersReady'), c('PodScheduled')],
    },
  });
}
