/** Typical mistakes in `scheduler.score`; the self-check proves each one fails a case. */
import { defineMutants } from '../exercise-tests.ts';

export default defineMutants({
  part: 'scheduler.score',
  mutants: [
    {
      name: 'first-of-ties-wins',
      mistake: 'always takes the first of the nodes that tie for the best score',
      make: (ref) => ({ ...ref, selectHost: (nodes) => [...nodes].sort((a, b) => b.totalScore - a.totalScore)[0]!.name }),
    },
    {
      name: 'reverse-ignored',
      mistake: 'ignores `reverse`, so a plugin that counts bad things (untolerated taints) favours the worst node',
      make: (ref) => ({ ...ref, normalizeScore: (max, _reverse, scores) => ref.normalizeScore(max, false, scores) }),
    },
    {
      name: 'weights-ignored',
      mistake: 'adds the normalized scores without multiplying by each plugin\'s weight',
      make: (ref) => ({ ...ref, weightedSum: (plugins) => ref.weightedSum(plugins.map((p) => ({ ...p, weight: 1 }))) }),
    },
  ],
});
