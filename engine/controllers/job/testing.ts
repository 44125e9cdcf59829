/**
 * Test helpers for Job tests without kubelets: a Job object, and the status a kubelet would
 * write for a pod that runs or exits.
 */
import type { batchv1, corev1 } from '../../api/types.ts';
import type { Cluster } from '../../cluster/index.ts';
import { rfc3339 } from './job-conditions.ts';

export function jobObject(name: string, spec: Partial<batchv1.JobSpec> = {}): batchv1.Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } },
      ...spec,
    },
  };
}

/** Writes the status a kubelet would for a pod that ran and exited. */
export async function finishPod(cluster: Cluster, pod: corev1.Pod, phase: 'Succeeded' | 'Failed' | 'Running'): Promise<void> {
  const client = cluster.client('kubelet');
  const fresh = await client.pods(pod.metadata!.namespace!).get(pod.metadata!.name!);
  const now = rfc3339(cluster.clock.now());
  const c = fresh.spec!.containers[0]!;
  const state: corev1.ContainerState =
    phase === 'Running'
      ? { running: { startedAt: now } }
      : { terminated: { exitCode: phase === 'Succeeded' ? 0 : 1, reason: phase === 'Succeeded' ? 'Completed' : 'Error', startedAt: now, finishedAt: now } };
  const status: corev1.PodStatus = {
    ...fresh.status,
    phase,
    startTime: now,
    conditions: [{ type: 'Ready', status: phase === 'Running' ? 'True' : 'False', lastTransitionTime: now }],
    containerStatuses: [{ name: c.name, image: c.image!, imageID: `docker.io/library/${c.image}`, ready: phase === 'Running', restartCount: 0, started: phase === 'Running', state }],
  };
  await client.pods(pod.metadata!.namespace!).updateStatus({ ...fresh, status });
}

