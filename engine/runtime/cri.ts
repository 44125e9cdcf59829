/**
 * The Container Runtime Interface as the kubelet uses it: a slimmed, async rendering of
 * k8s.io/cri-api RuntimeService + ImageService (pkg/apis/runtime/v1/api.proto). The kubelet
 * speaks only this; the simulated runtime (engine/runtime/simulated/) implements it on the
 * cluster's clock, as containerd or CRI-O would on a real node.
 *
 * Failures reject with a CriError whose message imitates containerd's, e.g. for an image that
 * does not exist: `rpc error: code = NotFound desc = failed to pull and unpack image
 * "docker.io/library/nginxx:latest": ... not found`.
 */

export type CriErrorCode = 'NotFound' | 'AlreadyExists' | 'InvalidArgument' | 'FailedPrecondition' | 'DeadlineExceeded' | 'Unknown';

export class CriError extends Error {
  constructor(
    readonly code: CriErrorCode,
    desc: string,
  ) {
    super(`rpc error: code = ${code} desc = ${desc}`);
    this.name = 'CriError';
  }
}

export interface KeyValue {
  key: string;
  value: string;
}

export interface PodSandboxMetadata {
  name: string;
  namespace: string;
  uid: string;
  /** Incremented each time the kubelet recreates the sandbox of the same pod. */
  attempt: number;
}

export interface PodSandboxConfig {
  metadata: PodSandboxMetadata;
  hostname: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Use the node's network namespace (pod.spec.hostNetwork): the pod gets the node's IP. */
  hostNetwork?: boolean;
  /**
   * The pod's DNS settings (CRI DNSConfig), which the runtime writes as the containers'
   * /etc/resolv.conf; absent: the image's own (none in the simulated images).
   */
  dnsConfig?: DNSConfig;
}

/** CRI DNSConfig: what the kubelet computed from the pod's dnsPolicy / dnsConfig. */
export interface DNSConfig {
  servers: string[];
  searches: string[];
  /** resolv.conf options, e.g. `ndots:5`. */
  options: string[];
}

export type PodSandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';

export interface PodSandboxStatus {
  id: string;
  metadata: PodSandboxMetadata;
  state: PodSandboxState;
  /** ms since epoch (cluster clock). */
  createdAt: number;
  /** The pod IP, from the node's pod CIDR (the CNI's host-local IPAM). */
  ip: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface ContainerMetadata {
  name: string;
  /** How many times the kubelet has created this container for this sandbox (restartCount). */
  attempt: number;
}

/** A file or directory tree mounted into a container (volumes come from the kubelet). */
export interface Mount {
  containerPath: string;
  readonly?: boolean;
  /** The volume's files, shared by every container that mounts it (a per-pod virtual filesystem). */
  volume: unknown;
  /** Mount only this path inside the volume. */
  subPath?: string;
}

export interface LinuxContainerResources {
  /** From resources.requests.cpu, as millicores (the kubelet's cpu shares, in readable units). */
  cpuMillis?: number;
  /** From resources.limits.memory; a process that uses more is OOM-killed (exit 137). */
  memoryLimitBytes?: number;
}

export interface ContainerConfig {
  metadata: ContainerMetadata;
  image: string;
  /** The image's entrypoint is used when empty (pod spec `command`). */
  command: string[];
  /** The image's cmd is used when both command and args are empty (pod spec `args`). */
  args: string[];
  workingDir?: string;
  envs: KeyValue[];
  mounts: Mount[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
  resources?: LinuxContainerResources;
  /** Ports the container declares (informational, as in CRI). */
  ports?: Array<{ containerPort: number; protocol: string; name?: string }>;
}

export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';

export interface ContainerStatus {
  id: string;
  podSandboxId: string;
  metadata: ContainerMetadata;
  state: ContainerState;
  /** ms since epoch (cluster clock); 0 when not reached. */
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  /** The image as the pod asked for it, and the resolved reference (`docker.io/library/nginx@sha256:...`). */
  image: string;
  imageRef: string;
  /** For exited containers: 'Completed' (exit 0), 'Error', or 'OOMKilled'. */
  reason: string;
  message: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface ContainerFilter {
  podSandboxId?: string;
  state?: ContainerState;
  labelSelector?: Record<string, string>;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface LogEntry {
  /** ms since epoch (cluster clock). */
  time: number;
  stream: 'stdout' | 'stderr';
  line: string;
}

export interface LogOptions {
  /** Only the last N lines. */
  tail?: number;
  /** Only lines at or after this time. */
  sinceTime?: number;
}

/** CRI GetContainerEvents: what the evented PLEG listens to. */
export interface ContainerEvent {
  type: 'CONTAINER_CREATED_EVENT' | 'CONTAINER_STARTED_EVENT' | 'CONTAINER_STOPPED_EVENT' | 'CONTAINER_DELETED_EVENT';
  containerId: string;
  podSandboxId: string;
  time: number;
}

export interface ImageSpec {
  image: string;
}

export interface Image {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  sizeBytes: number;
}

// #region cri
export interface RuntimeService {
  version(): Promise<{ runtimeName: string; runtimeVersion: string; runtimeApiVersion: string }>;

  runPodSandbox(config: PodSandboxConfig): Promise<string>;
  /** Stops every container of the sandbox (killing them at once) and releases its IP. */
  stopPodSandbox(podSandboxId: string): Promise<void>;
  removePodSandbox(podSandboxId: string): Promise<void>;
  podSandboxStatus(podSandboxId: string): Promise<PodSandboxStatus>;
  listPodSandbox(filter?: { state?: PodSandboxState; labelSelector?: Record<string, string> }): Promise<PodSandboxStatus[]>;

  createContainer(podSandboxId: string, config: ContainerConfig, sandboxConfig: PodSandboxConfig): Promise<string>;
  startContainer(containerId: string): Promise<void>;
  /** SIGTERM, then SIGKILL after `timeoutSeconds` of the clock if still running (0: kill at once). */
  stopContainer(containerId: string, timeoutSeconds: number): Promise<void>;
  removeContainer(containerId: string): Promise<void>;
  listContainers(filter?: ContainerFilter): Promise<ContainerStatus[]>;
  containerStatus(containerId: string): Promise<ContainerStatus>;
  /** Runs a command in a running container (exec probes, kubectl exec); DeadlineExceeded on timeout. */
  execSync(containerId: string, cmd: string[], timeoutSeconds: number): Promise<ExecResult>;
  /** What the container wrote to stdout/stderr (the kubelet's /var/log/pods files). */
  readLogs(containerId: string, options?: LogOptions): Promise<LogEntry[]>;
  /** Calls `listener` for every later line; returns a function that stops following. */
  followLogs(containerId: string, listener: (entry: LogEntry) => void): () => void;
  /** Container lifecycle events, in order; returns a function that unsubscribes. */
  subscribeContainerEvents(listener: (event: ContainerEvent) => void): () => void;
}

export interface ImageService {
  /** Resolves with the image reference; rejects with CriError NotFound for unknown images. */
  pullImage(image: ImageSpec): Promise<string>;
  /** undefined when the image is not on the node. */
  imageStatus(image: ImageSpec): Promise<Image | undefined>;
  listImages(): Promise<Image[]>;
  removeImage(image: ImageSpec): Promise<void>;
}
// #endregion cri

/** One node's container runtime (containerd + CNI on a real node). */
export interface ContainerRuntime extends RuntimeService, ImageService {}
