/**
 * PriorityQueue (KK pkg/scheduler/internal/queue/scheduling_queue.go), three places a pending pod
 * can wait:
 *
 * - activeQ: ready to be tried, ordered by the QueueSort plugin (PrioritySort: higher priority,
 *   then earlier timestamp). pop() takes the head.
 * - backoffQ: failed recently; waits initial × 2^(attempts−1) (1 s doubling to 10 s), ordered by
 *   when its backoff ends; flushed into activeQ every second (flushBackoffQCompleted).
 * - unschedulablePods: failed and nothing has changed since. A cluster event that one of the
 *   plugins that rejected it registered for (node added or updated, an assigned pod deleted, ...)
 *   moves it to backoffQ (still backing off) or activeQ; otherwise it leaves after 5 minutes
 *   (podMaxInUnschedulablePodsDuration, checked every 30 s).
 *
 * A pod whose attempt overlapped a move request (an event arrived while it was being scheduled)
 * goes to backoffQ instead of unschedulablePods, so the event is not lost (moveRequestCycle).
 */
import type { corev1 } from '../../api/types.ts';
import type { Clock, TimerHandle } from '../../util/clock.ts';
import type { QueuePart } from '../parts.ts';
import { KeyedHeap } from './heap.ts';

export interface QueuedPodInfo {
  pod: corev1.Pod;
  /** `namespace/name`. */
  readonly key: string;
  /** spec.priority (0 when unset). */
  priority: number;
  /** When the pod last entered the queue (activeQ ordering), clock ms. */
  timestamp: number;
  /** Scheduling attempts so far. */
  attempts: number;
  initialAttemptTimestamp: number | undefined;
  /** Plugins that rejected it in its last attempt; only their events requeue it. */
  unschedulablePlugins: Set<string>;
  /** Set when it failed with an error rather than a rejection: any event requeues it. */
  failedWithError?: boolean;
}

export interface SchedulingQueueOptions {
  clock: Clock;
  /** The queue part (PrioritySort's less, backoff). */
  queue: QueuePart;
  podInitialBackoffMs?: number;
  podMaxBackoffMs?: number;
  podMaxInUnschedulablePodsDurationMs?: number;
}

export const DEFAULT_POD_INITIAL_BACKOFF_MS = 1000;
export const DEFAULT_POD_MAX_BACKOFF_MS = 10_000;
export const DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS = 5 * 60 * 1000;

/**
 * isPodUpdated: did anything but status and bookkeeping change? The scheduler's own
 * PodScheduled=False write must not pull the pod out of unschedulablePods.
 */
export function isPodUpdated(old: corev1.Pod, pod: corev1.Pod): boolean {
  const strip = (p: corev1.Pod) => {
    const { resourceVersion: _rv, generation: _g, managedFields: _mf, ...meta } = p.metadata ?? {};
    return JSON.stringify([meta, p.spec]);
  };
  return strip(old) !== strip(pod);
}

const keyOf = (p: corev1.Pod) => `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;

interface Unschedulable {
  info: QueuedPodInfo;
  /** When it was put there. */
  since: number;
}

export class SchedulingQueue {
  private readonly clock: Clock;
  private readonly part: QueuePart;
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly maxUnschedulable: number;
  private readonly activeQ: KeyedHeap<QueuedPodInfo>;
  private readonly backoffQ: KeyedHeap<QueuedPodInfo>;
  private readonly unschedulable = new Map<string, Unschedulable>();
  /** Popped and not yet done: an update or delete for them must not re-add them. */
  private readonly inFlight = new Map<string, QueuedPodInfo>();
  private waiters: Array<(info: QueuedPodInfo | undefined) => void> = [];
  private timers: TimerHandle[] = [];
  private closed = false;
  /** Incremented on every pop (upstream schedulingCycle). */
  schedulingCycle = 0;
  private moveRequestCycle = -1;
  private wakeScheduled = false;

  constructor(options: SchedulingQueueOptions) {
    this.clock = options.clock;
    this.part = options.queue;
    this.initialBackoff = options.podInitialBackoffMs ?? DEFAULT_POD_INITIAL_BACKOFF_MS;
    this.maxBackoff = options.podMaxBackoffMs ?? DEFAULT_POD_MAX_BACKOFF_MS;
    this.maxUnschedulable = options.podMaxInUnschedulablePodsDurationMs ?? DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS;
    this.activeQ = new KeyedHeap((i) => i.key, (a, b) => this.part.less(a, b));
    this.backoffQ = new KeyedHeap((i) => i.key, (a, b) => this.backoffExpiry(a) < this.backoffExpiry(b));
  }

  /** Starts the periodic flushes (every 1 s and every 30 s, as upstream's Run). */
  run(): void {
    this.timers.push(this.clock.setInterval(() => this.flushBackoffQCompleted(), 1000));
    this.timers.push(this.clock.setInterval(() => this.flushUnschedulablePodsLeftover(), 30_000));
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) this.clock.clearInterval(t);
    this.timers = [];
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w(undefined);
  }

  /** A new pending pod: straight to activeQ. */
  add(pod: corev1.Pod): void {
    const key = keyOf(pod);
    if (this.inFlight.has(key) || this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulable.has(key)) {
      this.update(pod);
      return;
    }
    this.pushActive(this.newInfo(pod));
  }

  /**
   * The pod changed. Waiting in activeQ/backoffQ: replace it in place. In unschedulablePods: a
   * change to the pod may make it schedulable, so it moves on (upstream isPodUpdated).
   */
  update(pod: corev1.Pod, old?: corev1.Pod): void {
    const key = keyOf(pod);
    const inflight = this.inFlight.get(key);
    if (inflight) {
      inflight.pod = pod;
      return;
    }
    for (const q of [this.activeQ, this.backoffQ]) {
      const info = q.get(key);
      if (info) {
        info.pod = pod;
        info.priority = pod.spec?.priority ?? 0;
        q.push(info);
        return;
      }
    }
    const u = this.unschedulable.get(key);
    if (u) {
      if (old && !isPodUpdated(old, pod)) {
        u.info.pod = pod; // e.g. our own PodScheduled=False write: nothing that could help
        return;
      }
      this.unschedulable.delete(key);
      u.info.pod = pod;
      u.info.priority = pod.spec?.priority ?? 0;
      if (this.isBackingOff(u.info)) this.backoffQ.push(u.info);
      else this.pushActive(u.info);
      return;
    }
    this.add(pod);
  }

  delete(pod: corev1.Pod): void {
    const key = keyOf(pod);
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulable.delete(key);
    this.inFlight.delete(key);
  }

  /** Resolves with the head of activeQ, waiting for one; undefined once closed. */
  pop(): Promise<QueuedPodInfo | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const info = this.activeQ.pop();
    if (info) return Promise.resolve(this.takeForScheduling(info));
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The attempt for `key` finished (bound, or requeued with addUnschedulableIfNotPresent). */
  done(key: string): void {
    this.inFlight.delete(key);
  }

  /**
   * AddUnschedulableIfNotPresent: after a failed attempt started at `podSchedulingCycle`. If a
   * move request came in meanwhile it goes to backoffQ, otherwise to unschedulablePods.
   */
  addUnschedulableIfNotPresent(info: QueuedPodInfo, podSchedulingCycle: number): void {
    const key = info.key;
    if (!this.inFlight.has(key)) return; // deleted while being scheduled
    this.inFlight.delete(key);
    if (this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulable.has(key)) return;
    info.timestamp = this.clock.now();
    if (this.moveRequestCycle >= podSchedulingCycle || info.failedWithError) this.backoffQ.push(info);
    else this.unschedulable.set(key, { info, since: this.clock.now() });
  }

  /**
   * MoveAllToActiveOrBackoffQueue for `event`: every unschedulable pod that was rejected by a
   * plugin in `plugins` (the plugins registered for the event) moves on.
   */
  moveAllToActiveOrBackoff(event: string, plugins: ReadonlySet<string> | undefined): void {
    for (const [key, u] of this.unschedulable) {
      const relevant = u.info.failedWithError || u.info.unschedulablePlugins.size === 0 || [...u.info.unschedulablePlugins].some((p) => plugins?.has(p));
      if (!relevant) continue;
      this.unschedulable.delete(key);
      if (this.isBackingOff(u.info)) this.backoffQ.push(u.info);
      else this.pushActive(u.info);
    }
    void event;
    this.moveRequestCycle = this.schedulingCycle;
  }

  /** flushBackoffQCompleted: pods whose backoff has ended move to activeQ. */
  flushBackoffQCompleted(): void {
    const now = this.clock.now();
    for (;;) {
      const head = this.backoffQ.peek();
      if (!head || this.backoffExpiry(head) > now) return;
      this.backoffQ.pop();
      this.pushActive(head);
    }
  }

  /** flushUnschedulablePodsLeftover: pods unschedulable for longer than 5 minutes move on. */
  flushUnschedulablePodsLeftover(): void {
    const now = this.clock.now();
    for (const [key, u] of this.unschedulable) {
      if (now - u.since < this.maxUnschedulable) continue;
      this.unschedulable.delete(key);
      if (this.isBackingOff(u.info)) this.backoffQ.push(u.info);
      else this.pushActive(u.info);
    }
  }

  /** Where each pending pod waits (for tests and `kubectl`-like views). */
  pendingPods(): { active: string[]; backoff: string[]; unschedulable: string[] } {
    return {
      active: this.activeQ.values().map((i) => i.key),
      backoff: this.backoffQ.values().map((i) => i.key),
      unschedulable: [...this.unschedulable.keys()],
    };
  }

  /** The backoff an info has to wait out after its attempts so far. */
  backoffDuration(info: QueuedPodInfo): number {
    return this.part.backoffDuration(Math.max(1, info.attempts), this.initialBackoff, this.maxBackoff);
  }

  private backoffExpiry(info: QueuedPodInfo): number {
    return info.timestamp + this.backoffDuration(info);
  }

  private isBackingOff(info: QueuedPodInfo): boolean {
    return info.attempts > 0 && this.backoffExpiry(info) > this.clock.now();
  }

  private newInfo(pod: corev1.Pod): QueuedPodInfo {
    return {
      pod,
      key: keyOf(pod),
      priority: pod.spec?.priority ?? 0,
      timestamp: this.clock.now(),
      attempts: 0,
      initialAttemptTimestamp: undefined,
      unschedulablePlugins: new Set(),
    };
  }

  private takeForScheduling(info: QueuedPodInfo): QueuedPodInfo {
    this.schedulingCycle++;
    info.attempts++;
    info.initialAttemptTimestamp ??= this.clock.now();
    this.inFlight.set(info.key, info);
    return info;
  }

  /**
   * Into activeQ; waiting pops are served on the next microtask, so a batch of moves (a flush, a
   * cluster event) is fully ordered before anyone takes the head.
   */
  private pushActive(info: QueuedPodInfo): void {
    this.activeQ.push(info);
    if (this.waiters.length === 0 || this.wakeScheduled) return;
    this.wakeScheduled = true;
    queueMicrotask(() => {
      this.wakeScheduled = false;
      while (this.waiters.length && this.activeQ.size) {
        const waiter = this.waiters.shift() as (i: QueuedPodInfo | undefined) => void;
        waiter(this.takeForScheduling(this.activeQ.pop() as QueuedPodInfo));
      }
    });
  }
}
