/** The `service.ipalloc` part cases against the reference allocator. */
import { describe, it } from 'vitest';
import { allocateIP } from '../../../solutions/service/ip-allocator.ts';
import { ipAllocCases } from './ip-allocator-suite.ts';

describe('the reference ClusterIP allocator', () => {
  for (const c of ipAllocCases) it(c.name, () => c.run(allocateIP));
});
