/**
 * The behaviour cases of part `runtime.container`, written once and run against any
 * implementation: the reference in solutions/ (solutions/runtime/container-lifecycle.test.ts),
 * and through grader/tests/runtime-container.ts the learner's stub (which fails every case) and
 * the mutants of grader/mutants/runtime-container.ts.
 *
 * Each case is a plain function that throws on failure (vitest's `expect` throws), so the cases
 * can also be run outside a test runner's `it` to count how many an implementation fails.
 */
import { describe, expect, it } from 'vitest';
import { CriError } from './cri.ts';
import type { ContainerAction, ContainerEventInput, ContainerLifecycle, ContainerRecord } from './container-lifecycle.ts';

export interface ContainerLifecycleCase {
  name: string;
  run(impl: ContainerLifecycle): void;
}

/** Applies events in order, expecting each to succeed; returns the last record and all actions. */
function play(impl: ContainerLifecycle, events: ContainerEventInput[], start = 0): { record: ContainerRecord; actions: ContainerAction[][] } {
  let record = impl.initial(start);
  const actions: ContainerAction[][] = [];
  for (const e of events) {
    const r = impl.transition(record, e);
    if (!r.ok) throw new Error(`unexpected failure on ${e.type}: ${r.error.message}`);
    record = r.record;
    actions.push(r.actions);
  }
  return { record, actions };
}

const summary = (r: ContainerRecord) => `${r.state} exit=${r.exitCode} reason=${r.reason}`;

export const containerLifecycleCases: readonly ContainerLifecycleCase[] = [
  {
    name: 'a new container is CREATED at its creation time and has not started or finished',
    run(impl) {
      const r = impl.initial(1_000);
      expect(r.state).toBe('CONTAINER_CREATED');
      expect([r.createdAt, r.startedAt, r.finishedAt]).toEqual([1_000, 0, 0]);
      expect(r.reason).toBe('');
      expect(r.stopping).toBe(false);
    },
  },
  {
    name: 'start makes a created container RUNNING and records when',
    run(impl) {
      const { record, actions } = play(impl, [{ type: 'start', now: 2_000 }], 1_000);
      expect(record.state).toBe('CONTAINER_RUNNING');
      expect([record.createdAt, record.startedAt, record.finishedAt]).toEqual([1_000, 2_000, 0]);
      expect(actions).toEqual([[]]);
    },
  },
  {
    name: 'a process that exits 0 leaves the container EXITED with reason Completed',
    run(impl) {
      const { record } = play(impl, [
        { type: 'start', now: 1 },
        { type: 'exit', now: 5_000, exitCode: 0 },
      ]);
      expect(summary(record)).toBe('CONTAINER_EXITED exit=0 reason=Completed');
      expect(record.finishedAt).toBe(5_000);
    },
  },
  {
    name: 'a process that exits non-zero leaves the container EXITED with reason Error and its code',
    run(impl) {
      const { record } = play(impl, [
        { type: 'start', now: 1 },
        { type: 'exit', now: 2, exitCode: 3 },
      ]);
      expect(summary(record)).toBe('CONTAINER_EXITED exit=3 reason=Error');
    },
  },
  {
    name: 'only a created container can start: a second start fails with FailedPrecondition',
    run(impl) {
      const { record } = play(impl, [{ type: 'start', now: 1 }]);
      const again = impl.transition(record, { type: 'start', now: 2 });
      expect(again.ok).toBe(false);
      if (!again.ok) {
        expect(again.error).toBeInstanceOf(CriError);
        expect(again.error.code).toBe('FailedPrecondition');
        expect(again.error.message).toContain('container is in CONTAINER_RUNNING state');
      }
      const done = play(impl, [
        { type: 'start', now: 1 },
        { type: 'exit', now: 2, exitCode: 0 },
      ]).record;
      const restart = impl.transition(done, { type: 'start', now: 3 });
      expect(restart.ok).toBe(false);
    },
  },
  {
    name: 'a graceful stop sends SIGTERM and arms the kill timer for the grace period, the container still running',
    run(impl) {
      const { record, actions } = play(impl, [
        { type: 'start', now: 1 },
        { type: 'stop', now: 10, timeoutSeconds: 30 },
      ]);
      expect(record.state).toBe('CONTAINER_RUNNING');
      expect(record.stopping).toBe(true);
      expect(actions[1]).toEqual([
        { type: 'signal', signal: 'SIGTERM' },
        { type: 'armKill', afterMs: 30_000 },
      ]);
    },
  },
  {
    name: "a graceful stop sends the image's stop signal when it has one (nginx: SIGQUIT)",
    run(impl) {
      const { actions } = play(impl, [
        { type: 'start', now: 1 },
        { type: 'stop', now: 10, timeoutSeconds: 5, stopSignal: 'SIGQUIT' },
      ]);
      expect(actions[1]).toContainEqual({ type: 'signal', signal: 'SIGQUIT' });
    },
  },
  {
    name: 'a process that exits within the grace period keeps its own exit code and the kill timer is cancelled',
    run(impl) {
      const { record, actions } = play(impl, [
        { type: 'start', now: 1 },
        { type: 'stop', now: 10, timeoutSeconds: 30 },
        { type: 'exit', now: 110, exitCode: 0 },
      ]);
      expect(summary(record)).toBe('CONTAINER_EXITED exit=0 reason=Completed');
      expect(record.finishedAt).toBe(110);
      expect(actions[2]).toEqual([{ type: 'cancelKill' }]);
    },
  },
  {
    name: 'when the grace period runs out the process is SIGKILLed: exit 137, reason Error',
    run(impl) {
      const { record, actions } = play(impl, [
        { type: 'start', now: 1 },
        { type: 'stop', now: 10, timeoutSeconds: 30 },
        { type: 'graceExpired', now: 30_010 },
      ]);
      expect(summary(record)).toBe('CONTAINER_EXITED exit=137 reason=Error');
      expect(record.finishedAt).toBe(30_010);
      expect(actions[2]).toEqual([{ type: 'signal', signal: 'SIGKILL' }]);
    },
  },
  {
    name: 'a stop with no grace kills at once: exit 137',
    run(impl) {
      const { record, actions } = play(impl, [
        { type: 'start', now: 1 },
        { type: 'stop', now: 10, timeoutSeconds: 0 },
      ]);
      expect(summary(record)).toBe('CONTAINER_EXITED exit=137 reason=Error');
      expect(record.finishedAt).toBe(10);
      expect(actions[1]).toContainEqual({ type: 'signal', signal: 'SIGKILL' });
      expect(actions[1]).not.toContainEqual({ type: 'signal', signal: 'SIGTERM' });
    },
  },
  {
    name: 'going over the memory limit kills the process: exit 137, reason OOMKilled',
    run(impl) {
      const { record, actions } = play(impl, [
        { type: 'start', now: 1 },
        { type: 'oom', now: 700 },
      ]);
      expect(summary(record)).toBe('CONTAINER_EXITED exit=137 reason=OOMKilled');
      expect(record.finishedAt).toBe(700);
      expect(actions[1]).toContainEqual({ type: 'signal', signal: 'SIGKILL' });
    },
  },
  {
    name: "an exited container's record is final: a late exit report, timer or stop changes nothing",
    run(impl) {
      const { record, actions } = play(impl, [
        { type: 'start', now: 1 },
        { type: 'stop', now: 10, timeoutSeconds: 30 },
        { type: 'graceExpired', now: 30_010 },
        { type: 'exit', now: 30_011, exitCode: 0 },
        { type: 'oom', now: 30_012 },
        { type: 'stop', now: 30_013, timeoutSeconds: 0 },
      ]);
      expect(summary(record)).toBe('CONTAINER_EXITED exit=137 reason=Error');
      expect(record.finishedAt).toBe(30_010);
      expect(actions.slice(3)).toEqual([[], [], []]);
    },
  },
  {
    name: 'stopping a container that never started does nothing',
    run(impl) {
      const { record, actions } = play(impl, [{ type: 'stop', now: 10, timeoutSeconds: 30 }], 5);
      expect(record.state).toBe('CONTAINER_CREATED');
      expect(actions).toEqual([[]]);
    },
  },
  {
    name: 'a container whose process cannot start ends EXITED with 128 and reason StartError, with the message',
    run(impl) {
      const { record } = play(impl, [{ type: 'startFailed', now: 3, message: 'exec: "nope": executable file not found in $PATH' }]);
      expect(summary(record)).toBe('CONTAINER_EXITED exit=128 reason=StartError');
      expect(record.message).toContain('executable file not found');
      expect(record.finishedAt).toBe(3);
    },
  },
  {
    name: 'transitions never change the record they are given',
    run(impl) {
      const created = impl.initial(1);
      const frozen = JSON.stringify(created);
      const r = impl.transition(created, { type: 'start', now: 2 });
      expect(JSON.stringify(created)).toBe(frozen);
      if (r.ok) {
        const running = JSON.stringify(r.record);
        impl.transition(r.record, { type: 'oom', now: 3 });
        expect(JSON.stringify(r.record)).toBe(running);
      }
      expect(r.ok).toBe(true);
    },
  },
];

/** Registers every case as a vitest test against `impl`. */
export function describeContainerLifecycle(name: string, impl: ContainerLifecycle): void {
  describe(`runtime.container (${name})`, () => {
    for (const c of containerLifecycleCases) it(c.name, () => c.run(impl));
  });
}

