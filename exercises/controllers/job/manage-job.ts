/**
 * Exercise `controllers.job`: the Job controller's decision. Read the interface and its worked
 * example in engine/controllers/job/manage-job.ts first.
 *
 * Grade it with `npm run grade -- ctrl-job`: the cases are in grader/tests/ctrl-job.ts (a cluster
 * whose controller uses your function, seen through the API) and engine/controllers/job/manage-job-suite.ts.
 */
import type { ManageJob, ManageJobInput } from '../../../engine/controllers/job/manage-job.ts';

export const manageJob: ManageJob = (input: ManageJobInput) => {
  // TODO: decide first whether the Job has failed (too many failures for its backoffLimit —
  // counting container restarts when pods restart in place — or its deadline passed), then
  // whether it has succeeded (enough completions; a Job without completions needs one success
  // and nothing left running). A finished Job keeps no active pod.
  // TODO: otherwise work out how many pods should be active given parallelism and the
  // completions still missing (none while suspended), and create or delete the difference —
  // deleting the pods that are cheapest to lose first.
  // TODO: for Indexed Jobs, pick which completion indexes the new pods get, and get rid of pods
  // whose index is not (or no longer) needed.
  void input;
  throw new Error('TODO: manageJob');
};
