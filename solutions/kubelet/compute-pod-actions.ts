/**
 * Reference `kubelet.sync`: computePodActions (upstream pkg/kubelet/kuberuntime/
 * kuberuntime_manager.go). See engine/kubelet/pod-actions.ts for the contract and a worked example.
 */
import type { corev1 } from '../../engine/api/types.ts';
import { latestContainer, type ComputePodActions, type PodActions, type ProbeVerdicts, type RuntimeContainer, type RuntimePodView } from '../../engine/kubelet/pod-actions.ts';

type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

function policyOf(pod: corev1.Pod): RestartPolicy {
  return (pod.spec?.restartPolicy as RestartPolicy | undefined) ?? 'Always';
}

/**
 * shouldContainerBeRestarted (pkg/kubelet/container/helpers.go): a container that never ran, or
 * whose state the runtime lost, is (re)started; an exited one only as the restart policy allows —
 * Never: not at all; OnFailure: unless it exited 0; Always: always.
 */
function shouldRestart(c: RuntimeContainer | undefined, policy: RestartPolicy): boolean {
  if (!c) return true;
  if (c.state === 'running') return false;
  if (c.state !== 'exited') return true;
  if (policy === 'Never') return false;
  if (policy === 'OnFailure') return c.exitCode !== 0;
  return true;
}

/**
 * podSandboxChanged: a new sandbox is needed when there is none, when the newest is not ready
 * (its network is gone, e.g. the node rebooted), or when more than one is ready.
 */
function sandboxChanged(view: RuntimePodView): { create: boolean; attempt: number; sandboxId?: string } {
  const newest = view.sandboxes[0];
  if (!newest) return { create: true, attempt: 0 };
  const ready = view.sandboxes.filter((s) => s.ready).length;
  if (ready !== 1 || !newest.ready) return { create: true, attempt: newest.attempt + 1, sandboxId: newest.id };
  return { create: false, attempt: newest.attempt, sandboxId: newest.id };
}

export const computePodActions: ComputePodActions = (pod, view, probes: ProbeVerdicts = {}) => {
  const policy = policyOf(pod);
  const spec = pod.spec;
  const inits = spec?.initContainers ?? [];
  const containers = spec?.containers ?? [];
  const sandbox = sandboxChanged(view);
  const actions: PodActions = {
    killPod: sandbox.create,
    createSandbox: sandbox.create,
    sandboxId: sandbox.sandboxId,
    attempt: sandbox.attempt,
    containersToStart: [],
    containersToKill: [],
  };

  if (sandbox.create) {
    // A pod that must not restart and has run before stays dead: a new sandbox would re-run it.
    if (policy === 'Never' && sandbox.attempt !== 0 && view.containers.length > 0) {
      actions.createSandbox = false;
      return actions;
    }
    // A new sandbox means starting over: init containers first, from the first one.
    if (inits.length > 0) {
      actions.nextInitContainerToStart = inits[0]!.name;
      return actions;
    }
    for (const c of containers) {
      const last = latestContainer(view, c.name);
      // OnFailure: containers that already succeeded are done, even in a new sandbox.
      if (policy === 'OnFailure' && last?.state === 'exited' && last.exitCode === 0) continue;
      actions.containersToStart.push(c.name);
    }
    if (actions.containersToStart.length === 0) actions.createSandbox = false;
    return actions;
  }

  // computeInitContainerActions: init containers run one at a time, in spec order; each must exit 0
  // before the next starts, and app containers wait for all of them.
  for (const init of inits) {
    const last = latestContainer(view, init.name);
    if (last?.state === 'exited' && last.exitCode === 0) continue;
    if (last?.state === 'running' || last?.state === 'created') return actions; // wait for it
    if (last?.state === 'exited' && policy === 'Never') {
      // A failed init container with restartPolicy Never fails the whole pod.
      actions.killPod = true;
      return actions;
    }
    actions.nextInitContainerToStart = init.name;
    return actions;
  }

  let keep = 0;
  for (const c of containers) {
    const last = latestContainer(view, c.name);
    if (last?.state !== 'running') {
      if (shouldRestart(last, policy)) actions.containersToStart.push(c.name);
      continue;
    }
    let message: string | undefined;
    if (probes.livenessFailed?.has(last.id)) message = `Container ${c.name} failed liveness probe`;
    else if (probes.startupFailed?.has(last.id)) message = `Container ${c.name} failed startup probe`;
    if (message === undefined) {
      keep++;
      continue;
    }
    // A killed container comes back unless the policy is Never (upstream restarts it even
    // under OnFailure: a liveness kill is not a success); only then does the message promise it.
    const restart = policy !== 'Never';
    actions.containersToKill.push({ id: last.id, name: c.name, message: restart ? `${message}, will be restarted` : message });
    if (restart) actions.containersToStart.push(c.name);
  }
  // Nothing running and nothing to start: the pod is finished; tear the sandbox down.
  if (keep === 0 && actions.containersToStart.length === 0) actions.killPod = true;
  return actions;
};
