/**
 * The `kubelet.sync` part: computePodActions — given a pod's spec and what the container runtime
 * currently holds for it, decide what the kubelet does next (upstream:
 * pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions, computeInitContainerActions,
 * podSandboxChanged, shouldContainerBeRestarted in pkg/kubelet/container/helpers.go).
 *
 * It is pure: it reads the view and returns a plan. The pod worker carries the plan out (kills
 * first, then the sandbox, then starts, each start subject to CrashLoopBackOff, see backoff.ts)
 * and, on its next sync, sees the result in a fresh view. Worked example, restartPolicy Always,
 * one init container `init` and one app container `web`:
 *
 *   view: no sandbox                       → createSandbox, attempt 0, start init container `init`
 *   view: sandbox ready, init running      → nothing (wait for it to finish)
 *   view: init exited 1                    → start `init` again (Always/OnFailure; Never fails the pod: killPod)
 *   view: init exited 0, no `web`          → start `web`
 *   view: web exited 1                     → start `web` again (Never: nothing to start, nothing running → killPod)
 *   view: web running, liveness failed     → kill `web` ("Container web failed liveness probe, will be restarted"), start it
 *   view: sandbox not ready (node reboot)  → killPod + createSandbox, attempt = last attempt + 1, start over from `init`
 */
import type { corev1 } from '../api/types.ts';

export type RuntimeContainerState = 'created' | 'running' | 'exited' | 'unknown';

/** One container the runtime holds for the pod (a CRI ContainerStatus, trimmed). */
export interface RuntimeContainer {
  id: string;
  /** The container's name in the pod spec. */
  name: string;
  /** How many times it was created before for this pod: the restartCount it represents. */
  attempt: number;
  state: RuntimeContainerState;
  exitCode: number;
  /** ms since epoch; 0 when not reached. */
  startedAt: number;
  finishedAt: number;
  /** For exited containers: 'Completed', 'Error' or 'OOMKilled'. */
  reason: string;
}

export interface RuntimeSandbox {
  id: string;
  ready: boolean;
  attempt: number;
  createdAt: number;
}

/** What the runtime holds for one pod, newest first in both lists. */
export interface RuntimePodView {
  sandboxes: RuntimeSandbox[];
  containers: RuntimeContainer[];
}

/** What the prober reports for a running container (by container id). */
export interface ProbeVerdicts {
  /** Containers whose liveness probe has failed failureThreshold times: restart them. */
  livenessFailed?: ReadonlySet<string>;
  /** Containers whose startup probe has failed failureThreshold times: restart them. */
  startupFailed?: ReadonlySet<string>;
}

export interface ContainerToKill {
  id: string;
  name: string;
  /**
   * Why, as the Killing event's message says it: `Container web failed liveness probe` (or
   * `startup probe`), followed by `, will be restarted` when the restart policy brings it back.
   */
  message: string;
}

// #region pod-actions
export interface PodActions {
  /** Stop every container and the sandbox (the pod is done, or its sandbox is being recreated). */
  killPod: boolean;
  /** Run a new sandbox (after killing the old one when killPod is also set). */
  createSandbox: boolean;
  /** The sandbox to start containers in, when it is kept. */
  sandboxId?: string;
  /** The new sandbox's attempt when createSandbox is set. */
  attempt: number;
  /** The one init container to start next (init containers run one at a time, in order). */
  nextInitContainerToStart?: string;
  /** App containers to start (names, in spec order). */
  containersToStart: string[];
  /** Running containers to stop first. */
  containersToKill: ContainerToKill[];
}

/** The part's signature. */
export type ComputePodActions = (pod: corev1.Pod, view: RuntimePodView, probes?: ProbeVerdicts) => PodActions;
// #endregion pod-actions

/** Newest runtime container of `name` (the view lists newest first). */
export function latestContainer(view: RuntimePodView, name: string): RuntimeContainer | undefined {
  return view.containers.find((c) => c.name === name);
}
