/**
 * Exercise `kubelet.sync`: computePodActions. Read engine/kubelet/pod-actions.ts for the contract
 * and its worked example.
 */
import type { ComputePodActions } from '../../engine/kubelet/pod-actions.ts';

export const computePodActions: ComputePodActions = (pod, view, probes = {}) => {
  void pod, view, probes;
  // TODO: decide whether the pod needs a (new) sandbox: none yet, the newest not ready, or more
  //   than one ready. A pod with restartPolicy Never that already ran must not get a new one.
  // TODO: with a new sandbox everything starts over (kill the old one): the first init container,
  //   or else every app container (under OnFailure, not those that already succeeded).
  // TODO: otherwise run init containers one at a time, in order; each must exit 0 before the
  //   next; a failed one is retried unless the policy is Never, which fails (kills) the pod.
  // TODO: then start app containers that are not running and that the restart policy allows to
  //   (re)start; kill and restart running ones whose liveness or startup probe failed.
  // TODO: when nothing is left running and nothing is to start, kill the pod.
  throw new Error('TODO: kubelet.sync computePodActions');
};
