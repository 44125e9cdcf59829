/**
 * What the runtime holds for one pod, read through the CRI by the labels the kubelet put on
 * every sandbox and container (upstream kuberuntime GetPodStatus with the
 * `io.kubernetes.pod.uid` label; types.KubernetesPodUIDLabel and friends).
 */
import type { ContainerRuntime, ContainerStatus, PodSandboxStatus } from '../runtime/cri.ts';
import type { RuntimeContainer, RuntimeContainerState, RuntimePodView, RuntimeSandbox } from './pod-actions.ts';

export const POD_NAME_LABEL = 'io.kubernetes.pod.name';
export const POD_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
export const POD_UID_LABEL = 'io.kubernetes.pod.uid';
export const CONTAINER_NAME_LABEL = 'io.kubernetes.container.name';

export interface KubeletContainer extends RuntimeContainer {
  createdAt: number;
  image: string;
  imageRef: string;
  message: string;
}

export interface KubeletSandbox extends RuntimeSandbox {
  ip: string;
}

export interface KubeletPodView extends RuntimePodView {
  sandboxes: KubeletSandbox[];
  containers: KubeletContainer[];
}

const STATE: Record<ContainerStatus['state'], RuntimeContainerState> = {
  CONTAINER_CREATED: 'created',
  CONTAINER_RUNNING: 'running',
  CONTAINER_EXITED: 'exited',
  CONTAINER_UNKNOWN: 'unknown',
};

export function toKubeletContainer(c: ContainerStatus): KubeletContainer {
  return {
    id: c.id,
    name: c.labels[CONTAINER_NAME_LABEL] ?? c.metadata.name,
    attempt: c.metadata.attempt,
    state: STATE[c.state],
    exitCode: c.exitCode,
    createdAt: c.createdAt,
    startedAt: c.startedAt,
    finishedAt: c.finishedAt,
    reason: c.reason,
    message: c.message,
    image: c.image,
    imageRef: c.imageRef,
  };
}

export function toKubeletSandbox(s: PodSandboxStatus): KubeletSandbox {
  return { id: s.id, ready: s.state === 'SANDBOX_READY', attempt: s.metadata.attempt, createdAt: s.createdAt, ip: s.ip };
}

/** Newest first: by creation time, then attempt (two created in the same virtual millisecond). */
const newestFirst = (a: { createdAt: number; attempt: number }, b: { createdAt: number; attempt: number }) => b.createdAt - a.createdAt || b.attempt - a.attempt;

export async function readPodView(runtime: ContainerRuntime, uid: string): Promise<KubeletPodView> {
  const selector = { [POD_UID_LABEL]: uid };
  const [sandboxes, containers] = await Promise.all([runtime.listPodSandbox({ labelSelector: selector }), runtime.listContainers({ labelSelector: selector })]);
  return {
    sandboxes: sandboxes.map(toKubeletSandbox).sort(newestFirst),
    containers: containers.map(toKubeletContainer).sort(newestFirst),
  };
}
