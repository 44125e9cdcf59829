import { describe, it } from 'vitest';
import { projectVolume } from '../../solutions/configmap/projection.ts';
import { projectionCases } from './projection-suite.ts';

describe('configmap.projection (reference): configMap, secret, downwardAPI and projected volume payloads', () => {
  for (const c of projectionCases) it(c.name, () => c.run(projectVolume));
});
