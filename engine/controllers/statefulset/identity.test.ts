import { describe, it } from 'vitest';
import { statefulSetIdentity } from '../../../solutions/statefulset/identity.ts';
import { identityCases } from './identity-suite.ts';

describe('statefulset.identity (reference)', () => {
  for (const c of identityCases) it(c.name, () => c.run(statefulSetIdentity));
});
