/** Typical mistakes in `runtime.container`; the self-check proves each one fails a case. */
import type { ContainerLifecycle } from '../../engine/runtime/container-lifecycle.ts';
import { defineMutants } from '../exercise-tests.ts';

/** The reference with its transition replaced, the way a learner's bug would replace it. */
const withTransition = (ref: ContainerLifecycle, transition: ContainerLifecycle['transition']): ContainerLifecycle => ({ initial: ref.initial, transition });

export default defineMutants({
  part: 'runtime.container',
  mutants: [
    {
      name: 'no-kill-timer',
      mistake: 'a stop sends SIGTERM but never arms the kill timer, so a process that ignores SIGTERM runs forever',
      make: (ref) =>
        withTransition(ref, (record, event) => {
          const r = ref.transition(record, event);
          return r.ok ? { ...r, actions: r.actions.filter((a) => a.type !== 'armKill') } : r;
        }),
    },
    {
      name: 'oom-as-error',
      mistake: 'an OOM kill is reported as a plain Error instead of OOMKilled',
      make: (ref) =>
        withTransition(ref, (record, event) => {
          const r = ref.transition(record, event);
          return r.ok && event.type === 'oom' && r.record.reason === 'OOMKilled' ? { ...r, record: { ...r.record, reason: 'Error' } } : r;
        }),
    },
    {
      name: 'last-exit-wins',
      mistake: "a late exit report overwrites the exit code of a container that was already killed (137 becomes the process's own code)",
      make: (ref) =>
        withTransition(ref, (record, event) => {
          if (event.type === 'exit' && record.state === 'CONTAINER_EXITED') {
            return { ok: true, record: { ...record, exitCode: event.exitCode, reason: event.exitCode === 0 ? 'Completed' : 'Error', finishedAt: event.now }, actions: [] };
          }
          return ref.transition(record, event);
        }),
    },
    {
      name: 'restart-in-place',
      mistake: 'any container can start again, even a running or exited one',
      make: (ref) =>
        withTransition(ref, (record, event) =>
          event.type === 'start' ? { ok: true, record: { ...record, state: 'CONTAINER_RUNNING', startedAt: event.now }, actions: [] } : ref.transition(record, event),
        ),
    },
    {
      name: 'mutates-record',
      mistake: 'transitions change the record they are given instead of returning a new one',
      make: (ref) =>
        withTransition(ref, (record, event) => {
          const r = ref.transition(record, event);
          if (r.ok) Object.assign(record, r.record);
          return r.ok ? { ...r, record } : r;
        }),
    },
    {
      name: 'kill-exits-1',
      mistake: 'a process killed with SIGKILL exits 1 instead of 128 + 9 = 137',
      make: (ref) =>
        withTransition(ref, (record, event) => {
          const r = ref.transition(record, event);
          return r.ok && r.record.exitCode === 137 && record.state !== 'CONTAINER_EXITED' ? { ...r, record: { ...r.record, exitCode: 1 } } : r;
        }),
    },
  ],
});
