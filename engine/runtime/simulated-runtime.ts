/**
 * One node's container runtime: a containerd-like implementation of the CRI (cri.ts) on the
 * cluster's clock. Pod sandboxes get IPs from the node's podCIDR (host-local IPAM) and attach to
 * the cluster network; containers run the image catalog's simulated programs; their lifecycle
 * decisions come from the `runtime.container` part (container-lifecycle.ts).
 *
 * What mirrors containerd (internal/cri/server/*):
 *  - PullImage resolves the reference (`nginx` → docker.io/library/nginx:latest), takes time that
 *    grows with the image size, reuses images already present, and fails for unknown images with
 *    `failed to pull and unpack image "<ref>": failed to resolve reference "<ref>": <ref>: not found`.
 *  - StartContainer of a command the image lacks fails (runc's "executable file not found in
 *    $PATH"), leaving the container EXITED with 128 / StartError.
 *  - StopContainer sends the image's stop signal, waits the timeout, then SIGKILLs; it returns once
 *    the container has exited. RemoveContainer of a running container kills it first.
 *  - ExecSync runs in the container's context; past its timeout it fails with DeadlineExceeded.
 *  - Container events CREATED / STARTED / STOPPED / DELETED are delivered in order.
 */
import type { Clock, TimerHandle } from '../util/clock.ts';
import type { Random } from '../util/random.ts';
import { ContainerFs, type ContainerMount, type ResolveMount } from './container-fs.ts';
import type { ContainerEventInput, ContainerLifecycle, ContainerRecord } from './container-lifecycle.ts';
import {
  CriError,
  type ContainerConfig,
  type ContainerEvent,
  type ContainerRuntime,
  type ContainerStatus,
  type ExecResult,
  type Image,
  type LogEntry,
  type PodSandboxConfig,
  type PodSandboxStatus,
} from './cri.ts';
import { argvFor, MINIMAL_TOOLS, notFoundInPath, resolveProgram } from './entrypoint.ts';
import { createImageStore, type StoredImage } from './image-store.ts';
import type { ParseImageReference } from './image-reference.ts';
import type { ImageCatalog } from './images/catalog.ts';
import { createHostLocalIpam } from './ipam.ts';
import { startProcess, type SimulatedProcess } from './process.ts';
import type { SimulatedNetwork } from './simulated-network.ts';
import { createVolume, isVolume } from './volume.ts';
import { formatResolvConf } from './resolv-conf.ts';

export interface SimulatedRuntimeOptions {
  clock: Clock;
  random: Random;
  nodeName: string;
  podCIDR: string;
  nodeIP: string;
  network: SimulatedNetwork;
  /** The node's memory; when the containers together use more, the allocating one is OOM-killed. */
  memoryBytes?: number;
  /** Part `runtime.container` (the reference is solutions/runtime/container-lifecycle.ts). */
  containerLifecycle: ContainerLifecycle;
  /** Part `runtime.image` (the reference is solutions/runtime/image-reference.ts). */
  parseImageReference: ParseImageReference;
  /** Part `volume.mounts` (solutions/volume/mounts.ts): which mount a container path is in. */
  resolveMount: ResolveMount;
  /** The registry to pull from (default: every image family in images/). */
  catalog?: ImageCatalog;
  /** Download speed used for pull times (default 25 MB/s, plus 1 s to resolve). */
  pullBytesPerSecond?: number;
}

export interface SimulatedRuntime extends ContainerRuntime {
  readonly nodeName: string;
  /** The node goes down: every process dies (no events for dead containers are lost), IPs are released. */
  shutdown(): void;
  /** Resident memory of a running container's main process, in bytes (0 when not running). */
  memoryUsage(containerId: string): number;
  /** Resident memory of every running container on the node (for MemoryPressure / eviction). */
  nodeMemoryUsage(): number;
}

interface Sandbox {
  id: string;
  config: PodSandboxConfig;
  state: 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
  createdAt: number;
  ip: string;
  ipAllocated: boolean;
  containers: Set<string>;
}

interface Container {
  id: string;
  sandbox: Sandbox;
  config: ContainerConfig;
  record: ContainerRecord;
  image: StoredImage;
  fs: ContainerFs;
  env: Record<string, string>;
  process?: SimulatedProcess;
  killTimer?: TimerHandle;
  logs: LogEntry[];
  followers: Set<(e: LogEntry) => void>;
  exitWaiters: Array<() => void>;
}

/** Lines of log kept per container; older lines are dropped as rotation would. */
export const MAX_LOG_LINES = 20_000;

export function createSimulatedRuntime(options: SimulatedRuntimeOptions): SimulatedRuntime {
  const { clock, network, nodeName, nodeIP, containerLifecycle: lifecycle } = options;
  const random = options.random.fork(`runtime/${nodeName}`);
  const ipam = createHostLocalIpam(options.podCIDR);
  const imageStore = createImageStore({ clock, parseImageReference: options.parseImageReference, catalog: options.catalog, pullBytesPerSecond: options.pullBytesPerSecond });
  const sandboxes = new Map<string, Sandbox>();
  const containers = new Map<string, Container>();
  const eventListeners = new Set<(e: ContainerEvent) => void>();
  network.attachIp(nodeIP, `node/${nodeName}`);

  const newId = () => random.string(64, '0123456789abcdef');

  const emit = (type: ContainerEvent['type'], c: Container) => {
    const event: ContainerEvent = { type, containerId: c.id, podSandboxId: c.sandbox.id, time: clock.now() };
    for (const l of [...eventListeners]) l(event);
  };

  function getContainer(id: string): Container {
    const c = containers.get(id);
    if (!c) throw new CriError('NotFound', `an error occurred when try to find container "${id}": not found`);
    return c;
  }

  function getSandbox(id: string): Sandbox {
    const s = sandboxes.get(id);
    if (!s) throw new CriError('NotFound', `an error occurred when try to find sandbox "${id}": not found`);
    return s;
  }

  function writeLog(c: Container, stream: 'stdout' | 'stderr', line: string) {
    const entry: LogEntry = { time: clock.now(), stream, line };
    c.logs.push(entry);
    // Log rotation (the kubelet's containerLogMaxSize/Files) bounds what is kept; here by lines.
    if (c.logs.length > MAX_LOG_LINES + 1_000) c.logs.splice(0, c.logs.length - MAX_LOG_LINES);
    for (const f of [...c.followers]) f(entry);
  }

  /** Feeds one event to the lifecycle part and carries out what it decides. */
  function apply(c: Container, event: ContainerEventInput): void {
    const result = lifecycle.transition(c.record, event);
    if (!result.ok) throw result.error;
    const wasExited = c.record.state === 'CONTAINER_EXITED';
    c.record = result.record;
    for (const action of result.actions) {
      if (action.type === 'signal') c.process?.signal(action.signal);
      else if (action.type === 'armKill') {
        clock.clearTimeout(c.killTimer);
        c.killTimer = clock.setTimeout(() => {
          c.killTimer = undefined;
          apply(c, { type: 'graceExpired', now: clock.now() });
        }, action.afterMs);
      } else if (action.type === 'cancelKill') {
        clock.clearTimeout(c.killTimer);
        c.killTimer = undefined;
      }
    }
    if (!wasExited && c.record.state === 'CONTAINER_EXITED') {
      // The process is gone however the container ended (a kill that the part decided, too).
      if (c.process?.alive) c.process.terminate(c.record.exitCode);
      clock.clearTimeout(c.killTimer);
      emit('CONTAINER_STOPPED_EVENT', c);
      for (const w of c.exitWaiters.splice(0)) w();
    }
  }

  function nodeMemoryInUse(): number {
    let total = 0;
    for (const c of containers.values()) if (c.process?.alive) total += c.image.content.baseMemoryBytes + c.process.residentBytes;
    return total;
  }

  function checkMemory(c: Container, resident: number): void {
    const limit = c.config.resources?.memoryLimitBytes;
    const used = c.image.content.baseMemoryBytes + resident;
    const overLimit = limit !== undefined && limit > 0 && used > limit;
    const overNode = options.memoryBytes !== undefined && nodeMemoryInUse() > options.memoryBytes;
    if ((overLimit || overNode) && c.record.state === 'CONTAINER_RUNNING') apply(c, { type: 'oom', now: clock.now() });
  }

  const runtime: SimulatedRuntime = {
    nodeName,

    async version() {
      return { runtimeName: 'containerd', runtimeVersion: 'v1.7.24', runtimeApiVersion: 'v1' };
    },

    async runPodSandbox(config) {
      const id = newId();
      let ip = nodeIP;
      let ipAllocated = false;
      if (!config.hostNetwork) {
        const got = ipam.allocate(id);
        if (!got) {
          throw new CriError(
            'Unknown',
            `failed to setup network for sandbox "${id}": plugin type="bridge" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${ipam.rangeDescription}`,
          );
        }
        ip = got;
        ipAllocated = true;
        network.attachIp(ip, `pod/${config.metadata.namespace}/${config.metadata.name}`);
      }
      sandboxes.set(id, { id, config, state: 'SANDBOX_READY', createdAt: clock.now(), ip, ipAllocated, containers: new Set() });
      return id;
    },

    async stopPodSandbox(id) {
      const s = sandboxes.get(id);
      if (!s) return;
      for (const cid of s.containers) {
        const c = containers.get(cid);
        if (c && c.record.state === 'CONTAINER_RUNNING') apply(c, { type: 'stop', now: clock.now(), timeoutSeconds: 0 });
      }
      if (s.ipAllocated) {
        network.detachIp(s.ip);
        ipam.release(s.ip);
        s.ipAllocated = false;
      }
      s.state = 'SANDBOX_NOTREADY';
    },

    async removePodSandbox(id) {
      const s = sandboxes.get(id);
      if (!s) return;
      await runtime.stopPodSandbox(id);
      for (const cid of [...s.containers]) await runtime.removeContainer(cid);
      sandboxes.delete(id);
    },

    async podSandboxStatus(id) {
      return sandboxStatus(getSandbox(id));
    },

    async listPodSandbox(filter = {}) {
      return [...sandboxes.values()]
        .filter((s) => !filter.state || s.state === filter.state)
        .filter((s) => matches(s.config.labels, filter.labelSelector))
        .map(sandboxStatus);
    },

    async createContainer(podSandboxId, config) {
      const sandbox = getSandbox(podSandboxId);
      if (sandbox.state !== 'SANDBOX_READY') throw new CriError('FailedPrecondition', `sandbox container "${podSandboxId}" is not running`);
      const image = imageStore.find(config.image);
      if (!image) throw new CriError('NotFound', `failed to get image "${config.image}": image "${config.image}": not found`);
      const { name, attempt } = config.metadata;
      const reservedName = `${name}_${sandbox.config.metadata.name}_${sandbox.config.metadata.namespace}_${sandbox.config.metadata.uid}_${attempt}`;
      for (const cid of sandbox.containers) {
        const other = containers.get(cid);
        if (other && other.config.metadata.name === name && other.config.metadata.attempt === attempt) {
          throw new CriError('AlreadyExists', `failed to reserve container name "${reservedName}": name "${reservedName}" is reserved for "${cid}"`);
        }
      }
      const mounts: ContainerMount[] = [];
      for (const m of config.mounts) {
        if (!isVolume(m.volume)) throw new CriError('InvalidArgument', `mount ${m.containerPath}: volume is not a runtime Volume (use createVolume)`);
        mounts.push({ containerPath: m.containerPath, volume: m.volume, subPath: m.subPath, readonly: m.readonly });
      }
      const env: Record<string, string> = { ...image.content.env, HOSTNAME: sandbox.config.hostname };
      for (const kv of config.envs) env[kv.key] = kv.value;
      const id = newId();
      const c: Container = {
        id,
        sandbox,
        config,
        record: lifecycle.initial(clock.now()),
        image,
        fs: new ContainerFs(rootfsWithResolvConf(image.content.files, sandbox.config), mounts, options.resolveMount),
        env,
        logs: [],
        followers: new Set(),
        exitWaiters: [],
      };
      containers.set(id, c);
      sandbox.containers.add(id);
      emit('CONTAINER_CREATED_EVENT', c);
      return id;
    },

    async startContainer(id) {
      const c = getContainer(id);
      const argv = argvFor(c.config, c.image.content);
      const program = resolveProgram(c.image.content, argv[0]);
      if (c.record.state !== 'CONTAINER_CREATED') apply(c, { type: 'start', now: clock.now() }); // throws FailedPrecondition
      if (!program) {
        const message = notFoundInPath(argv[0] ?? '');
        apply(c, { type: 'startFailed', now: clock.now(), message });
        throw new CriError('Unknown', message);
      }
      apply(c, { type: 'start', now: clock.now() });
      emit('CONTAINER_STARTED_EVENT', c);
      const proc = startProcess(program, {
        argv,
        env: c.env,
        fs: c.fs,
        cwd: c.config.workingDir || c.image.content.workingDir,
        hostname: c.sandbox.config.hostname,
        podIp: c.sandbox.ip,
        clock,
        random: random.fork(id),
        network,
        write: (stream, line) => writeLog(c, stream, line),
        onMemory: (resident) => checkMemory(c, resident),
      });
      c.process = proc;
      void proc.exited.then((exitCode) => {
        if (c.record.state === 'CONTAINER_RUNNING') apply(c, { type: 'exit', now: clock.now(), exitCode });
      });
      // A limit below what the program needs just to start is hit at once.
      checkMemory(c, 0);
    },

    async stopContainer(id, timeoutSeconds) {
      // StopContainer is idempotent: an unknown (already removed) container is not an error
      // (containerd internal/cri/server/container_stop.go, per the CRI api.proto contract).
      const c = containers.get(id);
      if (!c) return;
      if (c.record.state !== 'CONTAINER_RUNNING') return;
      const exited = new Promise<void>((resolve) => c.exitWaiters.push(resolve));
      apply(c, { type: 'stop', now: clock.now(), timeoutSeconds, stopSignal: c.image.content.stopSignal });
      await exited;
    },

    async removeContainer(id) {
      const c = containers.get(id);
      if (!c) return;
      if (c.record.state === 'CONTAINER_RUNNING') apply(c, { type: 'stop', now: clock.now(), timeoutSeconds: 0 });
      containers.delete(id);
      c.sandbox.containers.delete(id);
      c.followers.clear();
      emit('CONTAINER_DELETED_EVENT', c);
    },

    async listContainers(filter = {}) {
      return [...containers.values()]
        .filter((c) => !filter.podSandboxId || c.sandbox.id === filter.podSandboxId)
        .filter((c) => !filter.state || c.record.state === filter.state)
        .filter((c) => matches(c.config.labels, filter.labelSelector))
        .map(containerStatus);
    },

    async containerStatus(id) {
      return containerStatus(getContainer(id));
    },

    async execSync(id, cmd, timeoutSeconds) {
      const c = getContainer(id);
      if (c.record.state !== 'CONTAINER_RUNNING') throw new CriError('FailedPrecondition', `container is in ${c.record.state} state`);
      const program = resolveProgram(c.image.content, cmd[0], MINIMAL_TOOLS);
      if (!program) {
        return {
          stdout: '',
          stderr: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd[0] ?? ''}": executable file not found in $PATH: unknown\r\n`,
          exitCode: 126,
        };
      }
      const out = { stdout: '', stderr: '' };
      const proc = startProcess(program, {
        argv: cmd,
        env: c.env,
        fs: c.fs,
        cwd: c.config.workingDir || c.image.content.workingDir,
        hostname: c.sandbox.config.hostname,
        podIp: c.sandbox.ip,
        clock,
        random: random.fork(`${id}/exec`),
        network,
        write: (stream, line) => (out[stream] += `${line}\n`),
      });
      let timer: TimerHandle | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        if (timeoutSeconds > 0) timer = clock.setTimeout(() => resolve('timeout'), timeoutSeconds * 1000);
      });
      const result = await Promise.race([proc.exited, timedOut]);
      clock.clearTimeout(timer);
      if (result === 'timeout') {
        proc.signal('SIGKILL');
        throw new CriError('DeadlineExceeded', `failed to exec in container: timeout ${timeoutSeconds}s exceeded: context deadline exceeded`);
      }
      return { ...out, exitCode: result } satisfies ExecResult;
    },

    async readLogs(id, opts = {}) {
      const c = getContainer(id);
      let entries = c.logs.filter((e) => opts.sinceTime === undefined || e.time >= opts.sinceTime);
      if (opts.tail !== undefined) entries = opts.tail <= 0 ? [] : entries.slice(-opts.tail);
      return entries.map((e) => ({ ...e }));
    },

    followLogs(id, listener) {
      const c = containers.get(id);
      if (!c) return () => undefined;
      c.followers.add(listener);
      return () => void c.followers.delete(listener);
    },

    subscribeContainerEvents(listener) {
      eventListeners.add(listener);
      return () => void eventListeners.delete(listener);
    },

    pullImage: (spec) => imageStore.pull(spec.image),
    imageStatus: async (spec) => imageStore.status(spec.image),
    listImages: async () => imageStore.list(),
    removeImage: async (spec) => imageStore.remove(spec.image),

    shutdown() {
      for (const c of containers.values()) {
        if (c.record.state === 'CONTAINER_RUNNING') apply(c, { type: 'stop', now: clock.now(), timeoutSeconds: 0 });
      }
      for (const s of sandboxes.values()) {
        if (s.ipAllocated) {
          network.detachIp(s.ip);
          ipam.release(s.ip);
          s.ipAllocated = false;
        }
        s.state = 'SANDBOX_NOTREADY';
      }
      network.detachIp(nodeIP);
    },

    nodeMemoryUsage() {
      return nodeMemoryInUse();
    },

    memoryUsage(id) {
      const c = containers.get(id);
      return c?.process?.alive ? c.image.content.baseMemoryBytes + c.process.residentBytes : 0;
    },
  };

  function sandboxStatus(s: Sandbox): PodSandboxStatus {
    return {
      id: s.id,
      metadata: { ...s.config.metadata },
      state: s.state,
      createdAt: s.createdAt,
      ip: s.ip,
      labels: { ...s.config.labels },
      annotations: { ...s.config.annotations },
    };
  }

  function containerStatus(c: Container): ContainerStatus {
    const r = c.record;
    return {
      id: c.id,
      podSandboxId: c.sandbox.id,
      metadata: { ...c.config.metadata },
      state: r.state,
      createdAt: r.createdAt,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      exitCode: r.exitCode,
      // containerd's ContainerStatus names the image by its first repo tag (the normalised
      // reference, docker.io/library/nginx:latest) and its ref by the repo digest.
      image: c.image.image.repoTags[0] ?? c.config.image,
      imageRef: c.image.image.repoDigests[0] ?? c.image.image.id,
      reason: r.reason,
      message: r.message,
      labels: { ...c.config.labels },
      annotations: { ...c.config.annotations },
    };
  }

  return runtime;
}

function matches(labels: Record<string, string>, selector: Record<string, string> | undefined): boolean {
  if (!selector) return true;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/**
 * A container's root filesystem: the image's files, plus /etc/resolv.conf from the sandbox's DNS
 * config (containerd writes it once per sandbox and bind-mounts it into every container; a copy
 * per container reads the same).
 */
function rootfsWithResolvConf(files: Record<string, string>, config: PodSandboxConfig) {
  const rootfs = createVolume(files);
  if (config.dnsConfig) rootfs.writeFile('etc/resolv.conf', formatResolvConf(config.dnsConfig));
  return rootfs;
}
