import { describe, it } from 'vitest';
import { findBestMatch } from '../../../solutions/volume/pv-binder.ts';
import { binderCases } from './pv-binder-suite.ts';

describe('volume.binder (reference)', () => {
  for (const c of binderCases) it(c.name, () => c.run(findBestMatch));
});
