/**
 * Part `controllers.job`: the Job controller's decision — given the Job's spec and what its pods
 * have done so far, how many pods to create (and, for Indexed Jobs, with which completion
 * indexes), which active pods to delete, and whether the Job has reached its end
 * (upstream: pkg/controller/job/job_controller.go syncJob / manageJob, pastBackoffLimitOnFailure,
 * pastActiveDeadline; indexed_job_utils.go firstPendingIndexes).
 *
 * The controller (job-controller.ts) does everything around it: counts terminated pods through
 * the tracking finalizer, applies the failure backoff to creates, writes pods, conditions, events
 * and status.
 *
 * Worked example: completions 5, parallelism 2, NonIndexed, 3 succeeded, 1 active →
 * want min(2, 5 - 3) = 2 active → create 1. With 5 succeeded → finish Complete and delete the
 * active pod. With backoffLimit 1 and 2 failed → finish Failed (BackoffLimitExceeded).
 */

/** An active pod as the decision sees it. */
export interface JobPodInfo {
  readonly name: string;
  /** Completion index (Indexed Jobs; undefined when absent or unparsable). */
  readonly index?: number;
  /** Bound to a node (spec.nodeName set). */
  readonly assigned: boolean;
  /** Phase Running. */
  readonly running: boolean;
  /** Ready condition True. */
  readonly ready: boolean;
  /** creationTimestamp, ms since the epoch. */
  readonly created: number;
}

export interface ManageJobInput {
  /** spec.completions; null means "any one success completes the Job" (a work queue). */
  readonly completions: number | null;
  readonly parallelism: number;
  readonly completionMode: 'NonIndexed' | 'Indexed';
  readonly backoffLimit: number;
  readonly suspend: boolean;
  /** Pods still running or waiting to (not terminal, not being deleted). */
  readonly active: readonly JobPodInfo[];
  /** Succeeded pods so far, counted ones plus newly terminated ones. */
  readonly succeeded: number;
  /** Indexes that have a succeeded pod (Indexed Jobs). */
  readonly succeededIndexes: readonly number[];
  /** Failed pods so far, counted ones plus newly terminated ones. */
  readonly failed: number;
  /** restartPolicy OnFailure: container restarts of the active pods count as failures too. */
  readonly activeRestarts: number;
  /** activeDeadlineSeconds has passed since status.startTime. */
  readonly deadlineExceeded: boolean;
}

export type JobFinish =
  | { readonly type: 'Complete'; readonly reason: 'CompletionsReached'; readonly message: string }
  | { readonly type: 'Failed'; readonly reason: 'BackoffLimitExceeded' | 'DeadlineExceeded'; readonly message: string };

export interface ManageJobDecision {
  /** Pods to create now (before the failure backoff the controller applies). */
  readonly create: number;
  /** Indexed Jobs: the completion index of each pod to create (length === create), lowest first. */
  readonly indexes: readonly number[];
  /** Names of active pods to delete. */
  readonly delete: readonly string[];
  /** Set when the Job has met its success or failure criteria (it then deletes every active pod). */
  readonly finish?: JobFinish;
}

export const COMPLETIONS_REACHED_MESSAGE = 'Reached expected number of succeeded pods';
export const BACKOFF_LIMIT_EXCEEDED_MESSAGE = 'Job has reached the specified backoff limit';
export const DEADLINE_EXCEEDED_MESSAGE = 'Job was active longer than specified deadline';

/** The part's shape: a pure function of its input. */
export type ManageJob = (input: ManageJobInput) => ManageJobDecision;
