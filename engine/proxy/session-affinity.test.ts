/** The reference `proxy.affinity` against its part cases (the grader runs the same ones). */
import { describe, it } from 'vitest';
import { newLoadBalancer } from '../../solutions/proxy/session-affinity.ts';
import { affinityCases } from './session-affinity-suite.ts';

describe('proxy.affinity (reference)', () => {
  for (const c of affinityCases) it(c.name, () => c.run(newLoadBalancer));
});
