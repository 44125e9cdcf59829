/** Typical mistakes in `controllers.job`; the self-check proves each one fails a case. */
import { defineMutants } from '../exercise-tests.ts';

export default defineMutants({
  part: 'controllers.job',
  mutants: [
    {
      name: 'backoff-off-by-one',
      mistake: 'fails the Job at backoffLimit failures instead of more than backoffLimit',
      make: (ref) => (input) => ref({ ...input, backoffLimit: input.backoffLimit - 1 }),
    },
    {
      name: 'ignores-succeeded',
      mistake: 'sizes the Job by parallelism alone, forgetting the pods that already succeeded',
      make: (ref) => (input) => {
        const d = ref(input);
        if (d.finish) return d;
        // Always aim for parallelism active pods while the Job is not finished.
        const want = input.suspend ? 0 : input.parallelism;
        const create = Math.max(0, want - input.active.length);
        return input.completionMode === 'Indexed' ? d : { ...d, create, delete: d.delete.slice(0, Math.max(0, input.active.length - want)) };
      },
    },
    {
      name: 'deletes-oldest-first',
      mistake: 'removes surplus pods oldest first, whatever their state',
      make: (ref) => (input) => ref({ ...input, active: input.active.map((p) => ({ ...p, assigned: true, running: true, ready: true, created: -p.created })) }),
    },
    {
      name: 'indexed-by-counter',
      mistake: 'counts the succeeded counter instead of distinct succeeded indexes for an Indexed Job',
      make: (ref) => (input) => ref({ ...input, completionMode: 'NonIndexed' }),
    },
    {
      name: 'ignores-onfailure-restarts',
      mistake: 'forgets that with restartPolicy OnFailure container restarts count against backoffLimit',
      make: (ref) => (input) => ref({ ...input, activeRestarts: 0 }),
    },
  ],
});
