/** Typical mistakes in `scheduler.queue`; the self-check proves each one fails a case. */
import { defineMutants } from '../exercise-tests.ts';

export default defineMutants({
  part: 'scheduler.queue',
  mutants: [
    {
      name: 'fifo-without-priority',
      mistake: 'orders the queue by arrival only, ignoring priority',
      make: (ref) => ({ ...ref, less: (a, b) => a.timestamp < b.timestamp }),
    },
    {
      name: 'backoff-uncapped',
      mistake: 'doubles the backoff forever, never stopping at the maximum',
      make: (ref) => ({ ...ref, backoffDuration: (attempts, initialMs) => initialMs * 2 ** (attempts - 1) }),
    },
    {
      name: 'backoff-flat',
      mistake: 'waits the initial backoff after every failure instead of doubling it',
      make: (ref) => ({ ...ref, backoffDuration: (_attempts, initialMs) => initialMs }),
    },
  ],
});
