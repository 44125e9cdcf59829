/**
 * Reference for part `runtime.container` (see engine/runtime/container-lifecycle.ts for the
 * diagram and the worked example).
 *
 * Why it is shaped this way:
 *  - The function is pure: the runtime feeds it what happened and applies the actions. That
 *    keeps timers and processes out of the decision, so every case is testable without a clock.
 *  - The exit code after a kill is the kernel's 128 + signal number (SIGKILL 9 → 137), decided
 *    here at the moment of the kill: the process's own exit report that follows is late and
 *    must not overwrite it (containerd records the first exit it sees).
 *  - A graceful stop sends the image's stop signal (SIGTERM unless the image says otherwise,
 *    nginx uses SIGQUIT) and arms a kill timer; whichever comes first — the process exiting or
 *    the timer — decides the outcome, and the other is cancelled or ignored.
 */
import { CriError } from '../../engine/runtime/cri.ts';
import type { ContainerEventInput, ContainerLifecycle, ContainerRecord, TransitionResult } from '../../engine/runtime/container-lifecycle.ts';

const SIGKILL_EXIT = 128 + 9;

function exitReason(exitCode: number): string {
  return exitCode === 0 ? 'Completed' : 'Error';
}

function exited(record: ContainerRecord, now: number, exitCode: number, reason: string, message = ''): ContainerRecord {
  return { ...record, state: 'CONTAINER_EXITED', finishedAt: now, exitCode, reason, message, stopping: false };
}

function transition(record: ContainerRecord, event: ContainerEventInput): TransitionResult {
  // A finished container's record is final: late reports change nothing.
  if (record.state === 'CONTAINER_EXITED') {
    if (event.type === 'start') return { ok: false, error: new CriError('FailedPrecondition', `container is in ${record.state} state`) };
    return { ok: true, record, actions: [] };
  }
  switch (event.type) {
    case 'start':
      if (record.state !== 'CONTAINER_CREATED') return { ok: false, error: new CriError('FailedPrecondition', `container is in ${record.state} state`) };
      return { ok: true, record: { ...record, state: 'CONTAINER_RUNNING', startedAt: event.now }, actions: [] };
    case 'startFailed':
      return { ok: true, record: exited(record, event.now, 128, 'StartError', event.message), actions: [] };
    case 'exit':
      if (record.state !== 'CONTAINER_RUNNING') return { ok: true, record, actions: [] };
      return {
        ok: true,
        record: exited(record, event.now, event.exitCode, exitReason(event.exitCode)),
        actions: record.stopping ? [{ type: 'cancelKill' }] : [],
      };
    case 'oom':
      if (record.state !== 'CONTAINER_RUNNING') return { ok: true, record, actions: [] };
      return {
        ok: true,
        record: exited(record, event.now, SIGKILL_EXIT, 'OOMKilled'),
        actions: record.stopping ? [{ type: 'signal', signal: 'SIGKILL' }, { type: 'cancelKill' }] : [{ type: 'signal', signal: 'SIGKILL' }],
      };
    case 'stop': {
      // Stopping a container that never ran (or is already stopping with a timer) is a no-op.
      if (record.state !== 'CONTAINER_RUNNING') return { ok: true, record, actions: [] };
      if (event.timeoutSeconds <= 0) {
        return {
          ok: true,
          record: exited(record, event.now, SIGKILL_EXIT, 'Error'),
          actions: record.stopping ? [{ type: 'signal', signal: 'SIGKILL' }, { type: 'cancelKill' }] : [{ type: 'signal', signal: 'SIGKILL' }],
        };
      }
      if (record.stopping) return { ok: true, record, actions: [] };
      return {
        ok: true,
        record: { ...record, stopping: true },
        actions: [
          { type: 'signal', signal: event.stopSignal ?? 'SIGTERM' },
          { type: 'armKill', afterMs: event.timeoutSeconds * 1000 },
        ],
      };
    }
    case 'graceExpired':
      if (record.state !== 'CONTAINER_RUNNING' || !record.stopping) return { ok: true, record, actions: [] };
      return { ok: true, record: exited(record, event.now, SIGKILL_EXIT, 'Error'), actions: [{ type: 'signal', signal: 'SIGKILL' }] };
  }
}

export const containerLifecycle: ContainerLifecycle = {
  initial(now) {
    return { state: 'CONTAINER_CREATED', createdAt: now, startedAt: 0, finishedAt: 0, exitCode: 0, reason: '', message: '', stopping: false };
  },
  transition,
};
