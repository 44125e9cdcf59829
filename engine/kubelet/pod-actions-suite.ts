/**
 * The part cases of the `kubelet.sync` part (computePodActions): grader/tests/kubelet-sync.ts runs
 * them against the learner's part, the self-check against the reference, the stub and the
 * mutants. Each case throws on failure.
 */
import { expect } from 'vitest';
import type { corev1 } from '../api/types.ts';
import type { ComputePodActions, RuntimeContainer, RuntimePodView } from './pod-actions.ts';

export interface PodActionsCase {
  name: string;
  run(compute: ComputePodActions): void;
}

function pod(opts: { restartPolicy?: string; inits?: string[]; containers?: string[] } = {}): corev1.Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', uid: 'u1' },
    spec: {
      restartPolicy: opts.restartPolicy ?? 'Always',
      initContainers: (opts.inits ?? []).map((name) => ({ name, image: 'busybox' })),
      containers: (opts.containers ?? ['web']).map((name) => ({ name, image: 'nginx' })),
    },
  };
}

let seq = 0;
function ctr(name: string, state: RuntimeContainer['state'], exitCode = 0, attempt = 0): RuntimeContainer {
  seq++;
  return { id: `c${seq}`, name, attempt, state, exitCode, startedAt: 1, finishedAt: state === 'exited' ? 2 : 0, reason: state !== 'exited' ? '' : exitCode === 0 ? 'Completed' : 'Error' };
}

function view(containers: RuntimeContainer[], sandboxReady = true, attempt = 0): RuntimePodView {
  return { sandboxes: [{ id: 's1', ready: sandboxReady, attempt, createdAt: 1 }], containers };
}

const EMPTY: RuntimePodView = { sandboxes: [], containers: [] };

export const podActionsCases: readonly PodActionsCase[] = [
  {
    name: 'a pod with no sandbox gets one (attempt 0) and starts its app containers',
    run(compute) {
      const a = compute(pod({ containers: ['web', 'sidecar'] }), EMPTY);
      expect(a.createSandbox).toBe(true);
      expect(a.attempt).toBe(0);
      expect(a.containersToStart).toEqual(['web', 'sidecar']);
      expect(a.nextInitContainerToStart).toBeUndefined();
    },
  },
  {
    name: 'a pod with init containers starts only the first init container in a new sandbox',
    run(compute) {
      const a = compute(pod({ inits: ['init-a', 'init-b'] }), EMPTY);
      expect(a.createSandbox).toBe(true);
      expect(a.nextInitContainerToStart).toBe('init-a');
      expect(a.containersToStart).toEqual([]);
    },
  },
  {
    name: 'init containers run one at a time, in order, and app containers wait for all of them',
    run(compute) {
      const p = pod({ inits: ['init-a', 'init-b'] });
      const running = compute(p, view([ctr('init-a', 'running')]));
      expect(running.createSandbox).toBe(false);
      expect(running.nextInitContainerToStart).toBeUndefined();
      expect(running.containersToStart).toEqual([]);
      expect(running.killPod).toBe(false);
      const firstDone = compute(p, view([ctr('init-a', 'exited', 0)]));
      expect(firstDone.nextInitContainerToStart).toBe('init-b');
      expect(firstDone.containersToStart).toEqual([]);
      const allDone = compute(p, view([ctr('init-b', 'exited', 0), ctr('init-a', 'exited', 0)]));
      expect(allDone.nextInitContainerToStart).toBeUndefined();
      expect(allDone.containersToStart).toEqual(['web']);
    },
  },
  {
    name: 'a failed init container is retried under Always and OnFailure but fails the pod under Never',
    run(compute) {
      for (const policy of ['Always', 'OnFailure']) {
        const a = compute(pod({ restartPolicy: policy, inits: ['init-a'] }), view([ctr('init-a', 'exited', 1)]));
        expect(a.nextInitContainerToStart).toBe('init-a');
        expect(a.killPod).toBe(false);
      }
      const never = compute(pod({ restartPolicy: 'Never', inits: ['init-a'] }), view([ctr('init-a', 'exited', 1)]));
      expect(never.nextInitContainerToStart).toBeUndefined();
      expect(never.containersToStart).toEqual([]);
      expect(never.killPod).toBe(true);
    },
  },
  {
    name: 'a running container is left alone',
    run(compute) {
      const a = compute(pod(), view([ctr('web', 'running')]));
      expect(a).toMatchObject({ killPod: false, createSandbox: false, containersToStart: [], containersToKill: [] });
    },
  },
  {
    name: 'restartPolicy Always restarts a container that exited, whatever its exit code',
    run(compute) {
      expect(compute(pod(), view([ctr('web', 'exited', 1)])).containersToStart).toEqual(['web']);
      expect(compute(pod(), view([ctr('web', 'exited', 0)])).containersToStart).toEqual(['web']);
    },
  },
  {
    name: 'restartPolicy OnFailure restarts only containers that exited non-zero',
    run(compute) {
      const p = pod({ restartPolicy: 'OnFailure' });
      expect(compute(p, view([ctr('web', 'exited', 137)])).containersToStart).toEqual(['web']);
      const done = compute(p, view([ctr('web', 'exited', 0)]));
      expect(done.containersToStart).toEqual([]);
      expect(done.killPod).toBe(true);
    },
  },
  {
    name: 'restartPolicy Never restarts nothing, and a pod with nothing left running is killed',
    run(compute) {
      const a = compute(pod({ restartPolicy: 'Never' }), view([ctr('web', 'exited', 1)]));
      expect(a.containersToStart).toEqual([]);
      expect(a.killPod).toBe(true);
      expect(a.createSandbox).toBe(false);
    },
  },
  {
    name: 'a pod that still has a running container is not killed when another one finished for good',
    run(compute) {
      const a = compute(pod({ restartPolicy: 'Never', containers: ['web', 'job'] }), view([ctr('job', 'exited', 0), ctr('web', 'running')]));
      expect(a.killPod).toBe(false);
      expect(a.containersToStart).toEqual([]);
    },
  },
  {
    name: 'only the newest container of a name counts',
    run(compute) {
      const a = compute(pod({ restartPolicy: 'OnFailure' }), view([ctr('web', 'exited', 0, 1), ctr('web', 'exited', 1, 0)]));
      expect(a.containersToStart).toEqual([]);
      const b = compute(pod(), view([ctr('web', 'running', 0, 2), ctr('web', 'exited', 1, 1)]));
      expect(b.containersToStart).toEqual([]);
    },
  },
  {
    name: 'a container whose liveness probe failed is killed with the upstream message, and restarted unless restartPolicy is Never',
    run(compute) {
      const web = ctr('web', 'running');
      const a = compute(pod(), view([web]), { livenessFailed: new Set([web.id]) });
      expect(a.containersToKill).toEqual([{ id: web.id, name: 'web', message: 'Container web failed liveness probe, will be restarted' }]);
      expect(a.containersToStart).toEqual(['web']);
      expect(a.killPod).toBe(false);
      const never = compute(pod({ restartPolicy: 'Never' }), view([web]), { livenessFailed: new Set([web.id]) });
      // Under Never it stays dead: the message promises no restart, and with nothing left the pod is killed.
      expect(never.containersToKill).toEqual([{ id: web.id, name: 'web', message: 'Container web failed liveness probe' }]);
      expect(never.containersToStart).toEqual([]);
      expect(never.killPod).toBe(true);
    },
  },
  {
    name: 'a sandbox that is no longer ready is replaced with the next attempt and everything starts over',
    run(compute) {
      const a = compute(pod({ inits: ['init-a'] }), view([ctr('web', 'running'), ctr('init-a', 'exited', 0)], false, 2));
      expect(a.killPod).toBe(true);
      expect(a.createSandbox).toBe(true);
      expect(a.attempt).toBe(3);
      expect(a.nextInitContainerToStart).toBe('init-a');
    },
  },
  {
    name: 'a pod with restartPolicy Never that already ran gets no new sandbox',
    run(compute) {
      const a = compute(pod({ restartPolicy: 'Never' }), view([ctr('web', 'exited', 0)], false, 0));
      expect(a.createSandbox).toBe(false);
      expect(a.killPod).toBe(true);
      expect(a.containersToStart).toEqual([]);
    },
  },
];
