/** Typical mistakes in `kubelet.probe`; the self-check proves each one fails a case. */
import { defineMutants } from '../exercise-tests.ts';

export default defineMutants({
  part: 'kubelet.probe',
  mutants: [
    {
      name: 'ignores-failure-threshold',
      mistake: 'acts on the first failure instead of failureThreshold failures in a row',
      make: (ref) => (kind, thresholds) => ref(kind, { ...thresholds, failureThreshold: 1 }),
    },
    {
      name: 'counts-failures-in-total',
      mistake: 'counts failures in total instead of in a row: a success in between does not start the count over',
      make: (ref) => (kind, thresholds) => {
        const inner = ref(kind, { ...thresholds, failureThreshold: 1 });
        let failures = 0;
        return {
          observe: (o) => (o === 'failure' && ++failures < thresholds.failureThreshold ? inner.verdict() : inner.observe(o)),
          verdict: () => inner.verdict(),
          done: () => inner.done(),
        };
      },
    },
    {
      name: 'ready-before-probing',
      mistake: 'starts readiness as success: a container is Ready before its first readiness probe',
      make: (ref) => (kind, thresholds) => ref(kind === 'readiness' ? 'liveness' : kind, thresholds),
    },
    {
      name: 'ignores-success-threshold',
      mistake: 'becomes ready on the first success whatever successThreshold says',
      make: (ref) => (kind, thresholds) => ref(kind, { ...thresholds, successThreshold: 1 }),
    },
  ],
});
