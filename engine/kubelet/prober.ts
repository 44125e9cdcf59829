/**
 * The prober (upstream pkg/kubelet/prober: prober_manager.go, worker.go, prober.go): one worker
 * per running container and probe kind, probing every periodSeconds from initialDelaySeconds
 * after the container started, and keeping the verdict with the `kubelet.probe` part.
 *
 * - exec: runs the command in the container (CRI ExecSync); exit 0 is success, a timeout failure.
 * - httpGet: GET http://<pod IP or host>:<port><path> from the node; 200–399 is success
 *   (prober/http.go), a refused connection or timeout is failure.
 * - tcpSocket: success when the connection opens.
 * Defaults (pkg/apis/core/v1/defaults.go SetDefaults_Probe): timeoutSeconds 1, periodSeconds 10,
 * successThreshold 1, failureThreshold 3, initialDelaySeconds 0.
 *
 * A startup probe holds the others: liveness and readiness are not probed until it succeeds.
 * Every failed probe records an `Unhealthy` Warning event (`Liveness probe failed: ...`); a
 * verdict change calls `onChange` so the pod worker syncs (restart, or a new Ready condition).
 */
import type { corev1 } from '../api/types.ts';
import type { EventRecorder } from '../client/event-recorder.ts';
import type { ContainerRuntime } from '../runtime/cri.ts';
import type { ClusterNetwork } from '../runtime/network.ts';
import type { Clock, TimerHandle } from '../util/clock.ts';
import type { ProbeKind, ProbeOutcome, ProbeResultTracker, ProbeResultTrackerFactory } from './probe-result.ts';
import type { KubeletContainer } from './runtime-view.ts';

export const PROBE_DEFAULTS = { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 };

const KIND_FIELD = { liveness: 'livenessProbe', readiness: 'readinessProbe', startup: 'startupProbe' } as const;
const KIND_TITLE = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' } as const;

export interface ProberOptions {
  clock: Clock;
  runtime: ContainerRuntime;
  network: ClusterNetwork;
  trackers: ProbeResultTrackerFactory;
  recorder: EventRecorder;
  /** A verdict changed for a container of the pod with this uid. */
  onChange(podUid: string): void;
  /**
   * A probe round failed with an exception (a broken `kubelet.probe` part): the kubelet survives
   * it, like every other failure, instead of leaving an unhandled rejection behind.
   */
  onError?: (err: unknown) => void;
}

interface Worker {
  podUid: string;
  kind: ProbeKind;
  tracker: ProbeResultTracker;
  timer?: TimerHandle;
  busy: boolean;
}

export interface ProbeOutcomeDetail {
  outcome: ProbeOutcome;
  output: string;
}

export class Prober {
  private readonly workers = new Map<string, Worker>();

  constructor(private readonly options: ProberOptions) {}

  /** Starts workers for the pod's running containers, stops those of containers gone. */
  syncPod(pod: corev1.Pod, containers: readonly KubeletContainer[], podIP: string | undefined): void {
    const uid = pod.metadata?.uid ?? '';
    const wanted = new Set<string>();
    for (const spec of pod.spec?.containers ?? []) {
      const c = containers.find((x) => x.name === spec.name);
      if (!c || c.state !== 'running') continue;
      for (const kind of ['startup', 'liveness', 'readiness'] as const) {
        const probe = spec[KIND_FIELD[kind]];
        if (!probe) continue;
        const key = `${c.id}/${kind}`;
        wanted.add(key);
        if (!this.workers.has(key)) this.startWorker(key, pod, spec, c, kind, probe, podIP);
      }
    }
    for (const [key, w] of this.workers) {
      if (w.podUid === uid && !wanted.has(key)) this.stopWorker(key);
    }
  }

  removePod(uid: string): void {
    for (const [key, w] of this.workers) if (w.podUid === uid) this.stopWorker(key);
  }

  stop(): void {
    for (const key of [...this.workers.keys()]) this.stopWorker(key);
  }

  /** Readiness of a running container: true without a readiness probe. */
  ready(container: KubeletContainer, spec: corev1.Container): boolean {
    if (!spec.readinessProbe) return true;
    return this.workers.get(`${container.id}/readiness`)?.tracker.verdict() === 'success';
  }

  /** Whether the container has started: true without a startup probe. */
  started(container: KubeletContainer, spec: corev1.Container): boolean {
    if (!spec.startupProbe) return true;
    return this.workers.get(`${container.id}/startup`)?.tracker.verdict() === 'success';
  }

  /** Containers (ids) whose liveness or startup verdict is failure: to be restarted. */
  failed(kind: 'liveness' | 'startup'): Set<string> {
    const out = new Set<string>();
    for (const [key, w] of this.workers) if (w.kind === kind && w.tracker.verdict() === 'failure') out.add(key.slice(0, key.lastIndexOf('/')));
    return out;
  }

  private startWorker(key: string, pod: corev1.Pod, spec: corev1.Container, c: KubeletContainer, kind: ProbeKind, probe: corev1.Probe, podIP: string | undefined): void {
    const p = { ...PROBE_DEFAULTS, ...probe };
    const w: Worker = {
      podUid: pod.metadata?.uid ?? '',
      kind,
      tracker: this.options.trackers(kind, { successThreshold: p.successThreshold, failureThreshold: p.failureThreshold }),
      busy: false,
    };
    this.workers.set(key, w);
    const { clock } = this.options;
    const firstAt = (c.startedAt || clock.now()) + p.initialDelaySeconds * 1000;
    const tick = () => void this.probeOnce(key, w, pod, spec, c, kind, p, podIP).catch((err: unknown) => this.options.onError?.(err));
    w.timer = clock.setTimeout(() => {
      if (this.workers.get(key) !== w) return;
      tick();
      w.timer = clock.setInterval(tick, p.periodSeconds * 1000);
    }, Math.max(0, firstAt - clock.now()));
  }

  private stopWorker(key: string): void {
    const w = this.workers.get(key);
    if (!w) return;
    this.options.clock.clearTimeout(w.timer);
    this.options.clock.clearInterval(w.timer);
    this.workers.delete(key);
  }

  private async probeOnce(key: string, w: Worker, pod: corev1.Pod, spec: corev1.Container, c: KubeletContainer, kind: ProbeKind, probe: corev1.Probe & typeof PROBE_DEFAULTS, podIP: string | undefined): Promise<void> {
    if (w.busy || w.tracker.done()) return;
    // A startup probe holds liveness and readiness until it succeeds (worker.go doProbe).
    if (kind !== 'startup' && spec.startupProbe && !this.started(c, spec)) return;
    w.busy = true;
    let result: ProbeOutcomeDetail;
    try {
      result = await runProbe(probe, c, spec, podIP, this.options);
    } finally {
      w.busy = false;
    }
    if (this.workers.get(key) !== w) return;
    if (result.outcome === 'failure') {
      this.options.recorder.event(containerRef(pod, spec), 'Warning', 'Unhealthy', `${KIND_TITLE[kind]} probe failed: ${result.output}`);
    }
    const before = w.tracker.verdict();
    const after = w.tracker.observe(result.outcome);
    if (after !== before) this.options.onChange(w.podUid);
  }
}

/** The involvedObject of events about one container (fieldPath `spec.containers{web}`). */
export function containerRef(pod: corev1.Pod, spec: corev1.Container, init = false): corev1.ObjectReference {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    name: pod.metadata?.name,
    namespace: pod.metadata?.namespace,
    uid: pod.metadata?.uid,
    resourceVersion: pod.metadata?.resourceVersion,
    fieldPath: `spec.${init ? 'initContainers' : 'containers'}{${spec.name}}`,
  };
}

function resolvePort(port: number | string | undefined, spec: corev1.Container): number {
  if (typeof port === 'number') return port;
  const named = spec.ports?.find((p) => p.name === port);
  if (named) return named.containerPort;
  const n = Number(port);
  return Number.isFinite(n) ? n : 0;
}

/** One probe (prober.go runProbe). Never rejects: errors are failures with their message. */
export async function runProbe(probe: corev1.Probe & typeof PROBE_DEFAULTS, c: KubeletContainer, spec: corev1.Container, podIP: string | undefined, deps: Pick<ProberOptions, 'runtime' | 'network'>): Promise<ProbeOutcomeDetail> {
  const timeoutMs = probe.timeoutSeconds * 1000;
  try {
    if (probe.exec) {
      const r = await deps.runtime.execSync(c.id, probe.exec.command ?? [], probe.timeoutSeconds);
      if (r.exitCode === 0) return { outcome: 'success', output: '' };
      return { outcome: 'failure', output: (r.stdout + r.stderr).trim() || `command ${JSON.stringify((probe.exec.command ?? []).join(' '))} exited with ${r.exitCode}` };
    }
    if (probe.httpGet) {
      const host = probe.httpGet.host || podIP || '';
      const port = resolvePort(probe.httpGet.port, spec);
      const path = probe.httpGet.path || '/';
      const headers: Record<string, string> = { host: `${host}:${port}`, 'user-agent': 'kube-probe/1.32', accept: '*/*' };
      for (const h of probe.httpGet.httpHeaders ?? []) headers[h.name.toLowerCase()] = h.value;
      const res = await deps.network.httpRequest(undefined, host, port, { method: 'GET', path, headers }, timeoutMs);
      if (res.status >= 200 && res.status < 400) return { outcome: 'success', output: '' };
      return { outcome: 'failure', output: `HTTP probe failed with statuscode: ${res.status}` };
    }
    if (probe.tcpSocket) {
      const host = probe.tcpSocket.host || podIP || '';
      const port = resolvePort(probe.tcpSocket.port, spec);
      await deps.network.tcpConnect(undefined, host, port, timeoutMs);
      return { outcome: 'success', output: '' };
    }
    return { outcome: 'failure', output: 'probe has no handler this kubelet supports' };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (probe.httpGet) {
      const host = probe.httpGet.host || podIP || '';
      return { outcome: 'failure', output: `Get "http://${host}:${resolvePort(probe.httpGet.port, spec)}${probe.httpGet.path || '/'}": ${msg}` };
    }
    return { outcome: 'failure', output: msg };
  }
}
