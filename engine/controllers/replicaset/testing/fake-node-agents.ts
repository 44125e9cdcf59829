/**
 * Test doubles for controller tests on the virtual clock, without a scheduler or kubelets (as
 * upstream's controller integration tests do): a binder that assigns pending pods to nodes round
 * robin through the binding subresource, and a "fake kubelet" that writes upstream-shaped Running
 * statuses through the status subresource and finishes graceful deletions (delete with grace 0).
 *
 * Both are ordinary API clients with their own ReconcileLoop, so every step they take is a write
 * in the trace, like the real components.
 */
import { isNotFound } from '../../../api/errors.ts';
import { objectKey, splitKey } from '../../../api/object.ts';
import type { corev1 } from '../../../api/types.ts';
import { createEventRecorder, createSharedInformerFactory, formatTimestamp, ReconcileLoop, type Client } from '../../../client/index.ts';
import { deepCopy } from '../../../client/cache/deep-freeze.ts';
import type { VirtualClock } from '../../../util/clock.ts';
import type { Random } from '../../../util/random.ts';
import type { ControllerContext, ControllerFactory, Controller } from '../../context.ts';
import { LoopController } from '../../loop-controller.ts';

export interface TestClusterLike {
  clock: VirtualClock;
  random: Random;
  client(user?: string): Client;
}

/** A ControllerContext on a test cluster, with its own informer factory. */
export function controllerContext(cluster: TestClusterLike, user: string): ControllerContext {
  const client = cluster.client(user);
  return {
    client,
    informers: createSharedInformerFactory(client, { clock: cluster.clock }),
    clock: cluster.clock,
    random: cluster.random.fork(user),
    recorder: createEventRecorder(client, { component: user, clock: cluster.clock }),
  };
}

/** Builds and starts a controller; returns it with a stop() that also stops its informers. */
export async function runController(cluster: TestClusterLike, user: string, factory: ControllerFactory): Promise<{ controller: Controller; ctx: ControllerContext; stop(): Promise<void> }> {
  const ctx = controllerContext(cluster, user);
  const controller = factory(ctx);
  await controller.start();
  return {
    controller,
    ctx,
    async stop() {
      await controller.stop();
      await ctx.recorder.flush();
      await ctx.informers.stop();
    },
  };
}

export interface FakeNodeAgentsOptions {
  nodes: readonly string[];
  /** Decides whether a bound pod becomes Ready (default: always). A pod that is not stays Running, not ready. */
  ready?: (pod: corev1.Pod) => boolean;
}

/** Binds pods to `nodes` round robin, runs them, and completes their graceful deletion. */
export class FakeNodeAgents extends LoopController {
  readonly name = 'fake-node-agents';
  protected readonly loop: ReconcileLoop;
  private next = 0;
  ready: (pod: corev1.Pod) => boolean;

  constructor(
    cluster: TestClusterLike,
    private readonly options: FakeNodeAgentsOptions,
  ) {
    super(controllerContext(cluster, 'fake-kubelet'));
    this.ready = options.ready ?? (() => true);
    this.loop = new ReconcileLoop({ name: this.name, clock: cluster.clock, reconcile: (key) => this.sync(key) });
    this.ctx.informers.pods().addEventHandler({
      onAdd: (p) => this.loop.enqueueObject(p),
      onUpdate: (_o, p) => this.loop.enqueueObject(p),
    });
  }

  /** Re-examines every pod (after changing `ready`). */
  resync(): void {
    for (const p of this.ctx.informers.pods().lister().list()) this.loop.enqueueObject(p);
  }

  /** Its informers are its own (not a controller-manager's): stopped with it. */
  override async stop(): Promise<void> {
    await super.stop();
    await this.ctx.informers.stop();
  }

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const pod = this.ctx.informers.pods().lister().get(namespace, name);
    if (!pod) return;
    const pods = this.ctx.client.pods(namespace);
    try {
      if (pod.metadata?.deletionTimestamp) {
        await pods.delete(name, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
        return;
      }
      if (!pod.spec?.nodeName) {
        const node = this.options.nodes[this.next++ % this.options.nodes.length]!;
        await pods.bind(name, { metadata: { name }, target: { kind: 'Node', name: node } });
        return;
      }
      const wantReady = this.ready(pod);
      const isReady = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
      if (pod.status?.phase === 'Running' && isReady === wantReady) return;
      await pods.updateStatus({ ...deepCopy(pod), status: runningStatus(pod, wantReady, formatTimestamp(this.ctx.clock.now())) });
    } catch (err) {
      if (isNotFound(err)) return; // gone meanwhile; a 409 is retried by the loop
      throw err;
    }
  }
}

/** A complete, upstream-shaped status of a running pod. */
function runningStatus(pod: corev1.Pod, ready: boolean, now: string): corev1.PodStatus {
  const old = pod.status ?? {};
  const cond = (type: string, status: boolean): corev1.PodCondition => {
    const prev = old.conditions?.find((c) => c.type === type);
    const s = status ? 'True' : 'False';
    return { type, status: s, lastProbeTime: null as unknown as string, lastTransitionTime: prev && prev.status === s ? prev.lastTransitionTime : now };
  };
  return {
    ...old,
    phase: 'Running',
    hostIP: '10.0.0.1',
    podIP: `10.244.0.${(objectKey(pod).length * 7) % 250}`,
    startTime: old.startTime ?? now,
    conditions: [cond('PodReadyToStartContainers', true), cond('Initialized', true), cond('Ready', ready), cond('ContainersReady', ready), cond('PodScheduled', true)],
    containerStatuses: (pod.spec?.containers ?? []).map((c) => ({
      name: c.name,
      image: c.image ?? '',
      imageID: `docker.io/library/${c.image}@sha256:0`,
      containerID: `containerd://${pod.metadata?.uid}-${c.name}`,
      ready,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: old.startTime ?? now } },
    })),
  };
}
