/** The `service.endpoints` part cases against the reference. */
import { describe, it } from 'vitest';
import { endpointsSubsets } from '../../../solutions/service/endpoints-subsets.ts';
import { endpointsCases } from './endpoints-subsets-suite.ts';

describe('the reference endpointsSubsets', () => {
  for (const c of endpointsCases) it(c.name, () => c.run(endpointsSubsets));
});
