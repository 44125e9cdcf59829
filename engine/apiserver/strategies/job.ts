/**
 * The Job strategy (upstream: pkg/registry/batch/job/strategy.go, PrepareForCreate →
 * generateSelector). Unless `spec.manualSelector: true`, the apiserver picks the Job's selector
 * itself so that two Jobs can never select each other's pods:
 *
 *   - the pod template gets `batch.kubernetes.io/controller-uid: <uid>` and
 *     `batch.kubernetes.io/job-name: <name>`, plus the legacy unprefixed `controller-uid` and
 *     `job-name` (kept for old clients), each only when not already set;
 *   - when no selector was given, `spec.selector` becomes
 *     `matchLabels: { batch.kubernetes.io/controller-uid: <uid> }` — unique by construction.
 *
 * The uid is already set when PrepareForCreate runs (handlers/before.ts fills identity first).
 */
import type { KubeObject } from '../../api/object.ts';
import type { ResourceInfo } from '../../api/resources.ts';
import type { Strategy } from './strategy.ts';
import { workloadStrategy } from './workloads.ts';

export const JOB_CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_JOB_CONTROLLER_UID_LABEL = 'controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';

type Rec = Record<string, unknown>;

function child(o: Rec, k: string): Rec {
  const v = o[k];
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Rec;
  const c: Rec = {};
  o[k] = c;
  return c;
}

/** generateSelector: adds the uniquifying labels to the template and selects on the uid. */
export function generateJobSelector(obj: KubeObject): void {
  const spec = obj.spec as Rec | undefined;
  if (!spec || spec.manualSelector === true) return;
  const uid = obj.metadata?.uid ?? '';
  const name = obj.metadata?.name ?? '';
  const labels = child(child(child(spec, 'template'), 'metadata'), 'labels') as Record<string, string>;
  labels[LEGACY_JOB_CONTROLLER_UID_LABEL] ??= uid;
  labels[LEGACY_JOB_NAME_LABEL] ??= name;
  labels[JOB_CONTROLLER_UID_LABEL] ??= uid;
  labels[JOB_NAME_LABEL] ??= name;
  if (spec.selector === undefined || spec.selector === null) spec.selector = { matchLabels: { [JOB_CONTROLLER_UID_LABEL]: uid } };
}

export function jobStrategy(info: ResourceInfo): Strategy {
  const base = workloadStrategy(info);
  return {
    ...base,
    prepareForCreate(obj) {
      base.prepareForCreate(obj);
      generateJobSelector(obj);
    },
  };
}
