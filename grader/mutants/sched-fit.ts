/** Typical mistakes in `scheduler.fit`; the self-check proves each one fails a case. */
import { addResource, emptyResource, resourceFromList } from '../../engine/scheduler/framework/resource.ts';
import { defineMutants } from '../exercise-tests.ts';

export default defineMutants({
  part: 'scheduler.fit',
  mutants: [
    {
      name: 'init-containers-ignored',
      mistake: 'sums the app containers only, forgetting that a larger init container raises the request (max rule)',
      make: (ref) => ({
        ...ref,
        podRequests: (pod) => {
          const r = emptyResource();
          for (const c of pod.spec?.containers ?? []) addResource(r, resourceFromList(c.resources?.requests));
          return r;
        },
      }),
    },
    {
      name: 'ignores-requested',
      mistake: 'compares the request with the node\'s allocatable instead of what is left after the pods already there',
      make: (ref) => ({ ...ref, fitsRequest: (r, n) => ref.fitsRequest(r, { ...n, requested: emptyResource() }) }),
    },
    {
      name: 'exact-fit-rejected',
      mistake: 'rejects a request that exactly fills the node (>= instead of >)',
      make: (ref) => ({
        ...ref,
        fitsRequest: (r, n) => ref.fitsRequest(r, { ...n, allocatable: { ...n.allocatable, milliCPU: n.allocatable.milliCPU - 1 } }),
      }),
    },
    {
      name: 'first-reason-only',
      mistake: 'stops at the first missing resource instead of reporting every one',
      make: (ref) => ({ ...ref, fitsRequest: (r, n) => ref.fitsRequest(r, n).slice(0, 1) }),
    },
  ],
});
