import { describe, expect, it } from 'vitest';
import { describeManageJob, failingManageJobCases, manageJobCases } from '../../../engine/controllers/job/manage-job-suite.ts';
import type { ManageJob } from '../../../engine/controllers/job/manage-job.ts';
import { manageJob as stub } from '../../../exercises/controllers/job/manage-job.ts';
import { manageJob } from './manage-job.ts';

describeManageJob('reference solution', manageJob);

describe('manageJob cases catch broken implementations', () => {
  it('the untouched learner stub fails every case', () => {
    expect(failingManageJobCases(stub)).toEqual(manageJobCases.map((c) => c.name));
  });

  it('an off-by-one backoff limit (failing at backoffLimit failures, not above) is caught', () => {
    const offByOne: ManageJob = (input) => manageJob({ ...input, backoffLimit: input.backoffLimit - 1 });
    expect(failingManageJobCases(offByOne)).toContain('more failures than backoffLimit fail the Job (BackoffLimitExceeded); exactly backoffLimit does not');
  });

  it('ignoring succeeded pods when sizing (always parallelism active) is caught', () => {
    const greedy: ManageJob = (input) => manageJob({ ...input, succeeded: 0, succeededIndexes: [], completions: input.completions === null ? null : input.completions + 1000 });
    expect(failingManageJobCases(greedy)).toContain('never more active pods than the completions still missing: min(parallelism, completions - succeeded)');
  });

  it('deleting the oldest pods first is caught', () => {
    const fifo: ManageJob = (input) => manageJob({ ...input, active: input.active.map((p) => ({ ...p, assigned: true, running: true, ready: true, created: -p.created })) });
    expect(failingManageJobCases(fifo)).toContain('lowering parallelism deletes the cheapest pods: unassigned, then not running, then not ready, then newest');
  });

  it('counting the succeeded counter instead of distinct indexes for Indexed Jobs is caught', () => {
    const byCounter: ManageJob = (input) => manageJob({ ...input, completionMode: 'NonIndexed' });
    expect(failingManageJobCases(byCounter)).toContain('Indexed: completes when every index succeeded, whatever the succeeded counter says');
  });

  it('forgetting OnFailure restarts is caught', () => {
    const noRestarts: ManageJob = (input) => manageJob({ ...input, activeRestarts: 0 });
    expect(failingManageJobCases(noRestarts)).toEqual(['with restartPolicy OnFailure, container restarts count against the backoff limit']);
  });
});
