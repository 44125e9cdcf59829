/**
 * The pod status the kubelet reports, computed from the runtime's view (upstream
 * pkg/kubelet/kubelet_pods.go generateAPIPodStatus, convertToAPIContainerStatuses, getPhase,
 * and pkg/kubelet/status/generate.go for the conditions).
 *
 * - Container state: no container yet → Waiting `ContainerCreating` (app containers, once
 *   initialised) or `PodInitializing`; a start that failed or is backing off → Waiting with that
 *   reason (`CrashLoopBackOff`, `ErrImagePull`, `ImagePullBackOff`, ...) and the last run as
 *   lastState; running → Running; exited for good → Terminated (`Completed`, `Error`,
 *   `OOMKilled`). restartCount is the newest container's attempt.
 * - Phase (getPhase): Pending until initialised and while any container waits without having run;
 *   Running while one runs (or all stopped but they will restart); Succeeded when all exited 0
 *   and none restarts; Failed otherwise. A terminal phase never changes back.
 * - Conditions: PodReadyToStartContainers (sandbox ready), Initialized (`containers with
 *   incomplete status: [init]`), ContainersReady and Ready (`containers with unready status:
 *   [web]`, reason ContainersNotReady; PodCompleted once Succeeded). lastTransitionTime moves only
 *   when the status flips.
 */
import type { corev1 } from '../api/types.ts';
import { formatTimestamp } from '../client/event-recorder.ts';
import type { KubeletContainer, KubeletPodView } from './runtime-view.ts';

export interface WaitingReason {
  reason: string;
  message?: string;
}

export interface PodStatusInputs {
  pod: corev1.Pod;
  view: KubeletPodView;
  now: number;
  hostIP: string;
  /** Why a container could not be started on the last sync (by container name). */
  waiting: ReadonlyMap<string, WaitingReason>;
  /** Readiness verdict of a running container (by container id). */
  ready(container: KubeletContainer, spec: corev1.Container): boolean;
  /** Whether the startup probe (if any) has passed. */
  started(container: KubeletContainer, spec: corev1.Container): boolean;
  /** Set once, when the kubelet first accepted the pod. */
  startTime: string;
}

/** Conditions the kubelet owns; others (PodScheduled, readiness gates, DisruptionTarget) are kept. */
export const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady'];

const ts = formatTimestamp;

function terminated(c: KubeletContainer): corev1.ContainerStateTerminated {
  const t: corev1.ContainerStateTerminated = {
    exitCode: c.exitCode,
    reason: c.reason || (c.exitCode === 0 ? 'Completed' : 'Error'),
    startedAt: c.startedAt ? ts(c.startedAt) : undefined,
    finishedAt: ts(c.finishedAt || c.startedAt || c.createdAt),
    containerID: `containerd://${c.id}`,
  };
  if (c.message) t.message = c.message;
  if (!t.startedAt) delete t.startedAt;
  return t;
}

function containerStatus(spec: corev1.Container, all: KubeletContainer[], inputs: PodStatusInputs, defaultWaiting: string, isInit: boolean): corev1.ContainerStatus {
  const mine = all.filter((c) => c.name === spec.name);
  const latest = mine[0];
  const previous = mine[1];
  const status: corev1.ContainerStatus = {
    name: spec.name,
    // Once a container exists, the runtime's name for its image (containerd: the normalised
    // repo tag, docker.io/library/nginx:latest); before that, the spec's (kubelet_pods.go).
    image: latest?.image || (spec.image ?? ''),
    imageID: latest?.imageRef ?? '',
    ready: false,
    restartCount: latest?.attempt ?? 0,
    started: false,
    state: {},
    lastState: {},
  };
  if (latest) status.containerID = `containerd://${latest.id}`;
  const waiting = inputs.waiting.get(spec.name);
  if (!latest) {
    status.state = { waiting: waiting ?? { reason: defaultWaiting } };
    return status;
  }
  if (latest.state === 'running') {
    status.state = { running: { startedAt: ts(latest.startedAt || latest.createdAt) } };
    status.started = isInit ? true : inputs.started(latest, spec);
    status.ready = isInit ? false : status.started && inputs.ready(latest, spec);
    if (previous && previous.state === 'exited') status.lastState = { terminated: terminated(previous) };
    return status;
  }
  if (latest.state === 'exited') {
    if (waiting) {
      // A restart is pending (CrashLoopBackOff, or the next image pull failed): show why, with
      // the run that ended as lastState.
      status.state = { waiting };
      status.lastState = { terminated: terminated(latest) };
    } else {
      status.state = { terminated: terminated(latest) };
      if (previous && previous.state === 'exited') status.lastState = { terminated: terminated(previous) };
    }
    return status;
  }
  // Created but not started yet, or unknown.
  status.state = { waiting: waiting ?? { reason: defaultWaiting } };
  return status;
}

function cond(type: string, ok: boolean, now: number, previous: corev1.PodCondition[] | undefined, reason?: string, message?: string): corev1.PodCondition {
  const status = ok ? 'True' : 'False';
  const prev = previous?.find((c) => c.type === type);
  const c: corev1.PodCondition = {
    type,
    status,
    lastProbeTime: null as unknown as string,
    lastTransitionTime: prev && prev.status === status && prev.lastTransitionTime ? prev.lastTransitionTime : ts(now),
  };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

const succeeded = (c: KubeletContainer | undefined) => c?.state === 'exited' && c.exitCode === 0;

/** getPhase for the app containers, once initialised. */
function appPhase(pod: corev1.Pod, statuses: corev1.ContainerStatus[]): string {
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let ok = 0;
  for (const s of statuses) {
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) ok++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    }
  }
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === ok) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

export function generatePodStatus(inputs: PodStatusInputs): corev1.PodStatus {
  const { pod, view, now } = inputs;
  const previous = pod.status;
  const sandbox = view.sandboxes[0];
  const inits = pod.spec?.initContainers ?? [];
  const containers = pod.spec?.containers ?? [];
  const policy = pod.spec?.restartPolicy ?? 'Always';

  const incompleteInits = inits.filter((c) => !succeeded(view.containers.find((v) => v.name === c.name))).map((c) => c.name);
  const initialized = incompleteInits.length === 0;
  const initStatuses = inits.map((c) => containerStatus(c, view.containers, inputs, 'PodInitializing', true));
  const appStatuses = containers.map((c) => containerStatus(c, view.containers, inputs, initialized ? 'ContainerCreating' : 'PodInitializing', false));

  let phase: string;
  const failedInit = inits.some((c) => {
    const v = view.containers.find((x) => x.name === c.name);
    return v?.state === 'exited' && v.exitCode !== 0;
  });
  if (previous?.phase === 'Succeeded' || previous?.phase === 'Failed') phase = previous.phase;
  else if (!initialized) phase = failedInit && policy === 'Never' ? 'Failed' : 'Pending';
  else phase = appPhase(pod, appStatuses);

  const unready = appStatuses.filter((s) => !s.ready).map((s) => s.name);
  const allReady = unready.length === 0 && appStatuses.length > 0;
  const readyReason = allReady ? undefined : phase === 'Succeeded' ? 'PodCompleted' : 'ContainersNotReady';
  const readyMessage = allReady || phase === 'Succeeded' ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const conditions: corev1.PodCondition[] = [
    cond('PodReadyToStartContainers', sandbox?.ready === true, now, previous?.conditions),
    cond('Initialized', initialized, now, previous?.conditions, initialized ? undefined : 'ContainersNotInitialized', initialized ? undefined : `containers with incomplete status: [${incompleteInits.join(' ')}]`),
    cond('Ready', allReady, now, previous?.conditions, readyReason, readyMessage),
    cond('ContainersReady', allReady, now, previous?.conditions, readyReason, readyMessage),
  ];

  const status: corev1.PodStatus = {
    ...previous,
    phase,
    conditions,
    hostIP: inputs.hostIP,
    hostIPs: [{ ip: inputs.hostIP }],
    startTime: inputs.startTime,
    containerStatuses: appStatuses,
  };
  if (inits.length > 0) status.initContainerStatuses = initStatuses;
  if (sandbox?.ip) {
    status.podIP = sandbox.ip;
    status.podIPs = [{ ip: sandbox.ip }];
  } else if (previous?.podIP) {
    // Keep the last known IP once the sandbox is torn down (upstream keeps it for terminated pods).
    status.podIP = previous.podIP;
  }
  delete status.reason;
  delete status.message;
  return status;
}
