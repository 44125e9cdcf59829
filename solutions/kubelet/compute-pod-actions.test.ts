import { describe, expect, it } from 'vitest';
import { describePodActions, failingPodActionsCases, podActionsCases } from '../../engine/kubelet/pod-actions-suite.ts';
import type { ComputePodActions } from '../../engine/kubelet/pod-actions.ts';
import { computePodActions } from './compute-pod-actions.ts';
import { computePodActions as stubComputePodActions } from '../../exercises/kubelet/compute-pod-actions.ts';

describePodActions('reference solution', computePodActions);

describe('computePodActions cases catch broken implementations', () => {
  it('the untouched learner stub fails every case', () => {
    expect(failingPodActionsCases(stubComputePodActions)).toEqual(podActionsCases.map((c) => c.name));
  });

  it('starting every init container at once (not in order) is caught', () => {
    const allAtOnce: ComputePodActions = (pod, view, probes) => {
      const a = computePodActions(pod, view, probes);
      if (a.nextInitContainerToStart) return { ...a, nextInitContainerToStart: undefined, containersToStart: (pod.spec?.containers ?? []).map((c) => c.name) };
      return a;
    };
    expect(failingPodActionsCases(allAtOnce)).toContain('init containers run one at a time, in order, and app containers wait for all of them');
  });

  it('ignoring restartPolicy (always restarting) is caught', () => {
    const alwaysRestart: ComputePodActions = (pod, view, probes) => computePodActions({ ...pod, spec: { ...pod.spec!, restartPolicy: 'Always' } }, view, probes);
    const failed = failingPodActionsCases(alwaysRestart);
    expect(failed).toContain('restartPolicy OnFailure restarts only containers that exited non-zero');
    expect(failed).toContain('restartPolicy Never restarts nothing, and a pod with nothing left running is killed');
  });

  it('ignoring liveness failures is caught', () => {
    const deaf: ComputePodActions = (pod, view) => computePodActions(pod, view, {});
    expect(failingPodActionsCases(deaf)).toContain('a container whose liveness probe failed is killed with the upstream message and restarted');
  });

  it('reusing a sandbox that is not ready is caught', () => {
    const reuse: ComputePodActions = (pod, view, probes) => computePodActions(pod, { ...view, sandboxes: view.sandboxes.map((s) => ({ ...s, ready: true })) }, probes);
    expect(failingPodActionsCases(reuse)).toContain('a sandbox that is no longer ready is replaced with the next attempt and everything starts over');
  });
});
