/**
 * Pod workers (upstream pkg/kubelet/pod_workers.go): one serialized worker per pod uid. Any
 * number of triggers — the informer saw the pod change, the runtime reported a container event
 * (PLEG), a probe verdict changed, a backoff ran out — collapse into "sync this pod again"; a sync
 * never runs twice at once for the same pod, and a trigger that arrives during a sync causes
 * exactly one more sync after it. A failed sync (API or runtime error) is retried on the clock
 * with a doubling delay (1 s to 30 s), so a partitioned kubelet neither crashes nor spins.
 */
import type { corev1 } from '../api/types.ts';
import type { Clock, TimerHandle } from '../util/clock.ts';
import type { WaitingReason } from './pod-status.ts';
import type { Volume } from '../runtime/volume.ts';

const ERROR_BACKOFF_INITIAL_MS = 1000;
const ERROR_BACKOFF_MAX_MS = 30_000;

export interface PodWorker {
  uid: string;
  /** The pod as the informer last delivered it (frozen). */
  pod: corev1.Pod;
  /** The pod object is gone from the API. */
  removed: boolean;
  /** Admission: undefined until decided. */
  admitted?: boolean;
  /** RFC 3339 time the kubelet accepted the pod (status.startTime). */
  startTime?: string;
  /** Why containers could not be started on the last sync (by name). */
  waiting: Map<string, WaitingReason>;
  volumes: Map<string, Volume>;
  /** Termination (deletionTimestamp) has been carried out. */
  terminated: boolean;
  /** Everything is cleaned up: the worker can be forgotten. */
  finished: boolean;
  running: boolean;
  pending: boolean;
  timer?: TimerHandle;
  wakeAt?: number;
  errorDelayMs: number;
}

export type SyncFn = (w: PodWorker) => Promise<void>;

export class PodWorkers {
  readonly workers = new Map<string, PodWorker>();
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly clock: Clock,
    private readonly sync: SyncFn,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** The informer saw the pod: remember the newest copy and sync. */
  update(pod: corev1.Pod): void {
    const uid = pod.metadata?.uid ?? '';
    let w = this.workers.get(uid);
    if (!w) {
      w = { uid, pod, removed: false, waiting: new Map(), volumes: new Map(), terminated: false, finished: false, running: false, pending: false, errorDelayMs: ERROR_BACKOFF_INITIAL_MS };
      this.workers.set(uid, w);
    }
    w.pod = pod;
    this.enqueue(uid);
  }

  /** A newer copy of the pod that needs no sync (only its status changed). */
  refresh(pod: corev1.Pod): void {
    const w = this.workers.get(pod.metadata?.uid ?? '');
    if (w) w.pod = pod;
    else this.update(pod);
  }

  /** The pod object was deleted from the API. */
  remove(pod: corev1.Pod): void {
    const w = this.workers.get(pod.metadata?.uid ?? '');
    if (!w) return;
    w.pod = pod;
    w.removed = true;
    this.enqueue(w.uid);
  }

  /** Syncs the pod now, or after `delayMs` (the earliest request wins). */
  enqueue(uid: string, delayMs = 0): void {
    const w = this.workers.get(uid);
    if (!w || this.stopped || w.finished) return;
    if (delayMs > 0) {
      const at = this.clock.now() + delayMs;
      if (w.wakeAt !== undefined && w.wakeAt <= at) return;
      this.clock.clearTimeout(w.timer);
      w.wakeAt = at;
      w.timer = this.clock.setTimeout(() => {
        w.timer = undefined;
        w.wakeAt = undefined;
        this.enqueue(uid);
      }, delayMs);
      return;
    }
    w.pending = true;
    if (!w.running) void this.run(w);
  }

  enqueueAll(): void {
    for (const uid of this.workers.keys()) this.enqueue(uid);
  }

  private async run(w: PodWorker): Promise<void> {
    w.running = true;
    try {
      while (w.pending && !this.stopped && !w.finished) {
        w.pending = false;
        try {
          await this.sync(w);
          w.errorDelayMs = ERROR_BACKOFF_INITIAL_MS;
        } catch (err) {
          this.onError(err);
          const delay = w.errorDelayMs;
          w.errorDelayMs = Math.min(delay * 2, ERROR_BACKOFF_MAX_MS);
          this.enqueue(w.uid, delay);
        }
      }
    } finally {
      w.running = false;
      if (w.finished) {
        this.clock.clearTimeout(w.timer);
        this.workers.delete(w.uid);
      }
      this.checkIdle();
    }
  }

  /** Resolves once no worker is syncing or has a sync queued (timers may still be set). */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.checkIdle();
    });
  }

  private checkIdle(): void {
    for (const w of this.workers.values()) if (w.running || w.pending) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const r of waiters) r();
  }

  /** No more syncs start; timers are cleared. Workers keep their state for a later resume(). */
  stop(): void {
    this.stopped = true;
    for (const w of this.workers.values()) {
      this.clock.clearTimeout(w.timer);
      w.timer = undefined;
      w.wakeAt = undefined;
      w.pending = false;
    }
    this.checkIdle();
  }

  resume(): void {
    this.stopped = false;
  }
}
