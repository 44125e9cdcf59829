/**
 * Job conditions (upstream: pkg/controller/job/job_controller.go newCondition / ensureJobConditionStatus,
 * IsJobFinished in pkg/controller/job/util/utils.go).
 *
 * A Job is finished when it has a Complete or Failed condition with status True; finished Jobs
 * are never touched again except to release their pods. Upstream sets lastProbeTime and
 * lastTransitionTime to the same time when a condition changes.
 */
import type { batchv1 } from '../../api/types.ts';

/** RFC 3339 with whole seconds, as metav1.Time serialises. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function conditionTrue(job: batchv1.Job, type: string): boolean {
  return !!job.status?.conditions?.some((c) => c.type === type && c.status === 'True');
}

/** The Complete or Failed condition when True (IsJobFinished). */
export function finishedCondition(job: batchv1.Job): 'Complete' | 'Failed' | undefined {
  if (conditionTrue(job, 'Complete')) return 'Complete';
  if (conditionTrue(job, 'Failed')) return 'Failed';
  return undefined;
}

/** Adds or changes a condition in place; an unchanged condition keeps its times. */
export function setCondition(status: batchv1.JobStatus, type: string, value: 'True' | 'False', reason: string, message: string, now: number): void {
  const conditions = status.conditions ?? (status.conditions = []);
  const existing = conditions.find((c) => c.type === type);
  if (existing && existing.status === value && existing.reason === reason && existing.message === message) return;
  const t = rfc3339(now);
  const next: batchv1.JobCondition = { type, status: value, lastProbeTime: t, lastTransitionTime: t, reason, message };
  if (existing) Object.assign(existing, next);
  else conditions.push(next);
}
