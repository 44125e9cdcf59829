/**
 * The kubelet of one node (upstream pkg/kubelet/kubelet.go): registers the Node, keeps its status
 * and Lease fresh, watches the pods bound to it (field selector spec.nodeName=<node>) and runs
 * them on the node's container runtime through one pod worker per pod.
 *
 *   const kubelet = createKubelet({ nodeName: 'node-1', client, clock, random, runtime, network,
 *                                   node: { cpu: '4', memory: '8Gi', pods: 110, podCIDR, nodeIP },
 *                                   parts });
 *   await kubelet.start();
 *
 * Loops, all on the injected clock: node status every 10 s (nodeStatusUpdateFrequency), Lease
 * renewal every 10 s (a quarter of leaseDurationSeconds 40), a pod resync every 60 s (upstream
 * syncFrequency), and container events from the runtime (the evented PLEG) as they happen.
 * Every API call may fail (the node can be partitioned): failures are reported through onError
 * and retried on the next tick or the pod worker's backoff; nothing throws out of a loop.
 * stop() is the node going down: heartbeats and syncs stop; containers are left as they are.
 */
import { isStatusError } from '../api/errors.ts';
import type { coordinationv1, corev1 } from '../api/types.ts';
import { createEventRecorder, type EventRecorder } from '../client/event-recorder.ts';
import { createSharedInformerFactory, type SharedInformerFactory } from '../client/informer-factory.ts';
import type { TimerHandle } from '../util/clock.ts';
import { ImagePuller } from './image-puller.ts';
import { initialNode, nodeStatus, nodeStatusChanged } from './node-status.ts';
import { NODE_LEASE_NAMESPACE, formatMicroTime, nodeLease } from './node-lease.ts';
import { PodWorkers } from './pod-workers.ts';
import { Prober } from './prober.ts';
import { StatusManager } from './status-manager.ts';
import { PodSyncer } from './sync-pod.ts';
import type { Kubelet, KubeletOptions } from './types.ts';

const POD_RESYNC_MS = 60_000;

/** Spec, labels, annotations, deletion: what a pod update must change for the kubelet to care. */
function podNeedsSync(old: corev1.Pod, pod: corev1.Pod): boolean {
  if (old.metadata?.uid !== pod.metadata?.uid) return true;
  const key = (p: corev1.Pod) => JSON.stringify([p.spec, p.metadata?.labels, p.metadata?.annotations, p.metadata?.deletionTimestamp, p.metadata?.deletionGracePeriodSeconds]);
  return key(old) !== key(pod);
}

export function createKubelet(options: KubeletOptions): Kubelet {
  const { nodeName, client, clock, runtime, network, parts } = options;
  const onError = options.onError ?? (() => undefined);
  const statusEveryMs = options.nodeStatusUpdateFrequencyMs ?? 10_000;
  const reportEveryMs = options.nodeStatusReportFrequencyMs ?? 5 * 60_000;
  /** When the kubelet last wrote its node status (0: never since start). */
  let lastReport = 0;
  const leaseSeconds = options.nodeLeaseDurationSeconds ?? 40;
  const recorder: EventRecorder = createEventRecorder(client, { component: 'kubelet', host: nodeName, clock, onError });
  const statusManager = new StatusManager(client);
  const backoff = parts['kubelet.backoff']();
  const images = new ImagePuller(runtime, clock, parts['kubelet.backoff'](), recorder, options.parseImageReference);
  const sandboxOwners = new Map<string, string>();

  let workers: PodWorkers;
  const prober = new Prober({ clock, runtime, network, trackers: parts['kubelet.probe'], recorder, onChange: (uid) => workers.enqueue(uid), onError });
  const syncer = new PodSyncer({
    nodeName,
    client,
    clock,
    runtime,
    network,
    node: options.node,
    parts,
    recorder,
    statusManager,
    prober,
    backoff,
    images,
    admittedPods: () => {
      const out: corev1.Pod[] = [];
      for (const w of workers.workers.values()) {
        const phase = w.pod.status?.phase;
        if (w.admitted && !w.removed && !w.finished && phase !== 'Succeeded' && phase !== 'Failed') out.push(w.pod);
      }
      return out;
    },
    requeue: (uid, delayMs) => workers.enqueue(uid, delayMs),
    rememberSandbox: (id, uid) => void sandboxOwners.set(id, uid),
    hostPaths: options.disks?.hostPaths(nodeName) ?? new Map(),
    disks: options.disks,
    forgetSandboxes: (uid) => {
      for (const [id, owner] of sandboxOwners) if (owner === uid) sandboxOwners.delete(id);
    },
  });
  workers = new PodWorkers(clock, (w) => syncer.sync(w), onError);

  let factory: SharedInformerFactory | undefined;
  let timers: TimerHandle[] = [];
  let unsubscribe: (() => void) | undefined;
  let running = false;
  let registered: corev1.Node | undefined;
  let runtimeVersion = '';
  let statusBusy = false;
  let leaseBusy = false;

  async function registerNode(): Promise<void> {
    try {
      registered = await client.nodes().create(initialNode(nodeName, options.node));
    } catch (err) {
      if (!isStatusError(err, 'AlreadyExists')) throw err;
      // Re-registration (kubelet restart): the existing Node is ours; keep it (upstream
      // tryRegisterWithAPIServer reconciles a few fields and moves on).
      registered = await client.nodes().get(nodeName);
    }
  }

  /** tryUpdateNodeStatus: registers first if needed, then posts the status. */
  async function postNodeStatus(): Promise<void> {
    if (statusBusy || !running) return;
    statusBusy = true;
    try {
      if (!registered) await registerNode();
      if (!runtimeVersion) {
        const v = await runtime.version();
        runtimeVersion = `${v.runtimeName}://${v.runtimeVersion}`;
      }
      const imgs = await runtime.listImages();
      for (let attempt = 0; attempt < 5; attempt++) {
        let node: corev1.Node;
        // A Node deleted behind the kubelet's back stays deleted (upstream registers only at
        // startup): the get fails with NotFound until the kubelet restarts.
        node = await client.nodes().get(nodeName);
        const copy: corev1.Node = { ...structuredClone(node), status: { ...node.status, ...nodeStatus({ name: nodeName, config: options.node, now: clock.now(), runtimeVersion, images: imgs, previous: node.status?.conditions }) } };
        // Upstream tryUpdateNodeStatus: skip the write when nothing but heartbeat times changed
        // and the report period has not passed; the Lease carries the heartbeat meanwhile.
        if (lastReport !== 0 && clock.now() - lastReport < reportEveryMs && !nodeStatusChanged(node.status, copy.status)) return;
        try {
          registered = await client.nodes().updateStatus(copy);
          lastReport = clock.now();
          return;
        } catch (err) {
          if (!isStatusError(err, 'Conflict')) throw err;
        }
      }
    } catch (err) {
      onError(err);
    } finally {
      statusBusy = false;
    }
  }

  /**
   * The lease controller's renew (component-helpers lease/controller.go): update the lease last
   * written (no GET), re-read it only after a conflict, create it when missing.
   */
  let lastLease: coordinationv1.Lease | undefined;
  async function renewLease(): Promise<void> {
    if (leaseBusy || !running || !registered) return;
    leaseBusy = true;
    const leases = client.leases(NODE_LEASE_NAMESPACE);
    const renewed = (lease: coordinationv1.Lease): coordinationv1.Lease => ({ ...structuredClone(lease), spec: { ...lease.spec, holderIdentity: nodeName, leaseDurationSeconds: leaseSeconds, renewTime: formatMicroTime(clock.now()) } });
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          if (!lastLease) lastLease = await leases.get(nodeName);
          lastLease = await leases.update(renewed(lastLease));
          return;
        } catch (err) {
          lastLease = undefined;
          if (isStatusError(err, 'NotFound')) {
            lastLease = await leases.create(nodeLease(registered, leaseSeconds, clock.now()));
            return;
          }
          if (!isStatusError(err, 'Conflict')) throw err;
        }
      }
    } catch (err) {
      onError(err);
    } finally {
      leaseBusy = false;
    }
  }

  return {
    name: `kubelet/${nodeName}`,
    nodeName,
    async start() {
      if (running) return;
      running = true;
      registered = undefined; // (re-)register on every start, as a restarted kubelet does
      lastReport = 0;
      lastLease = undefined;
      workers.resume();
      await postNodeStatus();
      await renewLease();
      timers = [clock.setInterval(() => void postNodeStatus().then(() => renewLease()), statusEveryMs), clock.setInterval(() => workers.enqueueAll(), POD_RESYNC_MS)];
      if (leaseSeconds * 250 !== statusEveryMs) timers.push(clock.setInterval(() => void renewLease(), leaseSeconds * 250));
      // The evented PLEG: a container started, stopped or vanished → sync its pod.
      unsubscribe = runtime.subscribeContainerEvents((ev) => {
        const uid = sandboxOwners.get(ev.podSandboxId);
        if (uid) workers.enqueue(uid);
      });
      factory = createSharedInformerFactory(client, { clock, fieldSelector: `spec.nodeName=${nodeName}`, random: options.random.fork(`kubelet/${nodeName}`), onError });
      factory.pods().addEventHandler({
        onAdd: (pod) => workers.update(pod),
        // Like upstream's pod config (checkAndUpdatePod), only changes the kubelet must act on
        // trigger a sync — not the status it wrote itself.
        onUpdate: (old, pod) => {
          if (podNeedsSync(old, pod)) workers.update(pod);
          else workers.refresh(pod);
        },
        onDelete: (pod) => workers.remove(pod),
      });
      factory.start();
    },
    async stop() {
      if (!running) return;
      running = false;
      for (const t of timers) clock.clearInterval(t);
      timers = [];
      unsubscribe?.();
      unsubscribe = undefined;
      workers.stop();
      prober.stop();
      await factory?.stop();
      factory = undefined;
    },
    whenIdle: () => workers.whenIdle(),
  };
}
