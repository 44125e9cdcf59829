/**
 * batch/v1 defaults: KK pkg/apis/batch/v1/defaults.go (SetDefaults_Job, SetDefaults_CronJob).
 */
import { setDefaultsPodTemplate } from './pod.ts';
import { child, isObj, setIfEmpty, type Obj } from './util.ts';

const absent = (v: unknown) => v === undefined || v === null;

/**
 * Both completions and parallelism unset → both 1 (a non-parallel Job); parallelism alone unset → 1.
 * backoffLimit 6 (MaxInt32 with backoffLimitPerIndex), completionMode NonIndexed, suspend false,
 * podReplacementPolicy TerminatingOrFailed (Failed with a podFailurePolicy); the Job takes its
 * template's labels when it has none of its own.
 */
export function setDefaultsJob(job: Obj): void {
  const spec = child(job, 'spec');
  if (!spec) return;
  if (absent(spec.completions) && absent(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setIfEmpty(spec, 'parallelism', 1);
  setIfEmpty(spec, 'backoffLimit', absent(spec.backoffLimitPerIndex) ? 6 : 2147483647);
  setIfEmpty(spec, 'completionMode', 'NonIndexed');
  setIfEmpty(spec, 'suspend', false);
  setIfEmpty(spec, 'podReplacementPolicy', absent(spec.podFailurePolicy) ? 'TerminatingOrFailed' : 'Failed');
  const tmeta = isObj(spec.template) ? child(spec.template, 'metadata') : undefined;
  const tlabels = tmeta?.labels;
  if (isObj(tlabels) && Object.keys(tlabels).length > 0) {
    const meta = child(job, 'metadata', true);
    if (meta && (absent(meta.labels) || (isObj(meta.labels) && Object.keys(meta.labels).length === 0))) meta.labels = { ...tlabels };
  }
  setDefaultsPodTemplate(spec.template);
}

/** concurrencyPolicy Allow, suspend false, successfulJobsHistoryLimit 3, failedJobsHistoryLimit 1. */
export function setDefaultsCronJob(cj: Obj): void {
  const spec = child(cj, 'spec');
  if (!spec) return;
  setIfEmpty(spec, 'concurrencyPolicy', 'Allow');
  setIfEmpty(spec, 'suspend', false);
  setIfEmpty(spec, 'successfulJobsHistoryLimit', 3);
  setIfEmpty(spec, 'failedJobsHistoryLimit', 1);
  const jt = child(spec, 'jobTemplate');
  const jspec = jt && child(jt, 'spec');
  if (jspec) setDefaultsPodTemplate(jspec.template);
}
