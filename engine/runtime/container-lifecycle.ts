/**
 * Part `runtime.container`: the state machine of one container, as containerd's CRI plugin keeps
 * it (containerd internal/cri/store/container/status.go; server/container_start.go,
 * container_stop.go, events.go). The runtime owns the clock and the process; this part decides,
 * for each thing that happens, the container's next record and what the runtime must do.
 *
 *   CREATED ──start──▶ RUNNING ──exit(code)──────────────▶ EXITED  reason Completed (0) / Error
 *      │                 │ ──oom───────────────────────────▶ EXITED  137, OOMKilled (SIGKILL sent)
 *      │                 │ ──stop(t>0)─▶ (stopping: SIGTERM sent, kill timer armed)
 *      │                 │                 ──exit(code)───▶ EXITED  (kill timer cancelled)
 *      │                 │                 ──graceExpired─▶ EXITED  137, Error (SIGKILL sent)
 *      │                 │ ──stop(0)──────────────────────▶ EXITED  137, Error (SIGKILL sent)
 *      └─startFailed(msg)──────────────────────────────────▶ EXITED  128, StartError
 *
 * Worked example (stop with a 30 s grace, process ignores SIGTERM):
 *   t=0      initial(0)                 → CREATED, createdAt 0
 *   t=1000   start                      → RUNNING, startedAt 1000
 *   t=5000   stop {timeoutSeconds: 30}  → still RUNNING, stopping; actions [signal SIGTERM, armKill 30000]
 *   t=35000  graceExpired               → EXITED 137 'Error', finishedAt 35000; actions [signal SIGKILL]
 *   t=35000  exit {exitCode: 137}       → unchanged, no actions (the record is final)
 *
 * Rules that hold in every state:
 *  - An EXITED record never changes again; late events (exit, oom, graceExpired, stop) are
 *    ignored with no actions.
 *  - Only a CREATED container can start; anything else is the CriError FailedPrecondition
 *    `container is in CONTAINER_RUNNING state` (containerd's words).
 *  - stop on a container that is not running does nothing (containerd: "container is not
 *    running"; it returns success).
 *  - Timestamps are the event's `now`; finishedAt is set exactly when the record becomes EXITED.
 *  - reason: 'Completed' for exit code 0, 'Error' otherwise, 'OOMKilled' when killed by the OOM
 *    killer (containerd's completeExitReason / errorExitReason / oomExitReason).
 */
import { CriError, type ContainerState } from './cri.ts';
import type { Signal } from './process.ts';

export interface ContainerRecord {
  state: ContainerState;
  /** ms of the clock; 0 when not reached. */
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  reason: string;
  message: string;
  /** True once a graceful stop is under way (SIGTERM sent, SIGKILL timer armed). */
  stopping: boolean;
}

export type ContainerEventInput =
  | { type: 'start'; now: number }
  | { type: 'startFailed'; now: number; message: string }
  /** The process ended by itself (or from a signal it got): its exit code. */
  | { type: 'exit'; now: number; exitCode: number }
  /** The container's memory went over its limit. */
  | { type: 'oom'; now: number }
  | { type: 'stop'; now: number; timeoutSeconds: number; stopSignal?: Signal }
  /** The kill timer armed by a graceful stop fired. */
  | { type: 'graceExpired'; now: number };

export type ContainerAction =
  | { type: 'signal'; signal: Signal }
  /** Arm the kill timer: graceExpired after `afterMs`. */
  | { type: 'armKill'; afterMs: number }
  | { type: 'cancelKill' };

export type TransitionResult = { ok: true; record: ContainerRecord; actions: ContainerAction[] } | { ok: false; error: CriError };

export interface ContainerLifecycle {
  /** The record of a container just created at `now`. */
  initial(now: number): ContainerRecord;
  /** The next record and the actions for `event`; never mutates `record`. */
  transition(record: ContainerRecord, event: ContainerEventInput): TransitionResult;
}

export { CriError };
