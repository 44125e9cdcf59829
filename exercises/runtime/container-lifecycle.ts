/**
 * Exercise `runtime.container`: write the container state machine a runtime like containerd
 * keeps for every container. Read engine/runtime/container-lifecycle.ts first: its diagram and
 * worked example show every transition and the actions the runtime expects back.
 *
 * The cases your machine must pass are in engine/runtime/container-lifecycle-suite.ts, plus the
 * cluster cases of grader/tests/runtime-container.ts, where every container of a simulated
 * cluster runs on your machine (`npm run grade -- runtime-container`).
 */
import type { ContainerEventInput, ContainerLifecycle, ContainerRecord, TransitionResult } from '../../engine/runtime/container-lifecycle.ts';

export const containerLifecycle: ContainerLifecycle = {
  initial(now: number): ContainerRecord {
    // TODO: a freshly created container: state CONTAINER_CREATED, createdAt `now`, every other
    // timestamp 0, no exit code, reason or message yet, not stopping.
    void now;
    throw new Error('TODO: ContainerLifecycle.initial');
  },

  transition(record: ContainerRecord, event: ContainerEventInput): TransitionResult {
    // TODO: return the next record (a new object; never change `record`) and the actions the
    // runtime must take, for each kind of event:
    //  - start: only from CONTAINER_CREATED; otherwise fail with a CriError FailedPrecondition.
    //  - startFailed: the container ends without ever running, with exit code 128 and reason
    //    StartError.
    //  - exit: a running process ended; record its exit code and the reason containerd gives.
    //  - oom: the kernel kills the process; decide the exit code and reason and the signal.
    //  - stop: with a timeout, ask the process to stop and make sure it is killed if it does not
    //    stop in time; with no timeout, kill it now.
    //  - graceExpired: the stop's time is up.
    // Remember that a finished container's record never changes, and that stopping a container
    // that is not running does nothing.
    void record;
    void event;
    throw new Error('TODO: ContainerLifecycle.transition');
  },
};
