import { describe, it } from 'vitest';
import { decideStatefulSetActions } from '../../../solutions/statefulset/ordering.ts';
import { orderingCases } from './ordering-suite.ts';

describe('controllers.statefulset (reference)', () => {
  for (const c of orderingCases) it(c.name, () => c.run(decideStatefulSetActions));
});
