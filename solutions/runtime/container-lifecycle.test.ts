import { describe, expect, it } from 'vitest';
import {
  containerLifecycleCases,
  describeContainerLifecycle,
  failingContainerLifecycleCases,
} from '../../engine/runtime/container-lifecycle-suite.ts';
import type { ContainerLifecycle } from '../../engine/runtime/container-lifecycle.ts';
import { containerLifecycle } from './container-lifecycle.ts';
import { containerLifecycle as stub } from '../../exercises/runtime/container-lifecycle.ts';

describeContainerLifecycle('reference solution', containerLifecycle);

/** The reference with one behaviour broken, the way a learner's bug would break it. */
function mutant(transition: ContainerLifecycle['transition']): ContainerLifecycle {
  return { initial: containerLifecycle.initial, transition };
}

describe('runtime.container cases catch broken implementations', () => {
  it('the untouched learner stub fails every case', () => {
    expect(failingContainerLifecycleCases(stub)).toEqual(containerLifecycleCases.map((c) => c.name));
  });

  it('a stop that sends SIGTERM but never arms the kill timer (a process ignoring SIGTERM runs forever) is caught', () => {
    const noKillTimer = mutant((record, event) => {
      const r = containerLifecycle.transition(record, event);
      return r.ok ? { ...r, actions: r.actions.filter((a) => a.type !== 'armKill') } : r;
    });
    expect(failingContainerLifecycleCases(noKillTimer)).toContain(
      'a graceful stop sends SIGTERM and arms the kill timer for the grace period, the container still running',
    );
  });

  it('an OOM kill reported as a plain Error is caught', () => {
    const oomAsError = mutant((record, event) => {
      const r = containerLifecycle.transition(record, event);
      return r.ok && event.type === 'oom' && r.record.reason === 'OOMKilled' ? { ...r, record: { ...r.record, reason: 'Error' } } : r;
    });
    expect(failingContainerLifecycleCases(oomAsError)).toContain('going over the memory limit kills the process: exit 137, reason OOMKilled');
  });

  it('letting a late exit report overwrite the SIGKILL exit code is caught', () => {
    const lastWriterWins = mutant((record, event) => {
      if (event.type === 'exit' && record.state === 'CONTAINER_EXITED') {
        return { ok: true, record: { ...record, exitCode: event.exitCode, reason: event.exitCode === 0 ? 'Completed' : 'Error', finishedAt: event.now }, actions: [] };
      }
      return containerLifecycle.transition(record, event);
    });
    expect(failingContainerLifecycleCases(lastWriterWins)).toContain(
      "an exited container's record is final: a late exit report, timer or stop changes nothing",
    );
  });

  it('a machine that lets any container start again (restart in place) is caught', () => {
    const restartable = mutant((record, event) =>
      event.type === 'start' ? { ok: true, record: { ...record, state: 'CONTAINER_RUNNING', startedAt: event.now }, actions: [] } : containerLifecycle.transition(record, event),
    );
    expect(failingContainerLifecycleCases(restartable)).toContain('only a created container can start: a second start fails with FailedPrecondition');
  });

  it('a machine that mutates the record in place is caught', () => {
    const inPlace = mutant((record, event) => {
      const r = containerLifecycle.transition(record, event);
      if (r.ok) Object.assign(record, r.record);
      return r.ok ? { ...r, record } : r;
    });
    expect(failingContainerLifecycleCases(inPlace)).toContain('transitions never change the record they are given');
  });
});
