/**
 * The part cases of `controllers.job` (manageJob), called directly. The grader
 * (grader/tests/ctrl-job.ts) runs them after its cluster cases; the self-check (test/self-check/)
 * runs them against the reference, the learner's stub (where every case must fail) and the
 * mutants (grader/mutants/ctrl-job.ts). Each case throws on failure.
 */
import { expect } from 'vitest';
import { deepFreeze } from '../../client/cache/deep-freeze.ts';
import type { JobPodInfo, ManageJob, ManageJobInput } from './manage-job.ts';

export interface ManageJobCase {
  name: string;
  run(manage: ManageJob): void;
}

/** An active pod: assigned, running and ready unless told otherwise; `created` orders by age. */
export function jobPod(name: string, o: Partial<JobPodInfo> = {}): JobPodInfo {
  return { name, assigned: true, running: true, ready: true, created: 0, ...o };
}

/** A frozen input: a NonIndexed Job with completions 1, parallelism 1, backoffLimit 6, nothing run. */
export function jobInput(o: Partial<ManageJobInput> = {}): ManageJobInput {
  return deepFreeze({
    completions: 1,
    parallelism: 1,
    completionMode: 'NonIndexed',
    backoffLimit: 6,
    suspend: false,
    active: [],
    succeeded: 0,
    succeededIndexes: [],
    failed: 0,
    activeRestarts: 0,
    deadlineExceeded: false,
    ...o,
  } as ManageJobInput);
}

const sorted = (xs: readonly string[]) => [...xs].sort();

export const manageJobCases: readonly ManageJobCase[] = [
  {
    name: 'a new Job starts parallelism pods when completions allow it',
    run(manage) {
      const d = manage(jobInput({ completions: 5, parallelism: 3 }));
      expect(d.create).toBe(3);
      expect(d.delete).toEqual([]);
      expect(d.finish).toBeUndefined();
    },
  },
  {
    name: 'never more active pods than the completions still missing: min(parallelism, completions - succeeded)',
    run(manage) {
      const d = manage(jobInput({ completions: 5, parallelism: 3, succeeded: 3, active: [jobPod('a')] }));
      expect(d.create).toBe(1);
      expect(d.delete).toEqual([]);
    },
  },
  {
    name: 'enough successes complete the Job (CompletionsReached) and delete the pods still running',
    run(manage) {
      const d = manage(jobInput({ completions: 2, parallelism: 2, succeeded: 2, active: [jobPod('extra')] }));
      expect(d.finish).toEqual({ type: 'Complete', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' });
      expect(d.create).toBe(0);
      expect(d.delete).toEqual(['extra']);
    },
  },
  {
    name: 'more failures than backoffLimit fail the Job (BackoffLimitExceeded); exactly backoffLimit does not',
    run(manage) {
      const at = manage(jobInput({ backoffLimit: 2, failed: 2 }));
      expect(at.finish).toBeUndefined();
      expect(at.create).toBe(1);
      const past = manage(jobInput({ backoffLimit: 2, failed: 3, active: [jobPod('a')] }));
      expect(past.finish).toEqual({ type: 'Failed', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
      expect(past.delete).toEqual(['a']);
      expect(past.create).toBe(0);
    },
  },
  {
    name: 'with restartPolicy OnFailure, container restarts count against the backoff limit',
    run(manage) {
      const d = manage(jobInput({ backoffLimit: 3, failed: 0, activeRestarts: 4, active: [jobPod('a')] }));
      expect(d.finish?.reason).toBe('BackoffLimitExceeded');
    },
  },
  {
    name: 'failure wins over success in the same sync',
    run(manage) {
      const d = manage(jobInput({ completions: 1, succeeded: 1, backoffLimit: 0, failed: 1 }));
      expect(d.finish?.type).toBe('Failed');
    },
  },
  {
    name: 'a passed activeDeadlineSeconds fails the Job with DeadlineExceeded',
    run(manage) {
      const d = manage(jobInput({ completions: 3, parallelism: 2, deadlineExceeded: true, active: [jobPod('a'), jobPod('b')] }));
      expect(d.finish).toEqual({ type: 'Failed', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
      expect(sorted(d.delete)).toEqual(['a', 'b']);
    },
  },
  {
    name: 'a suspended Job deletes its active pods and creates none',
    run(manage) {
      const d = manage(jobInput({ completions: 4, parallelism: 2, suspend: true, active: [jobPod('a'), jobPod('b')] }));
      expect(d.create).toBe(0);
      expect(sorted(d.delete)).toEqual(['a', 'b']);
      expect(d.finish).toBeUndefined();
    },
  },
  {
    name: 'lowering parallelism deletes the cheapest pods: unassigned, then not running, then not ready, then newest',
    run(manage) {
      const active = [
        jobPod('ready-old', { created: 0 }),
        jobPod('ready-new', { created: 10 }),
        jobPod('not-ready', { ready: false, created: 0 }),
        jobPod('pending', { running: false, ready: false, created: 0 }),
        jobPod('unassigned', { assigned: false, running: false, ready: false, created: 0 }),
      ];
      expect(manage(jobInput({ completions: 10, parallelism: 1, active })).delete).toEqual(['unassigned', 'pending', 'not-ready', 'ready-new']);
      expect(manage(jobInput({ completions: 10, parallelism: 4, active })).delete).toEqual(['unassigned']);
    },
  },
  {
    name: 'a work-queue Job (completions null) starts parallelism pods, stops starting after a success, completes when none is left',
    run(manage) {
      expect(manage(jobInput({ completions: null, parallelism: 3 })).create).toBe(3);
      const after = manage(jobInput({ completions: null, parallelism: 3, succeeded: 1, active: [jobPod('a'), jobPod('b')] }));
      expect(after).toMatchObject({ create: 0, delete: [] });
      expect(after.finish).toBeUndefined();
      expect(manage(jobInput({ completions: null, parallelism: 3, succeeded: 3 })).finish?.type).toBe('Complete');
    },
  },
  {
    name: 'Indexed: creates the lowest indexes that have neither a success nor an active pod',
    run(manage) {
      const d = manage(jobInput({ completionMode: 'Indexed', completions: 6, parallelism: 3, succeededIndexes: [0, 2], succeeded: 2, active: [jobPod('p1', { index: 1 })] }));
      expect(d.create).toBe(2);
      expect(d.indexes).toEqual([3, 4]);
    },
  },
  {
    name: 'Indexed: completes when every index succeeded, whatever the succeeded counter says',
    run(manage) {
      expect(manage(jobInput({ completionMode: 'Indexed', completions: 3, parallelism: 3, succeededIndexes: [0, 1, 2], succeeded: 4 })).finish?.type).toBe('Complete');
      const notYet = manage(jobInput({ completionMode: 'Indexed', completions: 3, parallelism: 3, succeededIndexes: [0, 1], succeeded: 3 }));
      expect(notYet.finish).toBeUndefined();
      expect(notYet.indexes).toEqual([2]);
    },
  },
  {
    name: 'Indexed: a duplicate, out-of-range or already succeeded index is deleted (the older pod of a pair stays)',
    run(manage) {
      const active = [jobPod('dup-old', { index: 1, created: 0 }), jobPod('dup-new', { index: 1, created: 5 }), jobPod('done', { index: 0 }), jobPod('far', { index: 9 })];
      const d = manage(jobInput({ completionMode: 'Indexed', completions: 3, parallelism: 3, succeededIndexes: [0], succeeded: 1, active }));
      expect(sorted(d.delete)).toEqual(['done', 'dup-new', 'far']);
      expect(d.indexes).toEqual([2]);
    },
  },
];
