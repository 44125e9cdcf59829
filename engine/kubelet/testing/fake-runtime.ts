/**
 * A small scripted ContainerRuntime + ClusterNetwork for the kubelet's own tests, so the
 * kubelet's decisions can be checked without the full simulated runtime (engine/runtime/).
 * Containers follow their command, read loosely:
 *
 *   no command, image nginx/httpd     → runs, serves HTTP on port 80, exits 0 on SIGTERM
 *   `... sleep N ...; exit C`         → runs N s, exits C ("exit" alone: exits at once)
 *   `sleep N` / `sleep infinity`      → runs N s (or forever), exits 0; ignores SIGTERM (sh as PID 1)
 *   `oom`                             → killed at once: OOMKilled, exit 137
 *   busybox with no command           → exits 0 at once
 * Unknown images (anything not in IMAGES) fail to pull with containerd's NotFound message.
 * Tests steer probes with `httpStatus` (by container name) and `execExit` (by container name).
 */
import { CriError, type ContainerConfig, type ContainerEvent, type ContainerFilter, type ContainerRuntime, type ContainerStatus, type ExecResult, type Image, type PodSandboxConfig, type PodSandboxStatus } from '../../runtime/cri.ts';
import { NetworkError, type ClusterNetwork, type HttpRequest, type HttpResponse } from '../../runtime/network.ts';
import type { Clock, TimerHandle } from '../../util/clock.ts';

const IMAGES: Record<string, number> = { nginx: 67_000_000, httpd: 58_000_000, busybox: 2_100_000, alpine: 3_400_000 };
const PULL_MS = 1200;

interface FakeContainer {
  status: ContainerStatus;
  config: ContainerConfig;
  script: Script;
  timer?: TimerHandle;
}

interface Script {
  serves: boolean;
  runMs: number; // Infinity: forever
  exitCode: number;
  reason?: string;
  ignoresSigterm: boolean;
}

function repo(image: string): string {
  const last = image.slice(image.lastIndexOf('/') + 1);
  const at = last.indexOf('@');
  const base = at >= 0 ? last.slice(0, at) : last;
  const colon = base.indexOf(':');
  return colon >= 0 ? base.slice(0, colon) : base;
}

function scriptOf(config: ContainerConfig): Script {
  const text = [...config.command, ...config.args].join(' ');
  const r = repo(config.image);
  if (!text) {
    if (r === 'nginx' || r === 'httpd') return { serves: true, runMs: Infinity, exitCode: 0, ignoresSigterm: false };
    return { serves: false, runMs: 0, exitCode: 0, ignoresSigterm: false };
  }
  if (/\boom\b/.test(text)) return { serves: false, runMs: 0, exitCode: 137, reason: 'OOMKilled', ignoresSigterm: false };
  const sleep = /sleep (\d+|infinity)/.exec(text);
  const exit = /exit (\d+)/.exec(text);
  const runMs = sleep ? (sleep[1] === 'infinity' ? Infinity : Number(sleep[1]) * 1000) : 0;
  return { serves: false, runMs: exit ? (sleep && sleep[1] !== 'infinity' ? runMs : 0) : runMs, exitCode: exit ? Number(exit[1]) : 0, ignoresSigterm: true };
}

export class FakeRuntime implements ContainerRuntime, ClusterNetwork {
  readonly sandboxes = new Map<string, PodSandboxStatus>();
  readonly containers = new Map<string, FakeContainer>();
  readonly images = new Map<string, Image>();
  /** HTTP status a serving container answers (by container name); default 200. */
  readonly httpStatus = new Map<string, number>();
  /** Exit code of execs in a container (by container name); default 0. */
  readonly execExit = new Map<string, number>();
  /** Every exec, for assertions. */
  readonly execs: Array<{ name: string; cmd: string[] }> = [];
  private readonly listeners = new Set<(e: ContainerEvent) => void>();
  private nextId = 1;
  private nextIp = 2;

  constructor(
    private readonly clock: Clock,
    private readonly podCIDR = '10.244.1.0/24',
  ) {}

  private id(prefix: string): string {
    return `${prefix}${(this.nextId++).toString(16).padStart(12, '0')}`;
  }

  private emit(type: ContainerEvent['type'], c: ContainerStatus): void {
    const ev: ContainerEvent = { type, containerId: c.id, podSandboxId: c.podSandboxId, time: this.clock.now() };
    for (const l of [...this.listeners]) l(ev);
  }

  async version() {
    return { runtimeName: 'containerd', runtimeVersion: '1.7.22', runtimeApiVersion: 'v1' };
  }

  async runPodSandbox(config: PodSandboxConfig): Promise<string> {
    const id = this.id('s');
    const ip = `${this.podCIDR.split('.').slice(0, 3).join('.')}.${this.nextIp++}`;
    this.sandboxes.set(id, { id, metadata: { ...config.metadata }, state: 'SANDBOX_READY', createdAt: this.clock.now(), ip, labels: { ...config.labels }, annotations: { ...config.annotations } });
    return id;
  }

  async stopPodSandbox(id: string): Promise<void> {
    for (const c of this.containers.values()) if (c.status.podSandboxId === id && c.status.state === 'CONTAINER_RUNNING') this.exit(c, 137, 'Error');
    const s = this.sandboxes.get(id);
    if (s) s.state = 'SANDBOX_NOTREADY';
  }

  async removePodSandbox(id: string): Promise<void> {
    for (const [cid, c] of this.containers) if (c.status.podSandboxId === id) this.containers.delete(cid);
    this.sandboxes.delete(id);
  }

  async podSandboxStatus(id: string): Promise<PodSandboxStatus> {
    const s = this.sandboxes.get(id);
    if (!s) throw new CriError('NotFound', `sandbox ${id} not found`);
    return { ...s };
  }

  async listPodSandbox(filter: { state?: PodSandboxStatus['state']; labelSelector?: Record<string, string> } = {}): Promise<PodSandboxStatus[]> {
    return [...this.sandboxes.values()].filter((s) => (!filter.state || s.state === filter.state) && matches(s.labels, filter.labelSelector)).map((s) => ({ ...s }));
  }

  async createContainer(sandboxId: string, config: ContainerConfig): Promise<string> {
    if (!this.sandboxes.has(sandboxId)) throw new CriError('NotFound', `sandbox ${sandboxId} not found`);
    const id = this.id('c');
    const now = this.clock.now();
    const status: ContainerStatus = { id, podSandboxId: sandboxId, metadata: { ...config.metadata }, state: 'CONTAINER_CREATED', createdAt: now, startedAt: 0, finishedAt: 0, exitCode: 0, image: config.image, imageRef: `docker.io/library/${repo(config.image)}@sha256:${repo(config.image).padEnd(8, '0')}`, reason: '', message: '', labels: { ...config.labels }, annotations: { ...config.annotations } };
    this.containers.set(id, { status, config, script: scriptOf(config) });
    this.emit('CONTAINER_CREATED_EVENT', status);
    return id;
  }

  async startContainer(id: string): Promise<void> {
    const c = this.containers.get(id);
    if (!c) throw new CriError('NotFound', `container ${id} not found`);
    c.status.state = 'CONTAINER_RUNNING';
    c.status.startedAt = this.clock.now();
    this.emit('CONTAINER_STARTED_EVENT', c.status);
    const { runMs, exitCode, reason } = c.script;
    if (runMs !== Infinity) c.timer = this.clock.setTimeout(() => this.exit(c, exitCode, reason ?? (exitCode === 0 ? 'Completed' : 'Error')), runMs);
  }

  private exit(c: FakeContainer, code: number, reason: string): void {
    if (c.status.state !== 'CONTAINER_RUNNING') return;
    this.clock.clearTimeout(c.timer);
    c.status.state = 'CONTAINER_EXITED';
    c.status.exitCode = code;
    c.status.reason = reason;
    c.status.finishedAt = this.clock.now();
    this.emit('CONTAINER_STOPPED_EVENT', c.status);
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    const c = this.containers.get(id);
    if (!c || c.status.state !== 'CONTAINER_RUNNING') return;
    if (c.script.ignoresSigterm && timeoutSeconds > 0) {
      await this.clock.sleep(timeoutSeconds * 1000);
      this.exit(c, 137, 'Error');
      return;
    }
    this.exit(c, c.script.ignoresSigterm ? 137 : 0, c.script.ignoresSigterm ? 'Error' : 'Completed');
  }

  async removeContainer(id: string): Promise<void> {
    this.containers.delete(id);
  }

  async listContainers(filter: ContainerFilter = {}): Promise<ContainerStatus[]> {
    return [...this.containers.values()]
      .map((c) => c.status)
      .filter((s) => (!filter.podSandboxId || s.podSandboxId === filter.podSandboxId) && (!filter.state || s.state === filter.state) && matches(s.labels, filter.labelSelector))
      .map((s) => ({ ...s, metadata: { ...s.metadata } }));
  }

  async containerStatus(id: string): Promise<ContainerStatus> {
    const c = this.containers.get(id);
    if (!c) throw new CriError('NotFound', `container ${id} not found`);
    return { ...c.status };
  }

  async execSync(id: string, cmd: string[]): Promise<ExecResult> {
    const c = this.containers.get(id);
    if (!c || c.status.state !== 'CONTAINER_RUNNING') throw new CriError('NotFound', `container ${id} is not running`);
    this.execs.push({ name: c.config.metadata.name, cmd });
    const code = this.execExit.get(c.config.metadata.name) ?? 0;
    return { stdout: '', stderr: code === 0 ? '' : `${cmd.join(' ')}: failed`, exitCode: code };
  }

  async readLogs() {
    return [];
  }

  followLogs() {
    return () => undefined;
  }

  subscribeContainerEvents(listener: (event: ContainerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  async pullImage(spec: { image: string }): Promise<string> {
    await this.clock.sleep(PULL_MS);
    const r = repo(spec.image);
    const size = IMAGES[r];
    if (size === undefined) {
      throw new CriError('NotFound', `failed to pull and unpack image "docker.io/library/${spec.image}:latest": failed to resolve reference "docker.io/library/${spec.image}:latest": docker.io/library/${spec.image}:latest: not found`);
    }
    const ref = `docker.io/library/${r}@sha256:${r.padEnd(8, '0')}`;
    this.images.set(spec.image, { id: ref, repoTags: [`docker.io/library/${spec.image}`], repoDigests: [ref], sizeBytes: size });
    return ref;
  }

  async imageStatus(spec: { image: string }): Promise<Image | undefined> {
    return this.images.get(spec.image);
  }

  async listImages(): Promise<Image[]> {
    return [...this.images.values()];
  }

  async removeImage(spec: { image: string }): Promise<void> {
    this.images.delete(spec.image);
  }

  // ClusterNetwork: containers that serve listen on port 80 of their sandbox's IP.
  private serving(ip: string, port: number): FakeContainer | undefined {
    const sandbox = [...this.sandboxes.values()].find((s) => s.ip === ip && s.state === 'SANDBOX_READY');
    if (!sandbox) return undefined;
    return [...this.containers.values()].find((c) => c.status.podSandboxId === sandbox.id && c.status.state === 'CONTAINER_RUNNING' && c.script.serves && port === 80);
  }

  async tcpConnect(_from: string | undefined, ip: string, port: number): Promise<void> {
    if (!this.serving(ip, port)) throw new NetworkError('ECONNREFUSED', `dial tcp ${ip}:${port}: connect: connection refused`);
  }

  async httpRequest(_from: string | undefined, ip: string, port: number, _req: HttpRequest): Promise<HttpResponse> {
    const c = this.serving(ip, port);
    if (!c) throw new NetworkError('ECONNREFUSED', `dial tcp ${ip}:${port}: connect: connection refused`);
    const status = this.httpStatus.get(c.config.metadata.name) ?? 200;
    return { status, headers: { 'content-type': 'text/html' }, body: status === 200 ? 'Welcome to nginx!' : 'error' };
  }
}

function matches(labels: Record<string, string>, selector: Record<string, string> | undefined): boolean {
  if (!selector) return true;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
