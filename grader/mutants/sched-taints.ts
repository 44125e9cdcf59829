/** Typical mistakes in `scheduler.taints`; the self-check proves each one fails a case. */
import { defineMutants } from '../exercise-tests.ts';

export default defineMutants({
  part: 'scheduler.taints',
  mutants: [
    {
      name: 'exists-compares-values',
      mistake: 'operator Exists still compares the values',
      make: (ref) => ({
        ...ref,
        toleratesTaint: (t, taint) => ref.toleratesTaint(t, taint) && (t.operator !== 'Exists' || (t.value ?? '') === (taint.value ?? '')),
      }),
    },
    {
      name: 'empty-effect-matches-nothing',
      mistake: 'a toleration with no effect tolerates no effect instead of all of them',
      make: (ref) => ({
        ...ref,
        toleratesTaint: (t, taint) => t.effect === taint.effect && ref.toleratesTaint(t, taint),
        findUntoleratedTaint: (ts, tols, inc) => ts.find((x) => inc(x) && !tols.some((t) => t.effect === x.effect && ref.toleratesTaint(t, x))),
      }),
    },
  ],
});
