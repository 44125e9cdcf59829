/**
 * The `kubelet.backoff` part: the per-container restart backoff behind `CrashLoopBackOff` (and,
 * with the same numbers, `ImagePullBackOff`) — upstream client-go util/flowcontrol/backoff.go,
 * created by the kubelet as `flowcontrol.NewBackOff(10*time.Second, 300*time.Second)`
 * (pkg/kubelet/kubelet.go backOffPeriod, MaxContainerBackOff) and consulted by
 * kuberuntime_manager.go doBackOff before each restart.
 *
 * Per key (`<pod uid>_<container name>`) it keeps a delay and the time it was last bumped:
 *
 *   isInBackOffSince(key, finishedAt, now): the container that finished at `finishedAt` may not be
 *       restarted yet — true while now - finishedAt < delay. An unknown key, or one whose last
 *       bump is more than 2 × max (10 minutes) before `finishedAt`, is never in backoff.
 *   next(key, eventTime, now): a restart is happening — the first one (or the first after 10
 *       quiet minutes) sets the delay to the initial 10 s, later ones double it up to 300 s;
 *       the bump time becomes `now`.
 *
 * Worked example (busybox `exit 1`, each run takes ~0 s): exit at 0 → next → restart at once
 * (delay 10 s); exit → in backoff until 10 s → restart, delay 20 s; exits → restart at 30 s,
 * delay 40 s; → 70 s, 80 s; → 150 s, 160 s; → 310 s, 300 s; → 610 s; → 910 s ...
 * A container that then runs for more than 10 minutes before exiting restarts at once, and the
 * delay is back to 10 s.
 */

export interface BackoffOptions {
  /** Default 10 000 ms. */
  initialMs?: number;
  /** Default 300 000 ms. */
  maxMs?: number;
}

export interface ContainerBackoff {
  isInBackOffSince(key: string, eventTime: number, now: number): boolean;
  next(key: string, eventTime: number, now: number): void;
  /** The current delay of `key` in ms (0 for an unknown key). */
  get(key: string): number;
  /** Forgets `key` (the pod is gone). */
  reset(key: string): void;
}

/** The part's signature: a factory, one instance per kubelet. */
export type ContainerBackoffFactory = (options?: BackoffOptions) => ContainerBackoff;

export const DEFAULT_BACKOFF_INITIAL_MS = 10_000;
export const MAX_CONTAINER_BACKOFF_MS = 300_000;
