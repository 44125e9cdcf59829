/**
 * Typical mistakes in `scheduler.taints`; the self-check proves each one fails a case. Each mutant
 * changes both functions: the reference's findUntoleratedTaint calls its own toleratesTaint, not
 * the mutated one, and the scheduler's filter calls findUntoleratedTaint.
 */
import type { TaintsPart } from '../../engine/scheduler/parts.ts';
import { defineMutants } from '../exercise-tests.ts';

/** A taints part whose findUntoleratedTaint uses the given (mistaken) toleratesTaint. */
const withTolerates = (toleratesTaint: TaintsPart['toleratesTaint']): TaintsPart => ({
  toleratesTaint,
  findUntoleratedTaint: (taints, tolerations, include) => taints.find((x) => include(x) && !tolerations.some((t) => toleratesTaint(t, x))),
});

export default defineMutants({
  part: 'scheduler.taints',
  mutants: [
    {
      name: 'exists-compares-values',
      mistake: 'operator Exists still compares the values',
      make: (ref) => withTolerates((t, taint) => ref.toleratesTaint(t, taint) && (t.operator !== 'Exists' || (t.value ?? '') === (taint.value ?? ''))),
    },
    {
      name: 'empty-effect-matches-nothing',
      mistake: 'a toleration with no effect tolerates no effect instead of all of them',
      make: (ref) => withTolerates((t, taint) => t.effect === taint.effect && ref.toleratesTaint(t, taint)),
    },
    {
      name: 'equal-ignores-value',
      mistake: 'operator Equal (the default) matches on the key alone, ignoring the value',
      make: (ref) => withTolerates((t, taint) => ref.toleratesTaint(t.operator === 'Exists' ? t : { ...t, value: taint.value }, taint)),
    },
  ],
});
