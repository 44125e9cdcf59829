/**
 * One sync of one pod (upstream kubelet.go SyncPod / SyncTerminatingPod and
 * kuberuntime_manager.go SyncPod): admit it, ask the `kubelet.sync` part what to do, do it
 * (kill, sandbox, image pulls, create + start, each start behind the `kubelet.backoff` part),
 * then report the status. A pod being deleted is stopped gracefully and its object deleted.
 */
import { isStatusError } from '../api/errors.ts';
import type { corev1 } from '../api/types.ts';
import type { Client } from '../client/client.ts';
import { formatTimestamp, type EventRecorder } from '../client/event-recorder.ts';
import type { ContainerRuntime, PodSandboxConfig } from '../runtime/cri.ts';
import type { ClusterNetwork } from '../runtime/network.ts';
import type { Clock } from '../util/clock.ts';
import type { Volume } from '../runtime/volume.ts';
import { admitPod } from './admission.ts';
import type { ContainerBackoff } from './backoff.ts';
import { ConfigError, containerConfig, makeEnvironment, makeMounts, makeVolumes, type VolumeProjection } from './container-config.ts';
import { isProjectedVolume } from './projection.ts';
import { applyClaimReadOnly, VolumeMountError } from './pvc-volume.ts';
import type { SimulatedDisks } from '../runtime/simulated-disks.ts';
import { formatGoDuration, ImagePuller } from './image-puller.ts';
import { latestContainer } from './pod-actions.ts';
import { generatePodStatus } from './pod-status.ts';
import { podDNSConfig } from './pod-dns.ts';
import type { PodWorker } from './pod-workers.ts';
import { containerRef, Prober } from './prober.ts';
import { POD_NAME_LABEL, POD_NAMESPACE_LABEL, POD_UID_LABEL, readPodView, type KubeletContainer, type KubeletPodView } from './runtime-view.ts';
import type { StatusManager } from './status-manager.ts';
import type { KubeletNodeConfig, KubeletParts } from './types.ts';

/** killContainer always leaves at least this much time between SIGTERM and SIGKILL. */
const MINIMUM_GRACE_PERIOD_SECONDS = 2;
const DEFAULT_TERMINATION_GRACE_SECONDS = 30;

export interface SyncContext {
  nodeName: string;
  client: Client;
  clock: Clock;
  runtime: ContainerRuntime;
  network: ClusterNetwork;
  node: KubeletNodeConfig;
  parts: KubeletParts;
  recorder: EventRecorder;
  statusManager: StatusManager;
  prober: Prober;
  backoff: ContainerBackoff;
  images: ImagePuller;
  /** Pods admitted on this node that still hold resources. */
  admittedPods(): corev1.Pod[];
  /** Another sync of this pod after `delayMs`. */
  requeue(uid: string, delayMs: number): void;
  /** The kubelet learned which sandbox belongs to which pod (for PLEG events). */
  rememberSandbox(sandboxId: string, uid: string): void;
  /** The node's hostPath directories, by path. */
  hostPaths: Map<string, Volume>;
  /** The cluster's disks, for persistentVolumeClaim volumes (none: such pods never start). */
  disks?: SimulatedDisks;
  /** The pod is gone for good: forget its sandboxes. */
  forgetSandboxes(uid: string): void;
}

const isTerminal = (pod: corev1.Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const podFullName = (pod: corev1.Pod) => `${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`;

export function sandboxConfig(pod: corev1.Pod, attempt: number): PodSandboxConfig {
  const meta = pod.metadata ?? {};
  return {
    metadata: { name: meta.name ?? '', namespace: meta.namespace ?? '', uid: meta.uid ?? '', attempt },
    hostname: pod.spec?.hostname ?? meta.name ?? '',
    labels: { ...meta.labels, [POD_NAME_LABEL]: meta.name ?? '', [POD_NAMESPACE_LABEL]: meta.namespace ?? '', [POD_UID_LABEL]: meta.uid ?? '' },
    annotations: { ...meta.annotations },
    hostNetwork: pod.spec?.hostNetwork === true,
    dnsConfig: podDNSConfig(pod),
  };
}

export class PodSyncer {
  constructor(private readonly ctx: SyncContext) {}

  async sync(w: PodWorker): Promise<void> {
    const { ctx } = this;
    const pod = w.pod;
    const uid = w.uid;

    if (w.removed) {
      // The object is gone (force deletion, or our own delete landed): stop whatever is left.
      await this.killPod(pod, await readPodView(ctx.runtime, uid), 0);
      await this.removeSandboxes(uid);
      this.forget(w);
      return;
    }
    if (pod.metadata?.deletionTimestamp) {
      await this.terminate(w);
      return;
    }
    if (w.admitted === undefined) {
      if (isTerminal(pod)) w.admitted = false;
      else {
        const verdict = admitPod(pod, ctx.admittedPods(), ctx.node);
        if (!verdict.admit) {
          w.admitted = false;
          ctx.recorder.event(pod, 'Warning', verdict.reason!, verdict.message!);
          await ctx.statusManager.setPodStatus(pod, { ...pod.status, phase: 'Failed', reason: verdict.reason, message: `Pod was rejected: ${verdict.message}` });
          return;
        }
        w.admitted = true;
        w.startTime = pod.status?.startTime ?? formatTimestamp(ctx.clock.now());
      }
    }
    if (!w.admitted) return;

    let view = await readPodView(ctx.runtime, uid);
    for (const s of view.sandboxes) ctx.rememberSandbox(s.id, uid);
    if (isTerminal(pod)) {
      // A finished pod runs nothing (restartPolicy decided that before): make sure of it.
      if (view.containers.some((c) => c.state === 'running') || view.sandboxes.some((s) => s.ready)) await this.killPod(pod, view, this.gracePeriod(pod));
      await this.report(w, await readPodView(ctx.runtime, uid));
      return;
    }

    // Like upstream SyncPod, report what is there before acting on it (Pending/ContainerCreating
    // while an image is pulled, the exit code of a container about to be restarted).
    await this.report(w, view);
    const actions = ctx.parts['kubelet.sync'](pod, view, { livenessFailed: ctx.prober.failed('liveness'), startupFailed: ctx.prober.failed('startup') });
    w.waiting = new Map();
    // Upstream SyncPod kills either the whole pod (every container gets the plain "Stopping
    // container" event) or only the containers to kill (with their own reason), never both.
    if (actions.killPod) await this.killPod(pod, view, this.gracePeriod(pod));
    else for (const k of actions.containersToKill) {
      const spec = pod.spec?.containers?.find((c) => c.name === k.name);
      if (spec) ctx.recorder.event(containerRef(pod, spec), 'Normal', 'Killing', k.message);
      await this.killContainer(pod, spec, view.containers.find((c) => c.id === k.id)!, this.gracePeriod(pod), false);
    }
    let sandboxId = actions.sandboxId;
    if (actions.createSandbox) {
      try {
        sandboxId = await ctx.runtime.runPodSandbox(sandboxConfig(pod, actions.attempt));
      } catch (err) {
        ctx.recorder.event(pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${err instanceof Error ? err.message : String(err)}`);
        throw err;
      }
      ctx.rememberSandbox(sandboxId, uid);
      view = await readPodView(ctx.runtime, uid);
    }
    if (sandboxId && (actions.nextInitContainerToStart || actions.containersToStart.length > 0)) {
      const sandbox = view.sandboxes.find((s) => s.id === sandboxId);
      const podIP = sandbox?.ip ?? '';
      if (actions.nextInitContainerToStart) {
        const spec = pod.spec?.initContainers?.find((c) => c.name === actions.nextInitContainerToStart);
        if (spec) await this.startContainer(w, pod, spec, sandboxId, sandbox?.attempt ?? actions.attempt, view, podIP, true);
      }
      for (const name of actions.containersToStart) {
        const spec = pod.spec?.containers?.find((c) => c.name === name);
        if (spec) await this.startContainer(w, pod, spec, sandboxId, sandbox?.attempt ?? actions.attempt, view, podIP, false);
      }
    }
    // The volume manager's periodic remount: ConfigMap and Secret volumes follow their source
    // (updates reach mounted files within a resync, not env vars).
    if (w.volumes.size > 0 && (pod.spec?.volumes ?? []).some(isProjectedVolume)) {
      await makeVolumes(ctx.client, pod, w.volumes, ctx.hostPaths, ctx.node.nodeIP, ctx.disks, this.projection()).catch((err: unknown) => {
        if (!(err instanceof ConfigError) && !(err instanceof VolumeMountError)) throw err;
      });
    }
    await this.report(w, await readPodView(ctx.runtime, uid));
  }

  /** The node's allocatable (= capacity here): the default limits the downward API reports. */
  private allocatable(): Record<string, string> {
    return { cpu: this.ctx.node.cpu, memory: this.ctx.node.memory };
  }

  /** What makeVolumes needs to write configMap, secret, downwardAPI and projected volumes. */
  private projection(): VolumeProjection {
    return { project: this.ctx.parts['configmap.projection'], clock: this.ctx.clock, nodeAllocatable: this.allocatable() };
  }

  /** Status from the runtime's view, through the status manager; probes follow the containers. */
  private async report(w: PodWorker, view: KubeletPodView): Promise<void> {
    const { ctx } = this;
    const pod = w.pod;
    const podIP = view.sandboxes[0]?.ready ? view.sandboxes[0].ip : undefined;
    ctx.prober.syncPod(pod, view.containers, podIP);
    const status = generatePodStatus({
      pod,
      view,
      now: ctx.clock.now(),
      hostIP: ctx.node.nodeIP,
      waiting: w.waiting,
      ready: (c, spec) => ctx.prober.ready(c, spec),
      started: (c, spec) => ctx.prober.started(c, spec),
      startTime: w.startTime ?? formatTimestamp(ctx.clock.now()),
    });
    await ctx.statusManager.setPodStatus(pod, status);
  }

  private gracePeriod(pod: corev1.Pod): number {
    return pod.metadata?.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_SECONDS;
  }

  private async startContainer(w: PodWorker, pod: corev1.Pod, spec: corev1.Container, sandboxId: string, sandboxAttempt: number, view: KubeletPodView, podIP: string, isInit: boolean): Promise<void> {
    const { ctx } = this;
    const ref = containerRef(pod, spec, isInit);
    const latest = latestContainer(view, spec.name) as KubeletContainer | undefined;
    const now = ctx.clock.now();
    if (latest && latest.state === 'exited') {
      // doBackOff: a restart waits until the backoff since the container finished has passed.
      const key = `${w.uid}_${spec.name}`;
      if (ctx.backoff.isInBackOffSince(key, latest.finishedAt, now)) {
        const delay = ctx.backoff.get(key);
        w.waiting.set(spec.name, { reason: 'CrashLoopBackOff', message: `back-off ${formatGoDuration(delay)} restarting failed container=${spec.name} pod=${podFullName(pod)}` });
        ctx.recorder.event(ref, 'Warning', 'BackOff', `Back-off restarting failed container ${spec.name} in pod ${podFullName(pod)}`);
        ctx.requeue(w.uid, Math.max(1, latest.finishedAt + delay - now));
        return;
      }
      ctx.backoff.next(key, latest.finishedAt, now);
    }
    const pulled = await ctx.images.ensureImage(pod, spec, ref);
    if (!pulled.ok) {
      w.waiting.set(spec.name, pulled.waiting);
      // A failed pull is looked at again shortly (upstream: the pod worker's requeue after a
      // sync error), which shows ImagePullBackOff; backoff over, the pull is tried again.
      if (pulled.waiting.reason === 'ErrImagePull') ctx.requeue(w.uid, 1000);
      else if (pulled.retryAt !== undefined) ctx.requeue(w.uid, Math.max(1, pulled.retryAt - ctx.clock.now()));
      return;
    }
    const attempt = latest ? latest.attempt + 1 : 0;
    let id: string;
    try {
      // Volumes first (upstream mounts them before any container starts), then the env.
      await makeVolumes(ctx.client, pod, w.volumes, ctx.hostPaths, ctx.node.nodeIP, ctx.disks, this.projection());
      const envs = await makeEnvironment(ctx.client, ctx.parts['configmap.env'], pod, spec, { hostIP: ctx.node.nodeIP, podIP, nodeAllocatable: this.allocatable() });
      const mounts = applyClaimReadOnly(pod, spec, makeMounts(spec, w.volumes));
      id = await ctx.runtime.createContainer(sandboxId, containerConfig(pod, spec, attempt, envs, mounts), sandboxConfig(pod, sandboxAttempt));
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (err instanceof VolumeMountError) {
        // WaitForAttachAndMount: the container is not created; the pod stays ContainerCreating.
        ctx.recorder.event(pod, 'Warning', 'FailedMount', msg);
        ctx.requeue(w.uid, 2_000);
        return;
      }
      const reason = err instanceof ConfigError ? 'CreateContainerConfigError' : 'CreateContainerError';
      if (!(err instanceof ConfigError) && isStatusError(err)) throw err; // API trouble: retry the whole sync
      w.waiting.set(spec.name, { reason, message: msg });
      ctx.recorder.event(ref, 'Warning', 'Failed', `Error: ${msg}`);
      ctx.requeue(w.uid, 10_000);
      return;
    }
    ctx.recorder.event(ref, 'Normal', 'Created', `Created container: ${spec.name}`);
    try {
      await ctx.runtime.startContainer(id);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      w.waiting.set(spec.name, { reason: 'RunContainerError', message: msg });
      ctx.recorder.event(ref, 'Warning', 'Failed', `Error: ${msg}`);
      return;
    }
    ctx.recorder.event(ref, 'Normal', 'Started', `Started container ${spec.name}`);
    // postStart hook (exec / httpGet): run, but a failure only gets an event here.
    const postStart = spec.lifecycle?.postStart;
    if (postStart?.exec?.command) {
      const r = await ctx.runtime.execSync(id, postStart.exec.command, 30).catch(() => undefined);
      if (!r || r.exitCode !== 0) ctx.recorder.event(ref, 'Warning', 'FailedPostStartHook', `PostStartHook failed`);
    }
  }

  /**
   * killContainer (kuberuntime_container.go): preStop hook, then SIGTERM with the grace left,
   * never less than 2 s, then SIGKILL (the runtime does the last step on its clock).
   */
  private async killContainer(pod: corev1.Pod, spec: corev1.Container | undefined, c: KubeletContainer, grace: number, event = true): Promise<void> {
    const { ctx } = this;
    if (c.state !== 'running' && c.state !== 'created') return;
    const ref = spec ? containerRef(pod, spec) : undefined;
    if (event && ref) ctx.recorder.event(ref, 'Normal', 'Killing', `Stopping container ${c.name}`);
    let remaining = grace;
    const preStop = spec?.lifecycle?.preStop;
    if (preStop && grace > 0 && c.state === 'running') {
      const start = ctx.clock.now();
      await this.runHook(preStop, c, spec!, pod, grace);
      remaining = grace - Math.floor((ctx.clock.now() - start) / 1000);
    }
    remaining = Math.max(remaining, MINIMUM_GRACE_PERIOD_SECONDS);
    await ctx.runtime.stopContainer(c.id, remaining);
  }

  private async runHook(hook: corev1.LifecycleHandler, c: KubeletContainer, spec: corev1.Container, pod: corev1.Pod, grace: number): Promise<void> {
    const { ctx } = this;
    const ref = containerRef(pod, spec);
    try {
      if (hook.exec?.command) {
        const r = await ctx.runtime.execSync(c.id, hook.exec.command, grace);
        if (r.exitCode !== 0) ctx.recorder.event(ref, 'Warning', 'FailedPreStopHook', `PreStopHook failed`);
      } else if (hook.httpGet) {
        const host = hook.httpGet.host || (await readPodView(ctx.runtime, pod.metadata?.uid ?? '')).sandboxes[0]?.ip || '';
        const port = typeof hook.httpGet.port === 'number' ? hook.httpGet.port : (spec.ports?.find((p) => p.name === hook.httpGet!.port)?.containerPort ?? Number(hook.httpGet.port));
        await ctx.network.httpRequest(undefined, host, port, { method: 'GET', path: hook.httpGet.path || '/', headers: { host: `${host}:${port}` } }, grace * 1000);
      } else if (hook.sleep) {
        await ctx.clock.sleep(Math.min(hook.sleep.seconds, grace) * 1000);
      }
    } catch {
      ctx.recorder.event(ref, 'Warning', 'FailedPreStopHook', `PreStopHook failed`);
    }
  }

  /** Stops every container (in parallel, each with the grace period) and the sandboxes. */
  private async killPod(pod: corev1.Pod, view: KubeletPodView, grace: number): Promise<void> {
    const { ctx } = this;
    const specs = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    await Promise.all(view.containers.map((c) => this.killContainer(pod, specs.find((s) => s.name === c.name), c, grace)));
    for (const s of view.sandboxes) if (s.ready) await ctx.runtime.stopPodSandbox(s.id);
  }

  /** SyncTerminatingPod + the status manager's final delete (status_manager.go canBeDeleted). */
  private async terminate(w: PodWorker): Promise<void> {
    const { ctx } = this;
    const pod = w.pod;
    if (!w.terminated) {
      const view = await readPodView(ctx.runtime, w.uid);
      ctx.prober.removePod(w.uid);
      await this.killPod(pod, view, this.gracePeriod(pod));
      w.terminated = true;
    }
    const view = await readPodView(ctx.runtime, w.uid);
    if (w.admitted) {
      const status = generatePodStatus({
        pod,
        view,
        now: ctx.clock.now(),
        hostIP: ctx.node.nodeIP,
        waiting: new Map(),
        ready: () => false,
        started: () => false,
        startTime: w.startTime ?? formatTimestamp(ctx.clock.now()),
      });
      // A pod stopped for deletion is terminal: Succeeded only if every container exited 0.
      if (status.phase !== 'Succeeded' && status.phase !== 'Failed') {
        const all = status.containerStatuses ?? [];
        status.phase = all.length > 0 && all.every((s) => s.state?.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
      }
      await ctx.statusManager.setPodStatus(pod, status);
    }
    try {
      await ctx.client.pods(pod.metadata?.namespace).delete(pod.metadata?.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid: w.uid } });
    } catch (err) {
      if (!isStatusError(err, 'NotFound') && !isStatusError(err, 'Conflict')) throw err;
    }
    await this.removeSandboxes(w.uid);
    this.forget(w);
  }

  private async removeSandboxes(uid: string): Promise<void> {
    const view = await readPodView(this.ctx.runtime, uid);
    for (const s of view.sandboxes) await this.ctx.runtime.removePodSandbox(s.id).catch(() => undefined);
  }

  private forget(w: PodWorker): void {
    const { ctx } = this;
    ctx.prober.removePod(w.uid);
    ctx.images.forgetPod(w.uid);
    ctx.forgetSandboxes(w.uid);
    for (const c of [...(w.pod.spec?.initContainers ?? []), ...(w.pod.spec?.containers ?? [])]) ctx.backoff.reset(`${w.uid}_${c.name}`);
    w.finished = true;
  }
}
