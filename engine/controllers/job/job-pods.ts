/**
 * The pods of a Job (upstream: pkg/controller/job/job_controller.go, indexed_job_utils.go,
 * pkg/apis/batch/types.go label and annotation names).
 *
 * Every pod the Job controller creates carries the tracking finalizer
 * `batch.kubernetes.io/job-tracking`: a terminated pod cannot disappear before the controller has
 * counted it in the Job's status (then it removes the finalizer).
 */
import { parseTime } from '../replicaset/pod-util.ts';
import type { batchv1, corev1 } from '../../api/types.ts';
import { deepCopy } from '../../client/cache/deep-freeze.ts';
import { newControllerRef } from '../controller-ref.ts';

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const JOB_COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
/** Since 1.28 the index is also a label (PodIndexLabel), so that pods can be selected by index. */
export const JOB_COMPLETION_INDEX_LABEL = 'batch.kubernetes.io/job-completion-index';
export const JOB_COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';

/** A terminated pod: Succeeded, Failed, or (as upstream counts it) being deleted before succeeding. */
export function podOutcome(pod: corev1.Pod): 'Succeeded' | 'Failed' | undefined {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') return 'Succeeded';
  if (phase === 'Failed') return 'Failed';
  // isPodFailed (without a podFailurePolicy): a pod deleted before it succeeded has failed.
  if (pod.metadata?.deletionTimestamp) return 'Failed';
  return undefined;
}

export function hasTrackingFinalizer(pod: corev1.Pod): boolean {
  return (pod.metadata?.finalizers ?? []).includes(JOB_TRACKING_FINALIZER);
}

/** getCompletionIndex: the annotation as a non-negative integer, else undefined. */
export function completionIndex(pod: corev1.Pod): number | undefined {
  const v = pod.metadata?.annotations?.[JOB_COMPLETION_INDEX_ANNOTATION];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

/**
 * Builds a pod for `job` (GetPodFromTemplate plus the Job's additions): generateName `<job>-`
 * (`<job>-<index>-` when Indexed), the template's labels (which carry the generated
 * controller-uid / job-name labels), a controller ownerReference and the tracking finalizer.
 * Indexed pods get the index annotation and label, hostname `<job>-<index>`, and every container
 * the env var JOB_COMPLETION_INDEX from the annotation through the downward API.
 */
export function podFromJob(job: batchv1.Job, index?: number): corev1.Pod {
  const name = job.metadata?.name ?? '';
  const template = job.spec?.template ?? {};
  const meta = template.metadata ?? {};
  const spec = deepCopy(template.spec ?? { containers: [] }) as corev1.PodSpec;
  const pod: corev1.Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: index === undefined ? `${name}-` : `${name}-${index}-`,
      namespace: job.metadata?.namespace,
      labels: { ...(meta.labels ?? {}) },
      annotations: { ...(meta.annotations ?? {}) },
      finalizers: [...(meta.finalizers ?? []), JOB_TRACKING_FINALIZER],
      ownerReferences: [newControllerRef({ apiVersion: 'batch/v1', kind: 'Job', metadata: job.metadata })],
    },
    spec,
  };
  if (index !== undefined) {
    pod.metadata!.annotations![JOB_COMPLETION_INDEX_ANNOTATION] = String(index);
    pod.metadata!.labels![JOB_COMPLETION_INDEX_LABEL] = String(index);
    spec.hostname ??= `${name}-${index}`;
    const env: corev1.EnvVar = {
      name: JOB_COMPLETION_INDEX_ENV,
      valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${JOB_COMPLETION_INDEX_ANNOTATION}']` } },
    };
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      if (!(c.env ?? []).some((e) => e.name === JOB_COMPLETION_INDEX_ENV)) c.env = [...(c.env ?? []), env];
    }
  }
  if (Object.keys(pod.metadata!.annotations!).length === 0) delete pod.metadata!.annotations;
  return pod;
}

/** Parses status.completedIndexes ("1,3-5,7") into a sorted list. Garbage is ignored. */
export function parseIndexes(s: string | undefined): number[] {
  const out = new Set<number>();
  for (const part of (s ?? '').split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    for (let i = a; i <= b; i++) out.add(i);
  }
  return [...out].sort((x, y) => x - y);
}

/** Formats indexes as status.completedIndexes: sorted, consecutive runs as `a-b` ("1,3-5,7"). */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((x, y) => x - y);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** When the pod finished: the latest container finishedAt, else now (the controller's observation). */
export function podFinishTime(pod: corev1.Pod, now: number): number {
  let t = 0;
  for (const c of pod.status?.containerStatuses ?? []) t = Math.max(t, parseTime(c.state?.terminated?.finishedAt));
  return t || now;
}
