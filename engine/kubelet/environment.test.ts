import { describe, it } from 'vitest';
import { makeEnvironmentVariables } from '../../solutions/configmap/environment.ts';
import { environmentCases } from './environment-suite.ts';

describe('configmap.env (reference): a container environment from env, envFrom and valueFrom', () => {
  for (const c of environmentCases) it(c.name, () => c.run(makeEnvironmentVariables));
});
